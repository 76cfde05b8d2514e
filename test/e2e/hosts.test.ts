// Several hosts: bot processes started as `npm start` is, each running some of the bot's shards
// (SHARD_COUNT, SHARD_IDS), all logged in to one Discord stand-in and sharing one real PostgreSQL
// (DATABASE_URL). Discord sends a server's events to the shard (guild_id >> 22) % SHARD_COUNT, and so
// to one host only. The stand-in holds the identifies of all of them to Discord's max_concurrency.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { shardForGuild, startStandIn, type StandIn } from '../support/discord-standin.ts';
import { startPostgres, type PostgresServer } from '../support/postgres.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANNEALERS_ARTICLE, citations, finalEmbed, jsonLines, NOTES, runScript, TOKEN, type Child } from './harness.ts';

const server = await startPostgres();
if ('skipped' in server) console.warn(`\n*** several-hosts tests SKIPPED: ${server.skipped} ***\n`);
afterAll(() => ('stop' in server ? server.stop() : undefined));

const SHARD_COUNT = 2;
const GUILDS = 6;

/** A bot process that runs `shardIds` out of SHARD_COUNT, with its own empty cache and data folder. */
function startHost(databaseUrl: string, standIn: StandIn, shardIds: string): Child {
  return runScript('src/main.ts', {
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: standIn.apiUrl,
    DATABASE_URL: databaseUrl,
    SHARD_COUNT: String(SHARD_COUNT),
    SHARD_IDS: shardIds,
  });
}

const readyLine = async (host: Child) => {
  await host.waitForOutput((out) => jsonLines(out).some((l) => l.event === 'ready'), 60_000);
  return jsonLines(host.stdout()).find((l) => l.event === 'ready')!;
};

/** The guilds a host logged an interaction from, in order. */
const guildsServedBy = (host: Child) =>
  jsonLines(host.stdout())
    .filter((l) => l.event === 'interaction')
    .map((l) => l['guild'] as string);

/** Sends /ask in every guild, one after the other, and returns each interaction's callbacks. */
async function askInEveryGuild(standIn: StandIn) {
  const answered = [];
  for (const guildId of standIn.guildIds) {
    const sent = standIn.slashCommand('ask', { question: 'Which chips are used for inference?' }, { guildId });
    const callback = await standIn.waitForCallback(sent.id, 10_000);
    const embed = (callback.data?.['embeds'] as { description?: string }[] | undefined)?.[0];
    answered.push({ guildId, shard: sent.shard, id: sent.id, citations: citations(embed?.description) });
  }
  return answered;
}

const ANNEALERS = 'the-quantum-annealer-rental-market';
/** A second article of one passage: `the-glider-census#counts-1`. */
const GLIDERS_ARTICLE = `---
title: The Glider Census
publisher: Airfield Notes
---

## Counts

Volunteers counted ninety wooden gliders still flying from club airfields last summer.
`;

/** A third: `the-ferry-timetable#crossings-1`. */
const FERRIES_ARTICLE = `---
title: The Ferry Timetable
publisher: Harbour Notes
---

## Crossings

The electric ferries charged at the pier between crossings during the winter timetable.
`;

/** `npm run import -- FILE --guild ID` with DATABASE_URL, as the operator runs it: its exit code. */
async function importForGuild(databaseUrl: string, guildId: string, name: string, markdown: string): Promise<number | null> {
  const dir = mkdtempSync(join(tmpdir(), 'citebot-hosts-'));
  try {
    writeFileSync(join(dir, name), markdown);
    const cli = runScript('src/cli/import.ts', { DATABASE_URL: databaseUrl }, [join(dir, name), '--guild', guildId]);
    return (await cli.exited).code;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The citations of /ask's answer in a guild, deferred or not. */
async function askIn(standIn: StandIn, guildId: string, question: string): Promise<string[]> {
  const sent = standIn.slashCommand('ask', { question }, { guildId });
  return citations((await finalEmbed({ standIn }, sent)).embed.description);
}

/** Asks again, as a member would, until the answer cites `citation`; the last answer's citations. A generous wait, no timing asserted. */
async function askUntilCited(standIn: StandIn, guildId: string, question: string, citation: string): Promise<string[]> {
  for (const end = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 250))) {
    const cited = await askIn(standIn, guildId, question);
    if (cited.includes(citation) || Date.now() > end) return cited;
  }
}

/** Guild ids of the answers the hosts recorded in PostgreSQL, once the batches are written. */
async function recordedGuilds(databaseUrl: string, expected: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (let tries = 0; ; tries++) {
      const { rows } = await client.query<{ guild_id: string }>('SELECT guild_id FROM answers ORDER BY guild_id');
      if (rows.length >= expected || tries > 100) return rows.map((r) => r.guild_id);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await client.end();
  }
}

describe.skipIf('skipped' in server)('two hosts, each running one shard of two, over one PostgreSQL', () => {
  let databaseUrl: string;
  let standIn: StandIn;
  const hosts: Child[] = [];
  beforeAll(async () => {
    databaseUrl = await (server as PostgresServer).createDatabase('citebot_hosts');
    // Identifies beyond max_concurrency (1, as for most bots) per 5 s get Opcode 9, as from Discord.
    standIn = await startStandIn({ shards: SHARD_COUNT, guilds: GUILDS, enforceIdentifyLimit: true });
  });
  afterEach(async () => {
    for (const host of hosts.splice(0)) {
      host.kill('SIGTERM');
      await host.exited;
    }
  });
  afterAll(() => standIn.close());

  it('identify as shard 0 and shard 1 of 2, and each interaction is answered once, by the host of its shard', async () => {
    hosts.push(startHost(databaseUrl, standIn, '0'), startHost(databaseUrl, standIn, '1'));
    const [a, b] = hosts as [Child, Child];
    expect(await readyLine(a)).toMatchObject({ shards: 1, shardIds: [0] });
    expect(await readyLine(b)).toMatchObject({ shards: 1, shardIds: [1] });
    // Started at once, they took turns (through PostgreSQL): neither identify was refused.
    expect(standIn.identifies.map((i) => ({ shard: i.shard, tooSoon: i.tooSoon })).sort((x, y) => x.shard[0] - y.shard[0])).toEqual([
      { shard: [0, 2], tooSoon: false },
      { shard: [1, 2], tooSoon: false },
    ]);

    const answered = await askInEveryGuild(standIn);
    // Both shards have servers, so both hosts had work.
    expect(new Set(answered.map((x) => x.shard))).toEqual(new Set([0, 1]));
    for (const { id, citations } of answered) {
      expect(standIn.callbacks.filter((c) => c.interactionId === id)).toHaveLength(1);
      expect(citations).toEqual([`${NOTES}#summary-1`]);
    }
    const onShard = (shard: number) => standIn.guildIds.filter((g) => shardForGuild(g, SHARD_COUNT) === shard);
    await standIn.waitFor(
      () => guildsServedBy(a).length + guildsServedBy(b).length === GUILDS || undefined,
      5000,
      'every interaction logged',
    );
    expect(guildsServedBy(a)).toEqual(onShard(0));
    expect(guildsServedBy(b)).toEqual(onShard(1));
    // One store for both: every answer recorded once, whichever host gave it.
    expect(await recordedGuilds(databaseUrl, GUILDS)).toEqual([...standIn.guildIds].sort());
  });

  it('a fresh host, with an empty cache and data folder, takes over both shards and serves every server', async () => {
    const before = await recordedGuilds(databaseUrl, 0);
    hosts.push(startHost(databaseUrl, standIn, '0-1'));
    const [fresh] = hosts as [Child];
    expect(await readyLine(fresh)).toMatchObject({ shards: 2, shardIds: [0, 1], guilds: GUILDS });

    const answered = await askInEveryGuild(standIn);
    for (const { id, citations } of answered) {
      expect(standIn.callbacks.filter((c) => c.interactionId === id)).toHaveLength(1);
      expect(citations).toEqual([`${NOTES}#summary-1`]);
    }
    await standIn.waitFor(() => guildsServedBy(fresh).length === GUILDS || undefined, 5000, 'every interaction logged');
    expect(guildsServedBy(fresh)).toEqual(standIn.guildIds);
    // Recorded in the same PostgreSQL as any host's before it.
    expect(await recordedGuilds(databaseUrl, before.length + GUILDS)).toEqual([...before, ...standIn.guildIds].sort());
  });

  it('an article the operator’s CLI adds to a server reaches its answers on the host that serves it, without a restart', async () => {
    hosts.push(startHost(databaseUrl, standIn, '0'), startHost(databaseUrl, standIn, '1'));
    const [a, b] = hosts as [Child, Child];
    await Promise.all([readyLine(a), readyLine(b)]);
    const guildId = standIn.guildIds.find((g) => shardForGuild(g, SHARD_COUNT) === 1)!;
    expect(await askIn(standIn, guildId, 'quantum annealers rented')).toEqual([]);

    // The server's first article of its own: the host learns that it has any.
    expect(await importForGuild(databaseUrl, guildId, 'annealers.md', ANNEALERS_ARTICLE)).toBe(0);
    expect(await askUntilCited(standIn, guildId, 'quantum annealers rented', `${ANNEALERS}#findings-1`)).toEqual([
      `${ANNEALERS}#findings-1`,
    ]);
    // Another, now that the host holds the server's index: it is built again with both.
    expect(await importForGuild(databaseUrl, guildId, 'gliders.md', GLIDERS_ARTICLE)).toBe(0);
    expect(await askUntilCited(standIn, guildId, 'wooden gliders counted', 'the-glider-census#counts-1')).toEqual([
      'the-glider-census#counts-1',
    ]);
    expect(await askIn(standIn, guildId, 'quantum annealers rented')).toEqual([`${ANNEALERS}#findings-1`]);
    // Only the host of the server's shard answered it; both heard the changes, neither restarted.
    expect(guildsServedBy(a)).not.toContain(guildId);
    for (const host of [a, b]) expect(jsonLines(host.stdout()).filter((l) => l.event === 'ready')).toHaveLength(1);
  }, 120_000);

  it('while PostgreSQL is down a host answers from the indexes it holds, and once it is back hears changes again by itself', async () => {
    hosts.push(startHost(databaseUrl, standIn, '0-1'));
    const [host] = hosts as [Child];
    await readyLine(host);
    const guildId = standIn.guildIds.find((g) => shardForGuild(g, SHARD_COUNT) === 0)!;
    expect(await importForGuild(databaseUrl, guildId, 'gliders.md', GLIDERS_ARTICLE)).toBe(0);
    expect(await askUntilCited(standIn, guildId, 'wooden gliders counted', 'the-glider-census#counts-1')).toEqual([
      'the-glider-census#counts-1',
    ]);
    // Every connection is cut (an answer being recorded among them, which once ended the process), and none can be made.
    const postgres = server as PostgresServer;
    postgres.down();
    try {
      await host.waitForOutput((out) => jsonLines(out).some((l) => l.event === 'server changes: not listening'), 20_000);
      expect(await askIn(standIn, guildId, 'wooden gliders counted')).toEqual(['the-glider-census#counts-1']);
    } finally {
      postgres.up();
    }
    // Back: the host listens again by itself (anything it held counts as stale), and the CLI's next change reaches its answers.
    expect(await importForGuild(databaseUrl, guildId, 'ferries.md', FERRIES_ARTICLE)).toBe(0);
    expect(await askUntilCited(standIn, guildId, 'electric ferries charged', 'the-ferry-timetable#crossings-1')).toEqual([
      'the-ferry-timetable#crossings-1',
    ]);
    expect(jsonLines(host.stdout()).filter((l) => l.event === 'ready')).toHaveLength(1);
    expect(jsonLines(host.stdout()).filter((l) => l.event === 'server changes: listening').length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
