// The corpus grown and reloaded while the bot runs: files dropped in the folder, /reload, /article add
// with an attachment the stand-in serves (kept in the store as the server's own), /article remove refusing
// an operator's article; the real bot against the Discord stand-in.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../import/helpers.ts';
import { ANNEALERS_ARTICLE as ARTICLE, citations, finalEmbed, NOTES, startBotUnderTest, type BotUnderTest } from './harness.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A bot answering from a copy of the real corpus that the test may change. */
async function botOnCopy(env: Record<string, string> = {}): Promise<{ bot: BotUnderTest; dir: string }> {
  const root = mkdtempSync(join(tmpdir(), 'citebot-e2e-corpus-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const dir = join(root, 'corpus');
  cpSync('corpus', dir, { recursive: true });
  const bot = await startBotUnderTest({ corpusDir: dir, env: { CORPUS_DIR: dir, CACHE_DIR: join(root, '.cache'), ...env } });
  cleanups.push(() => bot.close());
  return { bot, dir };
}

/** The `file` option of /article add, naming an attachment. */
const fileOption = (id: string) => ({ type: ApplicationCommandOptionType.Attachment as const, name: 'file', value: id });

const ask = async (bot: BotUnderTest, question: string) => (await finalEmbed(bot, bot.standIn.slashCommand('ask', { question }))).embed;
const reloadLog = (bot: BotUnderTest, pattern: RegExp, timeoutMs = 20_000) =>
  bot.waitForLog((l) => l.event === 'corpus' && pattern.test(String(l['change'])), timeoutMs);

describe('the corpus while the bot runs', () => {
  it('answers from an article file added to the folder, after one log line saying what changed', async () => {
    const { bot, dir } = await botOnCopy();
    expect(citations((await ask(bot, 'quantum annealers rented')).description)).toEqual([]);
    writeFileSync(join(dir, 'annealers.md'), ARTICLE);
    const line = await reloadLog(bot, /^corpus reloaded: \+1 article \(annealers\); passages 23 → 24;/);
    expect(line.level).toBe('info');
    expect(citations((await ask(bot, 'quantum annealers rented')).description)).toEqual(['annealers#findings-1']);
  });

  it('keeps answering from the old corpus when a file is broken, logging the loader’s line; fixing it reloads', async () => {
    const { bot, dir } = await botOnCopy();
    writeFileSync(join(dir, 'annealers.md'), ARTICLE.replace('title:', 'titel:'));
    const line = await reloadLog(
      bot,
      /^corpus not reloaded, still answering from the previous one: .*annealers\.md:2: front matter: unknown field "titel"/,
    );
    expect(line.level).toBe('warn');
    expect(citations((await ask(bot, 'Which chips are used for inference?')).description)).toContain(`${NOTES}#summary-1`);
    writeFileSync(join(dir, 'annealers.md'), ARTICLE);
    await reloadLog(bot, /^corpus reloaded: \+1 article \(annealers\)/);
  });

  it('/reload reloads now and tells only the one who asked what changed', async () => {
    const { bot } = await botOnCopy();
    const { embed, ephemeral } = await finalEmbed(bot, bot.standIn.slashCommand('reload'));
    expect(ephemeral).toBe(true);
    expect(embed.title).toBe('Corpus reloaded');
    expect(embed.description).toMatch(/^Reloaded: no change; passages 23 → 23;/);
  });

  it('/article add imports an attachment the stand-in serves as the server’s own, kept in the store, and /ask answers from it', async () => {
    const { bot, dir } = await botOnCopy();
    const attachment = bot.standIn.attachments.add(
      'My Notes (final).txt',
      readFileSync(fixture('../seeds/002_9d92085403a415fd.txt')),
      'text/plain',
    );
    const sent = bot.standIn.slashCommand('article', [fileOption(attachment.id)], { subcommand: 'add', attachments: [attachment] });
    const { embed, ephemeral } = await finalEmbed(bot, sent);
    expect(ephemeral).toBe(true);
    expect(embed.title).toBe('Article added');
    const id = 'inside-chinas-ai-labs-how-cultural-differences-shape-ai-development';
    expect(embed.description).toContain('Sections: Key Takeaways (3), Summary (2), Editorial Opinion (1)');
    expect(embed.description).toContain(`6 passages; cite as \`${id}#key-takeaways-1\``);
    expect(embed.description).toMatch(/This server: 1 article of its own beside 2 of the bot’s; passages 29;/);
    expect(bot.standIn.attachments.downloads.get(attachment.id)).toBe(1);
    // The operator's folder is never written from Discord.
    expect(existsSync(join(dir, `${id}.md`))).toBe(false);
    expect(citations((await ask(bot, 'intern-silo model')).description)).toContain(`${id}#editorial-opinion-1`);
  });

  it('/article add refuses a second import of the same article unless replace is set, keeping the first', async () => {
    const { bot } = await botOnCopy();
    const attachment = bot.standIn.attachments.add('annealers.md', new TextEncoder().encode(ARTICLE), 'text/markdown');
    const options = [fileOption(attachment.id)];
    const add = () => finalEmbed(bot, bot.standIn.slashCommand('article', options, { subcommand: 'add', attachments: [attachment] }));
    expect((await add()).embed.title).toBe('Article added');
    const refused = await add();
    expect(refused.ephemeral).toBe(true);
    expect(refused.embed.description).toBe(
      'Not added: this server already has "the-quantum-annealer-rental-market" (set replace to True to replace it).',
    );
    const replaced = await finalEmbed(
      bot,
      bot.standIn.slashCommand(
        'article',
        [...options, { type: ApplicationCommandOptionType.Boolean as const, name: 'replace', value: true }],
        { subcommand: 'add', attachments: [attachment] },
      ),
    );
    expect(replaced.embed.title).toBe('Article replaced');
    expect(citations((await ask(bot, 'quantum annealers rented')).description)).toEqual(['the-quantum-annealer-rental-market#findings-1']);
  });

  it('/article add refuses a URL on a private address, always', async () => {
    const { bot } = await botOnCopy();
    const { embed } = await finalEmbed(
      bot,
      bot.standIn.slashCommand('article', { url: 'http://169.254.169.254/latest/meta-data/' }, { subcommand: 'add' }),
    );
    expect(embed.description).toBe(
      'Not added: is a private, loopback or link-local address: refused; addresses on private networks are never fetched from Discord',
    );
  });

  it('/article remove refuses an operator’s article, and the folder keeps it', async () => {
    const { bot, dir } = await botOnCopy();
    const { embed } = await finalEmbed(bot, bot.standIn.slashCommand('article', { id: NOTES }, { subcommand: 'remove' }));
    expect(embed.description).toBe(`"${NOTES}" is an article of the bot’s own corpus: only its operator can remove it.`);
    expect(existsSync(join(dir, `${NOTES}.md`))).toBe(true);
    expect(citations((await ask(bot, 'Which chips are used for inference?')).description)).toContain(`${NOTES}#summary-1`);
  });

  it('has no /article when CORPUS_WRITABLE=false', async () => {
    const { bot, dir } = await botOnCopy({ CORPUS_WRITABLE: 'false' });
    const { embed } = await finalEmbed(bot, bot.standIn.slashCommand('article', { id: NOTES }, { subcommand: 'remove' }));
    expect(embed.description).toMatch(/not known to this version of citebot/);
    expect(existsSync(join(dir, `${NOTES}.md`))).toBe(true);
  });
});
