import type { AutocompleteInteraction } from 'discord.js';
import { suggestArticles, suggestCitations, suggestTopics } from '../answers/index.ts';
import type { BotContext } from './command.ts';

/**
 * Answers an autocomplete from the corpus: article titles for article options,
 * citation ids for `id`, words from the corpus for `topic`. Suggestions are
 * computed in memory, far inside Discord's 3-second deadline.
 */
export async function autocompleteFromCorpus(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const typed = String(focused.value ?? '');
  const choices =
    focused.name === 'id' ? suggestCitations(ctx.index, typed) : focused.name === 'topic' ? suggestTopics(ctx.index, typed) : suggestArticles(ctx.index, typed);
  await interaction.respond(choices.map((c) => ({ name: c.name, value: c.value })));
}
