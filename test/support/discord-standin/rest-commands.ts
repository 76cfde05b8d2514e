// Application command registration: GET, PUT (bulk overwrite), POST, PATCH and DELETE, global and per
// guild, each command checked as Discord checks it.
import { ApplicationCommandType, ApplicationIntegrationType } from 'discord-api-types/v10';
import type { APIApplicationCommand, InteractionContextType } from 'discord-api-types/v10';
import { HttpError, err, formError, isObj, str, validateCommand } from './rules.ts';
import type { Json } from './rules.ts';
import type { Reply } from './rest.ts';
import type { StandInState } from './state.ts';

/** A command's type as sent (ChatInput when left out); validateCommand has already seen the body. */
const commandType = (raw: Json) => (raw['type'] as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput;

/** /applications/{id}/commands[/…] (guildId null) and /applications/{id}/guilds/{guildId}/commands[/…]. */
export function commandsRoute(state: StandInState, method: string, guildId: string | null, rest: string[], body: unknown): Reply {
  const list = () => (guildId === null ? state.commands.global : (state.commands.guilds.get(guildId) ?? []));
  const save = (cmds: APIApplicationCommand[]) => {
    if (guildId === null) state.commands.global.splice(0, state.commands.global.length, ...cmds);
    else state.commands.guilds.set(guildId, cmds);
    state.changed();
  };
  const build = (raw: Json, existing: APIApplicationCommand | undefined): APIApplicationCommand => {
    const type = commandType(raw);
    const cmd = {
      ...raw,
      id: existing?.id ?? state.snowflake(),
      application_id: state.applicationId,
      version: state.snowflake(),
      type,
      name: str(raw['name']) ?? '',
      description: str(raw['description']) ?? '',
      default_member_permissions: (raw['default_member_permissions'] as string | null | undefined) ?? null,
      nsfw: raw['nsfw'] === true,
      integration_types: (raw['integration_types'] as ApplicationIntegrationType[] | undefined) ?? [
        ApplicationIntegrationType.GuildInstall,
      ],
      contexts: (raw['contexts'] as InteractionContextType[] | null | undefined) ?? null,
    } as APIApplicationCommand;
    if (guildId !== null) cmd.guild_id = guildId;
    return cmd;
  };
  if (rest.length === 0) {
    if (method === 'GET') return { status: 200, body: list() };
    if (method === 'PUT') {
      if (!Array.isArray(body))
        throw new HttpError(400, err.invalidForm({ _errors: [{ code: 'LIST_TYPE_CONVERT', message: 'Must be a list.' }] }));
      if (body.length > 100)
        throw new HttpError(
          400,
          err.invalidForm({ _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 100 or fewer in length.' }] }),
        );
      body.forEach((c: unknown, i: number) => validateCommand(c, i));
      const keys = new Set<string>();
      for (const c of body as Json[]) {
        const key = `${commandType(c)}:${String(c['name'])}`;
        if (keys.has(key))
          throw new HttpError(
            400,
            err.invalidForm(formError([], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`)),
          );
        keys.add(key);
      }
      const old = list();
      const cmds = (body as Json[]).map((c) =>
        build(
          c,
          old.find((o) => o.name === c['name'] && o.type === commandType(c)),
        ),
      );
      save(cmds);
      return { status: 200, body: cmds };
    }
    if (method === 'POST') {
      validateCommand(body, 0);
      const raw = body as Json;
      const old = list();
      const existing = old.find((o) => o.name === raw['name'] && o.type === commandType(raw));
      const cmd = build(raw, existing);
      save(existing ? old.map((o) => (o === existing ? cmd : o)) : [...old, cmd]);
      return { status: existing ? 200 : 201, body: cmd };
    }
  } else if (rest.length === 1) {
    const existing = list().find((c) => c.id === rest[0]);
    if (!existing) return { status: 404, body: err.unknownCommand() };
    if (method === 'GET') return { status: 200, body: existing };
    if (method === 'DELETE') {
      save(list().filter((c) => c !== existing));
      return { status: 204 };
    }
    if (method === 'PATCH') {
      const merged = { ...existing, ...(isObj(body) ? body : {}) };
      validateCommand(merged, 0);
      const cmd = build(merged, existing);
      save(list().map((c) => (c === existing ? cmd : c)));
      return { status: 200, body: cmd };
    }
  }
  return { status: 404, body: err.notFound() };
}
