import { ApplicationCommandType } from 'discord-api-types/v10';
import { ask } from '../src/answers/index.ts';
import type { MessageCommand } from '../src/command.ts';
import { refuse } from '../src/result.ts';

/** Right-click a message → Apps → Find sources: the passages that bear on what it claims. */
export const findSourcesCommand: MessageCommand = {
  kind: 'message',
  data: { type: ApplicationCommandType.Message, name: 'Find sources' },
  description: 'Find the passages that support or bear on a message',
  run: (index, { text }, context) =>
    text.trim()
      ? ask(index, text.trim(), { limit: 3, claim: true, scope: context?.server?.scope?.articles })
      : refuse('no-text', 'That message has no text to find sources for.'),
  buttons: ['discuss'],
};
