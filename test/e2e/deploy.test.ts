// `npm run deploy-commands` as a child process against the stand-in: what it registers, where, in how
// many requests, and what it prints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIApplicationCommand, APIApplicationCommandOption } from 'discord.js';
import { startStandIn, type StandIn } from '../support/discord-standin.ts';
import { runScript, TOKEN } from './harness.ts';

const SLASH = ['ask', 'takeaway', 'compare', 'summary', 'sources', 'quote', 'help', 'stats'];

async function deploy(standIn: StandIn, guildId: string) {
  const child = runScript('src/bot/deploy.ts', {
    DISCORD_TOKEN: TOKEN,
    DISCORD_CLIENT_ID: standIn.applicationId,
    DISCORD_GUILD_ID: guildId,
    DISCORD_API_URL: standIn.apiUrl,
  });
  const exit = await child.exited;
  return { exit, stdout: child.stdout(), stderr: child.stderr() };
}

const option = (commands: APIApplicationCommand[], command: string, name: string) =>
  commands.find((c) => c.name === command)?.options?.find((o) => o.name === name) as
    (APIApplicationCommandOption & Record<string, unknown>) | undefined;

describe('deploy-commands', () => {
  let standIn: StandIn;
  let inGuild: Awaited<ReturnType<typeof deploy>>;
  let globally: Awaited<ReturnType<typeof deploy>>;
  let guildId: string;

  beforeAll(async () => {
    standIn = await startStandIn();
    guildId = standIn.guildIds[0]!;
    // Both runs at once: each is its own process, and the stand-in tells their requests apart by route.
    [inGuild, globally] = await Promise.all([deploy(standIn, guildId), deploy(standIn, '')]);
  });
  afterAll(() => standIn.close());

  it('registers every command in one bulk overwrite in the guild when DISCORD_GUILD_ID is set', () => {
    expect(inGuild.exit.code).toBe(0);
    const writes = standIn.requests.filter((r) => r.method !== 'GET' && r.path.includes(`/guilds/${guildId}/`));
    expect(writes.map((r) => [r.method, r.path, r.status])).toEqual([
      ['PUT', `/applications/${standIn.applicationId}/guilds/${guildId}/commands`, 200],
    ]);
    expect(writes[0]!.headers['authorization']).toBe(`Bot ${TOKEN}`);
    expect(standIn.commands.guilds.get(guildId)?.map((c) => c.name)).toEqual([...SLASH, 'Find sources', 'reload', 'article', 'scope']);
  });

  it('registers every command in one bulk overwrite globally when DISCORD_GUILD_ID is not set', () => {
    expect(globally.exit.code).toBe(0);
    const writes = standIn.requests.filter((r) => r.method !== 'GET' && !r.path.includes('/guilds/'));
    expect(writes.map((r) => [r.method, r.path, r.status])).toEqual([['PUT', `/applications/${standIn.applicationId}/commands`, 200]]);
    expect(standIn.commands.global.map((c) => c.name)).toEqual([...SLASH, 'Find sources', 'reload', 'article', 'scope']);
  });

  it('prints what it registered and where, and never the token', () => {
    expect(inGuild.stdout).toContain(`Registered 12 commands in guild ${guildId}`);
    expect(globally.stdout).toContain('Registered 12 commands globally');
    for (const out of [inGuild.stdout, globally.stdout]) {
      for (const name of SLASH) expect(out).toContain(`/${name}`);
      expect(out).toContain('"Find sources" (message menu)');
    }
    for (const run of [inGuild, globally]) expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('registers the options with the limits Discord enforces before the bot sees them', () => {
    const commands = standIn.commands.global;
    expect(option(commands, 'ask', 'question')).toMatchObject({ required: true, max_length: 300 });
    expect(option(commands, 'takeaway', 'topic')).toMatchObject({ max_length: 300 });
    expect(option(commands, 'compare', 'topic')).toMatchObject({ required: true, max_length: 300 });
    expect(option(commands, 'ask', 'count')).toMatchObject({ type: 4, min_value: 1, max_value: 5 });
    expect(option(commands, 'ask', 'private')).toMatchObject({ type: 5 });
  });

  it('offers autocomplete on every article, topic and id option', () => {
    const commands = standIn.commands.global;
    const autocompleted = commands.flatMap((c) =>
      (c.options ?? []).filter((o) => (o as { autocomplete?: boolean }).autocomplete).map((o) => `${c.name}.${o.name}`),
    );
    expect(autocompleted.sort()).toEqual(
      [
        'ask.article',
        'takeaway.article',
        'takeaway.topic',
        'compare.topic',
        'compare.article_a',
        'compare.article_b',
        'summary.article',
        'quote.id',
      ].sort(),
    );
  });

  it('registers /stats for members who can manage the server, in servers only', () => {
    const stats = standIn.commands.global.find((c) => c.name === 'stats');
    expect(stats).toMatchObject({ default_member_permissions: String(1 << 5), contexts: [0] });
  });

  it('registers "Find sources" as a message command', () => {
    const findSources = standIn.commands.global.find((c) => c.name === 'Find sources');
    expect(findSources).toMatchObject({ type: 3 });
    expect(findSources?.options ?? []).toEqual([]);
  });
});
