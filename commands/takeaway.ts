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
  run: (index, o) => takeaway(index, { article: text(o, 'article'), topic: text(o, 'topic') }),
  suggest: suggestFromCorpus,
  buttons: ['discuss'],
};
