// A stand-in for a discord.js interaction, enough for the dispatcher and the command handlers,
// so thousands of generated inputs can go through the real handlers and render path in-process.
// (The end-to-end tests use the real client against the Discord stand-in instead.)
import type { Interaction } from 'discord.js';

export interface Captured {
  kind: 'reply' | 'editReply' | 'followUp' | 'respond';
  payload: Record<string, unknown>;
}

type Value = string | number | boolean;

export function fakeCommand(
  name: string,
  options: Record<string, Value | undefined>,
  opts: { type?: 'slash' | 'message' | undefined; targetContent?: string | undefined; userId?: string | undefined } = {},
) {
  const sent: Captured[] = [];
  const data = Object.entries(options)
    .filter(([, v]) => v !== undefined)
    .map(([n, v]) => ({ name: n, value: v }));
  const get = (n: string, required?: boolean) => {
    const v = options[n];
    if (v === undefined && required) throw new Error(`required option ${n} missing`);
    return v ?? null;
  };
  const isMessage = opts.type === 'message';
  const state = { replied: false, deferred: false };
  const interaction = {
    id: '1',
    type: 2,
    commandName: name,
    user: { id: opts.userId ?? '42' },
    guildId: '100',
    channel: null,
    get replied() {
      return state.replied;
    },
    get deferred() {
      return state.deferred;
    },
    isAutocomplete: () => false,
    isRepliable: () => true,
    isCommand: () => true,
    isButton: () => false,
    isChatInputCommand: () => !isMessage,
    isMessageContextMenuCommand: () => isMessage,
    targetMessage: { content: opts.targetContent ?? '' },
    options: {
      data,
      getString: (n: string, r?: boolean) => get(n, r) as string | null,
      getInteger: (n: string, r?: boolean) => get(n, r) as number | null,
      getBoolean: (n: string, r?: boolean) => get(n, r) as boolean | null,
    },
    // Discord answers at once here: resolved promises, as the real methods return.
    reply: (p: Record<string, unknown>) => {
      state.replied = true;
      sent.push({ kind: 'reply', payload: p });
      return Promise.resolve();
    },
    editReply: (p: Record<string, unknown>) => {
      state.replied = true;
      sent.push({ kind: 'editReply', payload: p });
      return Promise.resolve();
    },
    followUp: (p: Record<string, unknown>) => {
      sent.push({ kind: 'followUp', payload: p });
      return Promise.resolve();
    },
    deferReply: () => {
      state.deferred = true;
      return Promise.resolve();
    },
  };
  return { interaction: interaction as unknown as Interaction, sent };
}
