// Options several commands share, described once so they read the same everywhere.
import { ApplicationCommandOptionType, PermissionFlagsBits, type APIApplicationCommandBasicOption } from 'discord-api-types/v10';
import { suggestArticles, suggestCitations, suggestTopics, type Suggestion } from '../src/answers/index.ts';
import { PRIVATE_OPTION } from '../src/command.ts';
import type { SearchIndex } from '../src/search/index.ts';

/** Manage Server: what the server-admin commands need by default; a server's own command permissions decide who else may. */
export const MANAGE_SERVER = String(PermissionFlagsBits.ManageGuild);

/** An article, by id or part of its title, with the titles suggested as it is typed. */
export const articleOption = (name: string, description: string, required = false): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name,
  description,
  required,
  autocomplete: true,
  max_length: 200,
});

/** A topic or a few words, with words from the corpus suggested. */
export const topicOption = (required = false): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name: 'topic',
  description: 'A topic or a few words',
  required,
  autocomplete: true,
  ...(required && { min_length: 2 }),
  max_length: 300,
});

/** Only the asker sees the answer (Discord only; see PRIVATE_OPTION). */
export const privateOption: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.Boolean,
  name: PRIVATE_OPTION,
  description: 'Only you see the answer',
};

/** Suggestions from the corpus: citation ids for `id`, words for `topic`, article titles for any other option. */
export function suggestFromCorpus(index: SearchIndex, option: string, typed: string): readonly Suggestion[] {
  if (option === 'id') return suggestCitations(index, typed);
  if (option === 'topic') return suggestTopics(index, typed);
  return suggestArticles(index, typed);
}
