// What Discord checks where a bot can get it wrong (message and embed limits, command shapes), the
// Discord-shaped errors it answers with, and the ids the stand-in hands out. No state here.
import { ApplicationCommandOptionType, ApplicationCommandType, MessageFlags, PermissionFlagsBits } from 'discord-api-types/v10';

export type Json = Record<string, unknown>;

/** A REST answer: thrown deep in a route, turned into the HTTP reply by the REST module. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
  ) {
    super(typeof body['message'] === 'string' ? body['message'] : `HTTP ${status}`);
  }
}

// ───────────────────────────── ids, errors, limits ─────────────────────────────

export const DISCORD_EPOCH = 1420070400000n;
// Fixed entities get ids at 2024-01-01 so runs are reproducible; the offset is a multiple of 720720
// (lcm of 1..16), so with consecutive guild ids guild i lands on shard i % n for any n ≤ 16.
export const FIXED_MS = (() => {
  const off = 1704067200000n - DISCORD_EPOCH;
  return off - (off % 720720n);
})();
export const fixedId = (msOffset: number, increment = 0): string => (((FIXED_MS + BigInt(msOffset)) << 22n) | BigInt(increment)).toString();

export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);
export const INTERACTION_TTL_MS = 15 * 60_000;

export const DEFAULT_MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions;
export const DEFAULT_APP_PERMISSIONS = DEFAULT_MEMBER_PERMISSIONS | PermissionFlagsBits.ManageThreads | PermissionFlagsBits.ManageMessages;

export const err = {
  notFound: (): Json => ({ message: '404: Not Found', code: 0 }),
  unauthorized: (): Json => ({ message: '401: Unauthorized', code: 0 }),
  unknownChannel: (): Json => ({ message: 'Unknown Channel', code: 10003 }),
  unknownGuild: (): Json => ({ message: 'Unknown Guild', code: 10004 }),
  unknownMessage: (): Json => ({ message: 'Unknown Message', code: 10008 }),
  unknownWebhook: (): Json => ({ message: 'Unknown Webhook', code: 10015 }),
  unknownCommand: (): Json => ({ message: 'Unknown application command', code: 10063 }),
  unknownInteraction: (): Json => ({ message: 'Unknown interaction', code: 10062 }),
  alreadyAcknowledged: (): Json => ({ message: 'Interaction has already been acknowledged.', code: 40060 }),
  emptyMessage: (): Json => ({ message: 'Cannot send an empty message', code: 50006 }),
  wrongChannelType: (): Json => ({ message: 'Cannot execute action on this channel type', code: 50024 }),
  threadExists: (): Json => ({ message: 'A thread has already been created for this message', code: 160004 }),
  invalidForm: (errors: Json): Json => ({ message: 'Invalid Form Body', code: 50035, errors }),
};

/** Discord's nested form-error shape for one field path like ['data','content']. */
export function formError(path: (string | number)[], code: string, message: string): Json {
  let node: Json = { _errors: [{ code, message }] };
  for (let i = path.length - 1; i >= 0; i--) node = { [String(path[i])]: node };
  return node;
}

export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const len = (v: unknown): number => (typeof v === 'string' ? [...v].length : 0);

/** Checks a message body the way Discord does; throws HttpError 400. `where` prefixes error paths. */
export function validateMessageBody(body: Json, where: string[], requireContent: boolean, files: number): void {
  const content = body['content'];
  if (content !== undefined && content !== null && typeof content !== 'string') {
    throw new HttpError(
      400,
      err.invalidForm(formError([...where, 'content'], 'STRING_TYPE_CONVERT', 'Could not interpret value as string.')),
    );
  }
  if (len(content) > 2000) {
    throw new HttpError(400, err.invalidForm(formError([...where, 'content'], 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.')));
  }
  const embeds = body['embeds'];
  if (embeds !== undefined && embeds !== null) {
    if (!Array.isArray(embeds))
      throw new HttpError(400, err.invalidForm(formError([...where, 'embeds'], 'LIST_TYPE_CONVERT', 'Must be a list.')));
    if (embeds.length > 10) {
      throw new HttpError(400, err.invalidForm(formError([...where, 'embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.')));
    }
    let total = 0;
    embeds.forEach((e: unknown, i: number) => {
      if (!isObj(e))
        throw new HttpError(
          400,
          err.invalidForm(formError([...where, 'embeds', i], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType')),
        );
      const at = [...where, 'embeds', i];
      const check = (v: unknown, max: number, path: (string | number)[]) => {
        if (len(v) > max)
          throw new HttpError(
            400,
            err.invalidForm(formError([...at, ...path], 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`)),
          );
        total += len(v);
      };
      check(e['title'], 256, ['title']);
      check(e['description'], 4096, ['description']);
      if (isObj(e['footer'])) check(e['footer']['text'], 2048, ['footer', 'text']);
      if (isObj(e['author'])) check(e['author']['name'], 256, ['author', 'name']);
      const fields = e['fields'];
      if (Array.isArray(fields)) {
        if (fields.length > 25)
          throw new HttpError(400, err.invalidForm(formError([...at, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.')));
        fields.forEach((f: unknown, j: number) => {
          if (!isObj(f)) return;
          if (len(f['name']) === 0 || len(f['value']) === 0) {
            throw new HttpError(
              400,
              err.invalidForm(
                formError([...at, 'fields', j, len(f['name']) === 0 ? 'name' : 'value'], 'BASE_TYPE_REQUIRED', 'This field is required'),
              ),
            );
          }
          check(f['name'], 256, ['fields', j, 'name']);
          check(f['value'], 1024, ['fields', j, 'value']);
        });
      }
    });
    if (total > 6000) {
      throw new HttpError(
        400,
        err.invalidForm(formError([...where, 'embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000')),
      );
    }
  }
  const components = body['components'];
  if (Array.isArray(components) && components.length > 5 && !((Number(body['flags'] ?? 0) & MessageFlags.IsComponentsV2) !== 0)) {
    throw new HttpError(400, err.invalidForm(formError([...where, 'components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.')));
  }
  if (requireContent) {
    const hasContent = len(content) > 0;
    const hasEmbeds = Array.isArray(embeds) && embeds.length > 0;
    const hasComponents = Array.isArray(components) && components.length > 0;
    const hasPoll = isObj(body['poll']);
    const hasSticker = Array.isArray(body['sticker_ids']) && body['sticker_ids'].length > 0;
    if (!hasContent && !hasEmbeds && !hasComponents && !hasPoll && !hasSticker && files === 0) throw new HttpError(400, err.emptyMessage());
  }
}

const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Validates one application command the way Discord's bulk overwrite does (the parts a bot can get wrong). */
export function validateCommand(cmd: unknown, index: number): void {
  const at = (...p: (string | number)[]) => [index, ...p];
  if (!isObj(cmd))
    throw new HttpError(400, err.invalidForm(formError(at(), 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType')));
  const type = cmd['type'] ?? ApplicationCommandType.ChatInput;
  const name = str(cmd['name']) ?? '';
  const chatInput = type === ApplicationCommandType.ChatInput;
  if (chatInput ? !NAME_RE.test(name) || name !== name.toLowerCase() : len(name) < 1 || len(name) > 32) {
    throw new HttpError(400, err.invalidForm(formError(at('name'), 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid')));
  }
  const description = cmd['description'];
  if (chatInput) {
    if (len(description) < 1 || len(description) > 100) {
      throw new HttpError(
        400,
        err.invalidForm(formError(at('description'), 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.')),
      );
    }
  } else if (len(description) > 0) {
    throw new HttpError(
      400,
      err.invalidForm(
        formError(at('description'), 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION', 'Context menu commands cannot have description'),
      ),
    );
  }
  const validateOptions = (options: unknown, path: (string | number)[]) => {
    if (options === undefined || options === null) return;
    if (!Array.isArray(options)) throw new HttpError(400, err.invalidForm(formError([...path], 'LIST_TYPE_CONVERT', 'Must be a list.')));
    if (!chatInput && options.length > 0) {
      throw new HttpError(
        400,
        err.invalidForm(formError([...path], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Context menu commands cannot have options')),
      );
    }
    if (options.length > 25)
      throw new HttpError(400, err.invalidForm(formError([...path], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.')));
    const seen = new Set<string>();
    let sawOptional = false;
    options.forEach((o: unknown, i: number) => {
      if (!isObj(o))
        throw new HttpError(
          400,
          err.invalidForm(formError([...path, i], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType')),
        );
      const oname = str(o['name']) ?? '';
      if (!NAME_RE.test(oname) || oname !== oname.toLowerCase()) {
        throw new HttpError(
          400,
          err.invalidForm(formError([...path, i, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid')),
        );
      }
      if (seen.has(oname))
        throw new HttpError(
          400,
          err.invalidForm(formError([...path], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique')),
        );
      seen.add(oname);
      if (len(o['description']) < 1 || len(o['description']) > 100) {
        throw new HttpError(
          400,
          err.invalidForm(formError([...path, i, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.')),
        );
      }
      const otype = o['type'];
      const nested = otype === ApplicationCommandOptionType.Subcommand || otype === ApplicationCommandOptionType.SubcommandGroup;
      if (!nested) {
        if (o['required'] === true && sawOptional) {
          throw new HttpError(
            400,
            err.invalidForm(
              formError(
                [...path],
                'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
                'Required options must be placed before non-required options',
              ),
            ),
          );
        }
        if (o['required'] !== true) sawOptional = true;
      }
      const choices = o['choices'];
      if (Array.isArray(choices)) {
        if (choices.length > 25)
          throw new HttpError(
            400,
            err.invalidForm(formError([...path, i, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.')),
          );
        if (o['autocomplete'] === true && choices.length > 0) {
          throw new HttpError(
            400,
            err.invalidForm(
              formError(
                [...path, i, 'autocomplete'],
                'APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE',
                'Autocomplete cannot be set on options with choices',
              ),
            ),
          );
        }
      }
      if (nested) validateOptions(o['options'], [...path, i, 'options']);
    });
  };
  validateOptions(cmd['options'], at('options'));
}
