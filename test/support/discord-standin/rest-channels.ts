// Channels, their messages and threads, as the bot reaches them with its token: read a channel, send,
// edit and delete messages (replies carry message_reference), start threads from a message or alone.
import { ChannelType, GatewayDispatchEvents, MessageFlags, MessageType, ThreadAutoArchiveDuration } from 'discord-api-types/v10';
import type { APIChannel, APIThreadChannel } from 'discord-api-types/v10';
import type { Gateway } from './gateway.ts';
import { HttpError, err, formError, isObj, len, str, validateMessageBody } from './rules.ts';
import type { Json } from './rules.ts';
import type { Reply } from './rest.ts';
import type { StandInState } from './state.ts';
import type { UploadedFile } from './types.ts';

/** /channels/{id}[/messages[/{id}[/threads]]|/threads] */
export function channelRoute(
  state: StandInState,
  gateway: Gateway,
  method: string,
  seg: string[],
  body: Json,
  files: UploadedFile[],
): Reply {
  const channel = state.channels.get(seg[1]!);
  if (!channel) return { status: 404, body: err.unknownChannel() };
  if (seg.length === 2 && method === 'GET') return { status: 200, body: channel };
  if (seg[2] === 'messages' && seg.length === 3 && method === 'POST') {
    validateMessageBody(body, [], true, files.length);
    const ref = isObj(body['message_reference']) ? body['message_reference'] : undefined;
    const message = state.newMessage({
      ...state.messageFields(body, files),
      channelId: channel.id,
      type: ref ? MessageType.Reply : MessageType.Default,
    });
    if (ref && typeof ref['message_id'] === 'string') {
      const guildId = state.guildOfChannel(channel.id);
      message.message_reference = {
        message_id: ref['message_id'],
        channel_id: channel.id,
        ...(guildId !== undefined && { guild_id: guildId }),
      };
      message.referenced_message = state.messages.get(ref['message_id']) ?? null;
    }
    state.messages.set(message.id, message);
    state.changed();
    return { status: 200, body: message };
  }
  if (seg[2] === 'messages' && seg[3] !== undefined) {
    const message = state.messages.get(seg[3]);
    if (!message || message.channel_id !== channel.id) return { status: 404, body: err.unknownMessage() };
    if (seg.length === 4) {
      if (method === 'GET') return { status: 200, body: message };
      if (method === 'PATCH') {
        if (message.author.id !== state.botUserId)
          return { status: 403, body: { message: 'Cannot edit a message authored by another user', code: 50005 } };
        return { status: 200, body: state.editMessage(message, body, files) };
      }
      if (method === 'DELETE') {
        state.deleteMessage(message.id);
        return { status: 204 };
      }
    }
    if (seg.length === 5 && seg[4] === 'threads' && method === 'POST') {
      if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement)
        return { status: 400, body: err.wrongChannelType() };
      if (message.thread) return { status: 400, body: err.threadExists() };
      const thread = createThread(
        state,
        gateway,
        channel,
        body,
        message.id,
        channel.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread,
      );
      message.thread = thread;
      // As Discord does: later copies of the message (e.g. in a button press) say it has a thread.
      message.flags = (message.flags ?? 0) | MessageFlags.HasThread;
      return { status: 201, body: thread };
    }
  }
  if (seg[2] === 'threads' && seg.length === 3 && method === 'POST') {
    if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement)
      return { status: 400, body: err.wrongChannelType() };
    const type =
      body['type'] === ChannelType.PublicThread || body['type'] === ChannelType.AnnouncementThread
        ? body['type']
        : ChannelType.PrivateThread;
    return { status: 201, body: createThread(state, gateway, channel, body, state.snowflake(), type) };
  }
  return { status: 404, body: err.notFound() };
}

function createThread(
  state: StandInState,
  gateway: Gateway,
  parent: APIChannel,
  body: Json,
  id: string,
  type: ChannelType.PublicThread | ChannelType.PrivateThread | ChannelType.AnnouncementThread,
): APIThreadChannel {
  const name = str(body['name']) ?? '';
  if (len(name) < 1 || len(name) > 100)
    throw new HttpError(400, err.invalidForm(formError(['name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.')));
  const archive = body['auto_archive_duration'];
  const autoArchive =
    archive === 60 || archive === 1440 || archive === 4320 || archive === 10080 ? archive : ThreadAutoArchiveDuration.OneDay;
  const guildId = state.guildOfChannel(parent.id);
  const now = new Date().toISOString();
  const thread = {
    id,
    type,
    guild_id: guildId,
    parent_id: parent.id,
    name,
    owner_id: state.botUserId,
    last_message_id: null,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    rate_limit_per_user: typeof body['rate_limit_per_user'] === 'number' ? body['rate_limit_per_user'] : 0,
    flags: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: autoArchive,
      archive_timestamp: now,
      locked: false,
      create_timestamp: now,
      ...(type === ChannelType.PrivateThread ? { invitable: body['invitable'] !== false } : {}),
    },
    member: { id, user_id: state.botUserId, join_timestamp: now, flags: 0 },
    applied_tags: [],
  } as unknown as APIThreadChannel;
  state.channels.set(id, thread);
  state.threads.push(thread);
  try {
    gateway.dispatch(GatewayDispatchEvents.ThreadCreate, { ...thread, newly_created: true }, { guildId });
  } catch {
    // no gateway session: REST alone still works
  }
  state.changed();
  return thread;
}
