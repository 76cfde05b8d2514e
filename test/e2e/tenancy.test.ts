// One bot in two servers, A and B, through the real discord.js client and the Discord stand-in:
// each server's own articles, reports and channel scopes, and never the other's.
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationCommandOptionType, type APIEmbed } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentInteraction } from '../support/discord-standin.ts';
import {
  ANNEALERS_ARTICLE as ARTICLE,
  citations,
  CULTURE,
  finalEmbed as finalEmbedOf,
  NOTES,
  runScript,
  startBotUnderTest,
  type BotUnderTest,
} from './harness.ts';

const ANNEALERS = 'the-quantum-annealer-rental-market';
/** An article whose title gives the id of a base article. */
const TAKEN = `---
title: Notes from inside China's AI labs
---

## Summary

A server's own notes that would shadow the operator's article.
`;
const MANAGE_GUILD = 1n << 5n;

let bot: BotUnderTest;
let root: string;
let A: string;
let B: string;
let dir: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'citebot-e2e-tenancy-'));
  dir = join(root, 'corpus');
  cpSync('corpus', dir, { recursive: true });
  bot = await startBotUnderTest({
    standIn: { guilds: 2 },
    corpusDir: dir,
    env: { CORPUS_DIR: dir, CACHE_DIR: join(root, '.cache'), DATA_DIR: join(root, 'data'), STORE_QUESTIONS: 'true' },
  });
  [A, B] = bot.standIn.guildIds as [string, string];
}, 30_000);
afterAll(async () => {
  await bot.close();
  rmSync(root, { recursive: true, force: true });
});

const finalEmbed = (sent: SentInteraction) => finalEmbedOf(bot, sent, 30_000);

const inGuild = (guildId: string) => ({ guildId, channelId: bot.standIn.guilds.find((g) => g.id === guildId)!.textChannelId });
const command = async (guildId: string, name: string, options: Record<string, string | number | boolean> = {}, subcommand?: string) =>
  (
    await finalEmbed(
      bot.standIn.slashCommand(name, options, { ...inGuild(guildId), memberPermissions: MANAGE_GUILD, ...(subcommand && { subcommand }) }),
    )
  ).embed;
const ask = async (guildId: string, question: string, options: Record<string, string> = {}) =>
  command(guildId, 'ask', { question, ...options });

async function addArticle(guildId: string, name: string, markdown: string): Promise<APIEmbed> {
  const attachment = bot.standIn.attachments.add(name, new TextEncoder().encode(markdown), 'text/markdown');
  const sent = bot.standIn.slashCommand(
    'article',
    [{ type: ApplicationCommandOptionType.Attachment, name: 'file', value: attachment.id }],
    { ...inGuild(guildId), subcommand: 'add', attachments: [attachment], memberPermissions: MANAGE_GUILD },
  );
  return (await finalEmbed(sent)).embed;
}

describe('one bot in two servers', () => {
  it('answers from an article added in server A in A only: /ask, /sources, /quote and autocomplete in B never see it', async () => {
    const added = await addArticle(A, 'annealers.md', ARTICLE);
    expect(added.title).toBe('Article added');
    expect(added.description).toContain(`cite as \`${ANNEALERS}#findings-1\``);
    expect(citations((await ask(A, 'quantum annealers rented')).description)).toEqual([`${ANNEALERS}#findings-1`]);
    expect(citations((await ask(B, 'quantum annealers rented')).description)).toEqual([]);

    const sourcesA = await command(A, 'sources');
    expect(sourcesA.fields?.[0]?.name).toBe('The Quantum Annealer Rental Market · this server’s own');
    expect(sourcesA.fields).toHaveLength(3);
    const sourcesB = await command(B, 'sources');
    expect(sourcesB.fields?.map((f) => f.name).join('\n')).not.toMatch(/Annealer|this server/);

    expect((await command(A, 'quote', { id: `${ANNEALERS}#findings-1` })).description).toContain('rented quantum annealers by the hour');
    expect((await command(B, 'quote', { id: `${ANNEALERS}#findings-1` })).description).not.toContain('annealers by the hour');

    const offered = async (guildId: string) => {
      const { callback } = await bot.answer(
        bot.standIn.autocomplete('ask', { question: 'x', article: 'quantum' }, 'article', inGuild(guildId)),
      );
      return ((callback.data?.['choices'] ?? []) as { value: string }[]).map((c) => c.value);
    };
    expect(await offered(A)).toEqual([ANNEALERS]);
    expect(await offered(B)).toEqual([]);
    // /article remove offers the server's own articles only: the operator's cannot be removed from Discord.
    const removable = async (guildId: string) => {
      const sent = bot.standIn.autocomplete('article', { id: '' }, 'id', {
        ...inGuild(guildId),
        memberPermissions: MANAGE_GUILD,
        subcommand: 'remove',
      });
      return (((await bot.answer(sent)).callback.data?.['choices'] ?? []) as { value: string }[]).map((c) => c.value);
    };
    expect(await removable(A)).toEqual([ANNEALERS]);
    expect(await removable(B)).toEqual([]);
    // Kept in the store: the operator's folder is never written.
    expect(readdirSync(dir).filter((n) => n.includes('annealer'))).toEqual([]);
  });

  it('refuses, from Discord, to remove an operator’s article or to add one with its id, and B still answers from it', async () => {
    const removal = await command(A, 'article', { id: NOTES }, 'remove');
    expect(removal.description).toBe(`"${NOTES}" is an article of the bot’s own corpus: only its operator can remove it.`);
    const shadow = await addArticle(A, 'notes.md', TAKEN);
    expect(shadow.description).toBe(`Not added: "${NOTES}" is an article of the bot’s own corpus, which only its operator can change.`);
    expect(citations((await ask(B, 'Which chips are used for inference?')).description)).toContain(`${NOTES}#summary-1`);
    expect(citations((await ask(A, 'Which chips are used for inference?')).description)).toContain(`${NOTES}#summary-1`);
  });

  it('removes a server’s own article for that server alone', async () => {
    await addArticle(B, 'annealers.md', ARTICLE);
    expect(citations((await ask(B, 'quantum annealers rented')).description)).toEqual([`${ANNEALERS}#findings-1`]);
    const removed = await command(B, 'article', { id: ANNEALERS }, 'remove');
    expect(removed.title).toBe('Article removed');
    expect(citations((await ask(B, 'quantum annealers rented')).description)).toEqual([]);
    expect(citations((await ask(A, 'quantum annealers rented')).description)).toEqual([`${ANNEALERS}#findings-1`]);
  });

  it('/stats in each server counts that server’s answers and questions only', async () => {
    await ask(A, 'anything on tokamak reactors in server A?');
    await ask(B, 'anything on stellarator designs in server B?');
    // Answers are written in batches: give the last ones a moment.
    await new Promise((r) => setTimeout(r, 200));
    const statsA = await command(A, 'stats');
    const statsB = await command(B, 'stats');
    const text = (e: APIEmbed) => [e.description, ...(e.fields ?? []).map((f) => `${f.name}\n${f.value}`)].join('\n');
    expect(text(statsA)).toContain('tokamak reactors');
    expect(text(statsA)).not.toContain('stellarator');
    expect(text(statsB)).toContain('stellarator');
    expect(text(statsB)).not.toContain('tokamak');
    const count = (e: APIEmbed) => Number(/\*\*(\d+)\*\* answers/.exec(e.description ?? '')?.[1]);
    const asksIn = (guildId: string) =>
      bot.logs.filter((l) => l.event === 'interaction' && l['command'] === 'ask' && l['guild'] === guildId && l['userError'] === undefined)
        .length;
    expect(count(statsA)).toBe(asksIn(A));
    expect(count(statsB)).toBe(asksIn(B));
  });

  it('/scope makes a channel answer from its articles only, says so in the footer, and leaves the other server alone', async () => {
    const set = await command(A, 'scope', { articles: 'cultural differences' }, 'set');
    expect(set.title).toBe('Channel scope set');
    expect(set.description).toContain(`(\`${CULTURE}\`)`);
    const scoped = citations((await ask(A, 'students')).description);
    expect(scoped.length).toBeGreaterThan(0);
    expect(scoped.filter((c) => !c.startsWith(`${CULTURE}#`))).toEqual([]);
    expect(citations((await ask(B, 'students')).description).some((c) => c.startsWith(`${NOTES}#`))).toBe(true);
    expect((await ask(A, 'students')).footer?.text).toMatch(/^This channel answers from 1 article \(\/scope\) · Passage/);
    expect((await ask(A, 'Which chips are used for inference?')).description).toMatch(
      /^This channel answers from 1 article \(\/scope\)\. /,
    );
    // An explicit article still wins.
    const named = await ask(A, 'Which chips are used for inference?', { article: NOTES });
    expect(citations(named.description)).toContain(`${NOTES}#summary-1`);
    expect(citations((await ask(B, 'Which chips are used for inference?')).description)).toContain(`${NOTES}#summary-1`);
    // /takeaway and /compare answer from the channel's articles too, and say so.
    const takeaways = await command(A, 'takeaway');
    expect(citations(takeaways.description).length).toBeGreaterThan(0);
    expect(citations(takeaways.description).filter((c) => !c.startsWith(`${CULTURE}#`))).toEqual([]);
    expect(takeaways.footer?.text).toBe('This channel answers from 1 article (/scope)');
    expect(citations((await command(B, 'takeaway')).description).some((c) => c.startsWith(`${NOTES}#`))).toBe(true);
    const compared = await command(A, 'compare', { topic: 'students' });
    expect(compared.fields).toHaveLength(1);
    expect(compared.footer?.text).toMatch(/^This channel answers from 1 article \(\/scope\) · 1 of 1 articles cover this topic$/);
    expect((await command(A, 'compare', { topic: 'students', article_a: NOTES, article_b: CULTURE })).fields).toHaveLength(2);
    expect((await command(A, 'scope', {}, 'show')).description).toContain(CULTURE);
    expect((await command(B, 'scope', {}, 'show')).description).toBe('This channel answers from every article.');
    expect((await command(A, 'scope', {}, 'clear')).title).toBe('Channel scope cleared');
    expect(citations((await ask(A, 'Which chips are used for inference?')).description)).toContain(`${NOTES}#summary-1`);
  });

  it('takes in an article the operator’s CLI adds to a server without PostgreSQL at the next /reload, though the base did not change', async () => {
    const file = join(root, 'lattices.md');
    writeFileSync(file, '---\ntitle: Zephyrite lattices\n---\n\n## Findings\n\nZephyrite lattices bend light in the far infrared.\n');
    // A first reload takes in the files as the bot found them: the next one finds them the same, and swaps nothing.
    await command(B, 'reload');
    expect(citations((await ask(B, 'zephyrite lattices')).description)).toEqual([]);
    const cli = runScript('src/cli/import.ts', { DATA_DIR: join(root, 'data') }, [file, '--guild', B]);
    expect((await cli.exited).code).toBe(0);
    expect((await command(B, 'reload')).title).toMatch(/reload/i);
    // The server's index is made again meanwhile, answering from the one held until the new one serves.
    let cited: string[] = [];
    for (let i = 0; i < 30 && cited.length === 0; i++) {
      cited = citations((await ask(B, 'zephyrite lattices')).description);
      if (cited.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(cited).toEqual(['zephyrite-lattices#findings-1']);
    expect(citations((await ask(A, 'zephyrite lattices')).description)).toEqual([]);
  });
});
