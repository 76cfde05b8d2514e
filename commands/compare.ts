import { compare } from '../src/answers/index.ts';
import { text, type SlashCommand } from '../src/command.ts';
import { articleOption, suggestFromCorpus, topicOption } from './options.ts';

export const compareCommand: SlashCommand = {
  kind: 'slash',
  data: {
    name: 'compare',
    description: 'How the articles treat one topic, side by side',
    options: [
      topicOption(true),
      articleOption('article_a', 'First article to compare (default: all)'),
      articleOption('article_b', 'Second article to compare'),
    ],
  },
  // In a scoped channel, the channel's articles unless some are named.
  run: (index, o, context) =>
    compare(index, text(o, 'topic') ?? '', {
      articles: [text(o, 'article_a'), text(o, 'article_b')].filter((a) => a !== undefined),
      scope: context?.server?.scope?.articles,
    }),
  suggest: suggestFromCorpus,
  buttons: ['discuss'],
};
