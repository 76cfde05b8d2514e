// Answering interactions: the callback (reply, defer, update, autocomplete, modal) with Discord's
// 3-second deadline and single acknowledgement, then the interaction webhook for follow-ups and edits.
import { InteractionResponseType, InteractionType, MessageFlags } from 'discord-api-types/v10';
import type { APIMessage } from 'discord-api-types/v10';
import { HttpError, INTERACTION_TTL_MS, err, formError, isObj, len, validateMessageBody } from './rules.ts';
import type { Json } from './rules.ts';
import type { Reply } from './rest.ts';
import type { StandInState } from './state.ts';
import type { UploadedFile } from './types.ts';

/** Narrows a value off the wire to one of `members`. */
const isOneOf = <T>(value: unknown, members: readonly T[]): value is T => (members as readonly unknown[]).includes(value);

/** POST /interactions/{id}/{token}/callback */
export function interactionCallback(
  state: StandInState,
  id: string,
  token: string,
  body: Json,
  query: Record<string, string>,
  files: UploadedFile[],
): Reply {
  const sent = state.interactions.get(id);
  if (!sent || sent.token !== token) return { status: 404, body: err.unknownInteraction() };
  if (sent.callbackType !== null) return { status: 400, body: err.alreadyAcknowledged() };
  if (Date.now() - sent.createdAt > state.opts.ackDeadlineMs) return { status: 404, body: err.unknownInteraction() };
  const type = body['type'];
  const data = isObj(body['data']) ? body['data'] : undefined;
  const isComponent =
    sent.type === InteractionType.MessageComponent || (sent.type === InteractionType.ModalSubmit && sent.componentMessageId !== null);
  const allowed: InteractionResponseType[] =
    sent.type === InteractionType.ApplicationCommandAutocomplete
      ? [InteractionResponseType.ApplicationCommandAutocompleteResult]
      : [
          InteractionResponseType.ChannelMessageWithSource,
          InteractionResponseType.DeferredChannelMessageWithSource,
          ...(isComponent ? [InteractionResponseType.DeferredMessageUpdate, InteractionResponseType.UpdateMessage] : []),
          ...(sent.type !== InteractionType.ModalSubmit ? [InteractionResponseType.Modal] : []),
        ];
  if (!isOneOf(type, allowed)) {
    throw new HttpError(
      400,
      err.invalidForm(
        formError(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', 'Interaction response type is not valid for this interaction'),
      ),
    );
  }
  let message: APIMessage | null = null;
  switch (type) {
    case InteractionResponseType.ChannelMessageWithSource: {
      validateMessageBody(data ?? {}, ['data'], true, files.length);
      message = state.newMessage({ ...state.messageFields(data ?? {}, files), channelId: sent.channelId, interaction: sent });
      state.messages.set(message.id, message);
      sent.originalMessageId = message.id;
      break;
    }
    case InteractionResponseType.DeferredChannelMessageWithSource: {
      const flags = (Number(data?.['flags'] ?? 0) & MessageFlags.Ephemeral) | MessageFlags.Loading;
      message = state.newMessage({ channelId: sent.channelId, interaction: sent, flags, content: '' });
      state.messages.set(message.id, message);
      sent.originalMessageId = message.id;
      break;
    }
    case InteractionResponseType.DeferredMessageUpdate: {
      sent.originalMessageId = sent.componentMessageId;
      message = sent.componentMessageId ? (state.messages.get(sent.componentMessageId) ?? null) : null;
      break;
    }
    case InteractionResponseType.UpdateMessage: {
      validateMessageBody(data ?? {}, ['data'], false, files.length);
      const target = sent.componentMessageId ? state.messages.get(sent.componentMessageId) : undefined;
      if (target) {
        message = state.editMessage(target, data ?? {}, files);
        sent.originalMessageId = message.id;
      }
      break;
    }
    case InteractionResponseType.ApplicationCommandAutocompleteResult: {
      const choices = data?.['choices'];
      if (!Array.isArray(choices))
        throw new HttpError(400, err.invalidForm(formError(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required')));
      if (choices.length > 25)
        throw new HttpError(400, err.invalidForm(formError(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.')));
      choices.forEach((c: unknown, i: number) => {
        if (!isObj(c) || len(c['name']) < 1 || len(c['name']) > 100) {
          throw new HttpError(
            400,
            err.invalidForm(formError(['data', 'choices', i, 'name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.')),
          );
        }
        if (typeof c['value'] === 'string' && len(c['value']) > 100) {
          throw new HttpError(
            400,
            err.invalidForm(formError(['data', 'choices', i, 'value'], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.')),
          );
        }
      });
      break;
    }
    case InteractionResponseType.Modal: {
      if (!data || len(data['custom_id']) < 1 || len(data['title']) < 1) {
        throw new HttpError(400, err.invalidForm(formError(['data'], 'BASE_TYPE_REQUIRED', 'This field is required')));
      }
      break;
    }
  }
  sent.callbackType = type;
  const withResponse = query['with_response'] === 'true';
  state.callbacks.push({ interactionId: id, token, type, data, body, withResponse, files, messageId: message?.id ?? null, at: Date.now() });
  state.changed();
  if (!withResponse) return { status: 204 };
  const interaction: Json = { id, type: sent.type };
  if (message) {
    interaction['response_message_id'] = message.id;
    interaction['response_message_loading'] = type === InteractionResponseType.DeferredChannelMessageWithSource;
    interaction['response_message_ephemeral'] = ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  }
  const resource: Json = { type };
  if (message && type !== InteractionResponseType.DeferredMessageUpdate) resource['message'] = message;
  return { status: 200, body: { interaction, resource } };
}

/** /webhooks/{application}/{interaction token}[/messages/{id|@original}]: follow-ups and edits. */

export function webhookRoute(
  state: StandInState,
  method: string,
  seg: string[],
  body: Json,
  query: Record<string, string>,
  files: UploadedFile[],
): Reply {
  const [, appId, token, messagesSeg, messageRef] = seg;
  const sent = token !== undefined ? state.interactionsByToken.get(token) : undefined;
  if (appId !== state.applicationId || !sent || Date.now() - sent.createdAt > INTERACTION_TTL_MS)
    return { status: 404, body: err.unknownWebhook() };
  if (seg.length === 3 && method === 'POST') {
    if (sent.callbackType === null) return { status: 404, body: err.unknownWebhook() };
    validateMessageBody(body, [], true, files.length);
    const message = state.newMessage({
      ...state.messageFields(body, files),
      channelId: query['thread_id'] ?? sent.channelId,
      interaction: sent,
      followUp: true,
    });
    state.messages.set(message.id, message);
    sent.followUpIds.push(message.id);
    state.changed();
    return query['wait'] === 'true' ? { status: 200, body: message } : { status: 204 };
  }
  if (seg.length === 5 && messagesSeg === 'messages' && messageRef !== undefined) {
    const id = messageRef === '@original' ? sent.originalMessageId : messageRef;
    const message = id !== null && (id === sent.originalMessageId || sent.followUpIds.includes(id)) ? state.messages.get(id) : undefined;
    if (!message) return { status: 404, body: err.unknownMessage() };
    if (method === 'GET') return { status: 200, body: message };
    if (method === 'PATCH') {
      const edited = state.editMessage(message, body, files);
      return { status: 200, body: edited };
    }
    if (method === 'DELETE') {
      state.deleteMessage(message.id);
      return { status: 204 };
    }
  }
  return { status: 404, body: err.notFound() };
}
