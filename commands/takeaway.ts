import { takeaway } from '../src/answers/index.ts';
import { text, type SlashCommand } from '../src/command.ts';
import { articleOption, suggestFromCorpus, topicOption } from './options.ts';

export const takeawayCommand: SlashCommand = {
  kind: 'slash',
  data: {
    name: 'takeaway',
    description: 'What an article wants you to do: its key takeaways',
    options: [articleOption('article', 'Only this article (id or part of its title)'), topicOption()],
  },
  // In a scoped channel, the channel's articles (an explicit article wins).
  run: (index, o, context) =>
    takeaway(index, { article: text(o, 'article'), topic: text(o, 'topic'), scope: context?.server?.scope?.articles }),
  suggest: suggestFromCorpus,
  buttons: ['discuss'],
};
