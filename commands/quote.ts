import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { quote } from '../src/answers/index.ts';
import { text, type SlashCommand } from '../src/command.ts';
import { suggestFromCorpus } from './options.ts';
import { wasRemoved } from '../src/reload/admin.ts';
import { refuse } from '../src/result.ts';

export const quoteCommand: SlashCommand = {
  kind: 'slash',
  data: {
    name: 'quote',
    description: 'The whole passage a citation id names',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'id',
        description: 'A citation id, like article-id#summary-1',
        required: true,
        autocomplete: true,
        max_length: 300,
      },
    ],
  },
  run: (index, o, context) => {
    const found = quote(index, text(o, 'id') ?? '');
    // A citation from before a reload that took its passage away: say so, not "unknown".
    if (!found.ok && wasRemoved(context?.corpus, (text(o, 'id') ?? '').trim()))
      return refuse('removed-citation', 'That passage was removed from the corpus when it was last reloaded.');
    return found;
  },
  suggest: suggestFromCorpus,
};
