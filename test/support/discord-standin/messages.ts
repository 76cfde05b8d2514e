// Messages people (or other bots) post in a channel or thread, delivered to the bot as MESSAGE_CREATE the way
// Discord does: only with the Guild Messages intent, and with their text (content, embeds, attachments,
// components) only when the message mentions the bot, unless the bot has the privileged Message Content intent.
import { GatewayDispatchEvents, MessageType } from 'discord-api-types/v10';
import type { APIMessage, APIUser } from 'discord-api-types/v10';
import type { Gateway } from './gateway.ts';
import { DISCORD_EPOCH, FIXED_MS } from './rules.ts';
import type { StandInState } from './state.ts';

/** Gateway intents, as Discord numbers them. */
export const GUILD_MESSAGES = 1 << 9;
export const MESSAGE_CONTENT = 1 << 15;

export interface PostOptions {
  /** Where (default: the first guild's text channel); a thread's id posts in the thread. */
  readonly channelId?: string;
  /** Who (default: the test user). */
  readonly author?: Partial<APIUser> & { id: string };
  /** A reply to this message id. */
  readonly replyTo?: string;
}

export class UserMessages {
  constructor(
    private readonly state: StandInState,
    private readonly gateway: Gateway,
  ) {}

  /** Stores the message, and dispatches it to the bot if its intents would let Discord do so. Returns the stored message (full text). */
  post(content: string, options: PostOptions = {}): APIMessage {
    const channelId = options.channelId ?? this.state.guildInfo(undefined).textChannelId;
    const guildId = this.state.guildOfChannel(channelId);
    const author: APIUser = { ...this.state.defaultUser, ...options.author };
    const message = this.state.newMessage({ channelId, author, content, type: options.replyTo ? MessageType.Reply : MessageType.Default });
    message.mentions = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => (m[1] === this.state.botUserId ? this.state.botUser : { ...this.state.defaultUser, id: m[1]!, username: `user${m[1]!.slice(-4)}` }));
    message.mention_everyone = /@(everyone|here)\b/.test(content);
    if (options.replyTo) {
      message.message_reference = { message_id: options.replyTo, channel_id: channelId, ...(guildId && { guild_id: guildId }) };
      message.referenced_message = this.state.messages.get(options.replyTo) ?? null;
    }
    this.state.messages.set(message.id, message);
    this.state.changed();

    const intents = this.state.identifies.at(-1)?.intents ?? 0;
    if ((intents & GUILD_MESSAGES) === 0) return message;
    const seesText = (intents & MESSAGE_CONTENT) !== 0 || message.mentions.some((u) => u.id === this.state.botUserId);
    const delivered = seesText ? message : { ...message, content: '', embeds: [], attachments: [], components: [] };
    const member = { roles: [], joined_at: new Date(Number(FIXED_MS + DISCORD_EPOCH)).toISOString(), deaf: false, mute: false, flags: 0 };
    this.gateway.dispatch(GatewayDispatchEvents.MessageCreate, { ...delivered, ...(guildId && { guild_id: guildId, member }) }, { guildId });
    return message;
  }
}
