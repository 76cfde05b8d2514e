import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { quote } from '../src/answers/index.ts';
import { text, type SlashCommand } from '../src/command.ts';
import { suggestFromCorpus } from './options.ts';

export const quoteCommand: SlashCommand = {
  kind: 'slash',
  data: {
    name: 'quote',
    description: 'The whole passage a citation id names',
    options: [
      { type: ApplicationCommandOptionType.String, name: 'id', description: 'A citation id, like article-id#summary-1', required: true, autocomplete: true, max_length: 300 },
    ],
  },
  run: (index, o) => quote(index, text(o, 'id') ?? ''),
  suggest: suggestFromCorpus,
};
