// Each server's corpus: the base shared by servers without articles of their own, an index over the
// base and a server's own articles built in a worker for the others, within a budget. The
// differential test holds a server's answers to those of one index built directly over the base
// plus its own articles, on real text (the SQuAD benchmark's articles as the base).
// Indexes are compared by identity as booleans: vitest's toBe deep-compares two objects that are not
// the same to suggest toStrictEqual, and two whole indexes' typed tables take minutes to compare.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../src/answers/index.ts';
import { openCorpusCached } from '../../src/engine.ts';
import { buildIndex, type SearchIndex } from '../../src/search/index.ts';
import { searchPassages } from '../../src/search/query.ts';
import { openStore, type GuildArticle, type Store } from '../../src/store/index.ts';
import { combineCorpus } from '../support/combine.ts';
import { serverCorpora, type ServerCorpora, type ServerCorpus } from '../../src/tenancy/corpora.ts';
import { CORPUS_DIR, CULTURE, NOTES, ROOT } from '../support/corpus.ts';
import { fixedLive } from '../support/services.ts';
import { passageId } from '../../src/corpus/passage.ts';

const BASE_DIR = join(ROOT, 'test', 'eval', 'squad', 'corpus');
const QUESTIONS = (JSON.parse(readFileSync(join(ROOT, 'test', 'eval', 'squad', 'questions.json'), 'utf8')) as { q: string }[])
  .filter((_, i) => i % 20 === 0)
  .map((q) => q.q);
const evalSet = (name: string) => JSON.parse(readFileSync(join(ROOT, 'test', 'eval', name), 'utf8')) as unknown;
/** Questions the server's own articles (the project's two real ones) answer: a few, and the evaluation's, in their words and in a reader's. */
const OWN_QUESTIONS = ['Which chips are used for inference?', 'students', 'How do Chinese labs treat interns?', 'ego'];
const OWN_ASKED = [
  ...(evalSet('ask.json') as { questions: { q: string }[] }).questions.map((q) => q.q),
  ...(evalSet('ask-paraphrased.json') as { q: string }[]).map((q) => q.q),
];

let base: SearchIndex;
let store: Store;
let dataDir: string;
const warnings: string[] = [];
const A = '111111111111111111';
const B = '222222222222222222';

const own = (guildId: string, id: string, markdown: Uint8Array = readFileSync(join(CORPUS_DIR, `${id}.md`))): GuildArticle => ({
  guildId,
  id,
  markdown,
  source: `${id}.md`,
  addedBy: '42',
  addedAt: new Date(),
});

let cacheDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'citebot-corpora-'));
  // Opened as the bot opens it (keyed by its files, saved): a server's build shares its articles.
  cacheDir = join(dataDir, 'cache');
  const opened = openCorpusCached(BASE_DIR, { cacheDir });
  if (!opened.ok) throw new Error(opened.error.join('\n'));
  base = opened.value.index;
  store = await openStore({ dataDir, storeQuestions: false });
  for (const [guild, id] of [
    [A, NOTES],
    [A, CULTURE],
    [B, CULTURE],
  ] as const)
    await store.putGuildArticle(own(guild, id), false);
}, 60_000);
afterAll(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const open = (budget = 4) =>
  serverCorpora({
    base: fixedLive(base),
    store,
    budget,
    warn: (event, f) => warnings.push(`${event} ${JSON.stringify(f)}`),
  });

/** The search's passages and scores, best first, as far as an answer reads them. */
const ranked = (index: SearchIndex, q: string) =>
  searchPassages(index, q)
    .slice(0, 10)
    .map((r) => [passageId(r.passage), r.score.toFixed(9), r.coverage.toFixed(9), r.terms.join(' ')]);

/** What a person sees of an ask answer: the citations and quoted words, in order, and the total. */
const seen = (index: SearchIndex, q: string) => {
  const a = ask(index, q, { limit: 5 });
  return a.ok ? { total: a.value.total, quotes: a.value.results.map((e) => [e.citation, e.text]) } : a.error.identifier;
};

describe('serverCorpora', () => {
  it('answers a server as one index built over the base plus its own articles would, question for question', async () => {
    const corpora = await open();
    const server = await corpora.forGuild(A);
    // One index over both, its sentences embedded against the base's component as a server's are (see layerIndex).
    const direct = buildIndex(combineCorpus(base.corpus, [own(A, NOTES), own(A, CULTURE)]), { pc: base.embeddings.pc });
    expect(server.own).toEqual(new Set([NOTES, CULTURE]));
    // The base's articles are the very objects the base index holds: parsed once, shared, not copied.
    expect(server.index.corpus.articles.slice(0, base.corpus.articles.length).every((a, i) => a === base.corpus.articles[i])).toBe(true);
    const questions = [...QUESTIONS, ...OWN_QUESTIONS, ...OWN_ASKED];
    expect(questions.length).toBeGreaterThan(100);
    for (const q of questions) {
      expect({ q, ...Object(seen(server.index, q)) }).toEqual({ q, ...Object(seen(direct, q)) });
      expect({ q, ranked: ranked(server.index, q) }).toEqual({ q, ranked: ranked(direct, q) });
    }
    // The own articles do answer: the comparison is not between two empty answers.
    expect(
      OWN_QUESTIONS.filter((q) => ask(server.index, q).ok && (ask(server.index, q) as { value: { total: number } }).value.total > 0),
    ).toHaveLength(OWN_QUESTIONS.length);
    await corpora.close();
  }, 120_000);

  it('reads the base’s tables where they are, holding apart only what the server’s own articles add', async () => {
    const corpora = await open();
    const server = await corpora.forGuild(B);
    expect(server.index.embeddings.rows === base.embeddings.rows, 'the base’s sentence embeddings, not a copy').toBe(true);
    expect(server.index.embeddings.own?.from).toBe(base.docs.length / 2);
    expect(server.index.corpus.articles.at(-1)?.id).toBe(CULTURE);
    // The base's word table is the base's: a word only the base has is found through it.
    const baseOnly = [...base.df.keys()].find(
      (t) => !base.common.has(t) && !server.index.corpus.passages.at(-1)?.text.toLowerCase().includes(t),
    )!;
    expect(baseOnly).toBeDefined();
    expect(server.index.df.get(baseOnly)).toBe(base.df.get(baseOnly));
    // Read through the base's table, not a copy of it.
    expect(server.index.df instanceof Map, 'a view over the base’s counts').toBe(false);
    await corpora.close();
  }, 60_000);

  it('gives a server without articles of its own, and DMs, the shared base index itself', async () => {
    const corpora = await open();
    expect((await corpora.forGuild('333333333333333333')).index === base, 'the base index itself').toBe(true);
    expect((await corpora.forGuild(null)).index === base, 'the base index itself').toBe(true);
    expect(corpora.loaded()).toBe(0);
    await corpora.close();
  });

  it('gives autocomplete the base at once while a server’s index is built, and the server’s once it is', async () => {
    const corpora = await open();
    expect(corpora.atHand(B).index === base, 'the base index itself').toBe(true);
    const built = await corpora.forGuild(B);
    expect(corpora.atHand(B) === built, 'the built server corpus').toBe(true);
    await corpora.close();
  }, 60_000);

  it('never gives one server another’s articles', async () => {
    const corpora = await open();
    const b = await corpora.forGuild(B);
    expect(b.own).toEqual(new Set([CULTURE]));
    expect(b.index.articles.has(NOTES)).toBe(false);
    expect(b.index.corpus.articles.length).toBe(base.corpus.articles.length + 1);
    await corpora.close();
  }, 60_000);

  it('lays a server’s articles over the new base once the base is reloaded, holding nothing of the old one', async () => {
    let current = base;
    const live = { ...fixedLive(base), current: () => current };
    const corpora = await serverCorpora({ base: live, store, budget: 4, warn: () => {} });
    await corpora.forGuild(A);
    await corpora.forGuild(B);
    expect(corpora.loaded()).toBe(2);
    // A reload: a new base index (here over the same articles).
    current = buildIndex(base.corpus);
    const after = await corpora.forGuild(A);
    expect(after.index.embeddings.rows === current.embeddings.rows, 'read over the new base').toBe(true);
    expect(after.own).toEqual(new Set([NOTES, CULTURE]));
    // B's layer over the old base is gone, not held until B asks again.
    expect(corpora.loaded()).toBe(1);
    await corpora.close();
  }, 60_000);

  it('keeps at most its budget of server indexes, dropping the least recently used and building it again when asked', async () => {
    const corpora = await open(1);
    const first = await corpora.forGuild(A);
    await corpora.forGuild(B);
    expect(corpora.loaded()).toBe(1);
    const again = await corpora.forGuild(A);
    expect(again.index === first.index, 'a new index, built again').toBe(false);
    expect(again.own).toEqual(first.own);
    expect((await corpora.forGuild(A)) === again, 'the same server corpus, held').toBe(true);
    await corpora.close();
  }, 60_000);

  it('leaves out an article that does not load, naming it, and answers from the rest', async () => {
    const guild = '444444444444444444';
    await store.putGuildArticle(own(guild, 'broken', new TextEncoder().encode('---\ntitel: x\n---\n\nText.\n')), false);
    await store.putGuildArticle(own(guild, NOTES), false);
    const corpora = await open();
    const server = await corpora.forGuild(guild);
    expect(server.own).toEqual(new Set([NOTES]));
    expect(warnings.some((w) => w.startsWith('server article left out') && w.includes('broken'))).toBe(true);
    await corpora.close();
  }, 60_000);

  it('answers from the base when the store cannot be read, keeping nothing', async () => {
    const down: Store = { ...store, guildArticles: () => Promise.resolve({ ok: false, error: { reason: 'timeout' } }) };
    const corpora = await serverCorpora({ base: fixedLive(base), store: down, budget: 2, warn: () => {} });
    expect((await corpora.forGuild(A)).index === base, 'the base index itself').toBe(true);
    expect(corpora.loaded()).toBe(0);
    await corpora.close();
  });

  it('builds a held server index again when another process announces a change, answering from the old one meanwhile', async () => {
    const guild = '555555555555555555';
    await store.putGuildArticle(own(guild, NOTES), false);
    const corpora = await open();
    const before = await corpora.forGuild(guild);
    // Another host or the operator's CLI adds an article: this process only hears that the server changed.
    await store.putGuildArticle(own(guild, CULTURE), false);
    corpora.changed(guild);
    expect((await corpora.forGuild(guild)) === before, 'the old server corpus, meanwhile').toBe(true);
    expect((await eventually(corpora, guild, (c) => c.own.has(CULTURE))).own).toEqual(new Set([NOTES, CULTURE]));
    await corpora.close();
  }, 60_000);

  it('reads the store again for a server that had no articles of its own once a change to it is announced', async () => {
    const guild = '666666666666666666';
    const corpora = await open();
    expect((await corpora.forGuild(guild)).index === base, 'the base index itself').toBe(true);
    await store.putGuildArticle(own(guild, CULTURE), false);
    // Unannounced, the change is not seen: the list of servers with articles is not read on every answer.
    expect((await corpora.forGuild(guild)).index === base, 'the base index itself').toBe(true);
    corpora.changed(guild);
    expect((await corpora.forGuild(guild)).own).toEqual(new Set([CULTURE]));
    await corpora.close();
  }, 60_000);

  it('after changes may have been missed, reads the list of servers again and builds each held index again at its next use', async () => {
    const [held, unseen] = ['777777777777777777', '888888888888888888'];
    await store.putGuildArticle(own(held, NOTES), false);
    const corpora = await open();
    const before = await corpora.forGuild(held);
    expect((await corpora.forGuild(unseen)).index === base, 'the base index itself').toBe(true);
    await store.putGuildArticle(own(held, CULTURE), false);
    await store.putGuildArticle(own(unseen, NOTES), false);
    corpora.mayHaveMissed();
    expect((await corpora.forGuild(unseen)).own).toEqual(new Set([NOTES]));
    expect((await corpora.forGuild(held)) === before, 'the held server corpus').toBe(true);
    expect((await eventually(corpora, held, (c) => c.own.has(CULTURE))).own).toEqual(new Set([NOTES, CULTURE]));
    await corpora.close();
  }, 60_000);
});

/** The server's corpus once `done` holds of it, asking as an interaction would (a build takes a few seconds). */
async function eventually(corpora: ServerCorpora, guildId: string, done: (corpus: ServerCorpus) => boolean): Promise<ServerCorpus> {
  for (let tries = 0; ; tries++) {
    const corpus = await corpora.forGuild(guildId);
    if (done(corpus) || tries > 600) return corpus;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
