import { summary } from '../src/answers/index.ts';
import { text, type SlashCommand } from '../src/command.ts';
import { articleOption, suggestFromCorpus } from './options.ts';

export const summaryCommand: SlashCommand = {
  kind: 'slash',
  data: {
    name: 'summary',
    description: 'An article at a glance: its own summary and sections',
    options: [articleOption('article', 'The article (id or part of its title)', true)],
  },
  run: (index, o) => summary(index, text(o, 'article') ?? ''),
  suggest: suggestFromCorpus,
};
