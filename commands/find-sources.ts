import { ApplicationCommandType, ContextMenuCommandBuilder } from 'discord.js';
import { ask } from '../src/answers/index.ts';
import { discussOnly } from '../src/bot/buttons.ts';
import type { MessageCommand } from '../src/bot/command.ts';
import { send } from '../src/bot/reply.ts';
import { renderDiscord } from '../src/render/discord.ts';
import { UserError } from '../src/result.ts';

/** Right-click a message → Apps → Find sources: the passages that bear on what it claims. */
export const findSourcesCommand: MessageCommand = {
  kind: 'message',
  data: { ...new ContextMenuCommandBuilder().setName('Find sources').setType(ApplicationCommandType.Message).toJSON(), name: 'Find sources' },
  async execute(interaction, { index }) {
    const claim = interaction.targetMessage.content.trim();
    if (!claim) throw new UserError('That message has no text to find sources for.');
    const answer = ask(index, claim, { limit: 3, claim: true });
    if (!answer.ok) throw new UserError(answer.error);
    await send(interaction, renderDiscord(answer.value, discussOnly));
    return { results: answer.value.results.length };
  },
};
