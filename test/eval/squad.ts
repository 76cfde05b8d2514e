import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { ask } from '../../src/answers/index.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import { buildIndex, type SearchIndex } from '../../src/search/index.ts';
import { passageId, sentencesOf } from '../../src/corpus/passage.ts';

/**
 * The public benchmark in ./squad (SQuAD 2.0 questions on eight Wikipedia
 * articles, and questions about other articles; see its README): how often the
 * first quote holds the answer, how often the cited paragraph does, and how
 * often citebot refuses, beside MiniSearch's defaults over the same sentences.
 */
interface SquadQuestion {
  q: string;
  answers: string[];
  article: string;
  paragraph: number;
}

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
export const squadDir = here('./squad/corpus');
export const squadQuestions = JSON.parse(readFileSync(here('./squad/questions.json'), 'utf8')) as SquadQuestion[];
export const squadNegatives = JSON.parse(readFileSync(here('./squad/negatives.json'), 'utf8')) as string[];
/** The same questions re-asked in a reader's own words (see the set's README). */
export const squadParaphrased = JSON.parse(readFileSync(here('./squad/paraphrased.json'), 'utf8')) as SquadQuestion[];
/** Near-topic questions none of the articles answers, by kind. */
export interface NearNegative {
  q: string;
  near: string;
  kind: 'swap' | 'missing' | 'neighbour';
}
export const squadNearNegatives = JSON.parse(readFileSync(here('./squad/near-negatives.json'), 'utf8')) as NearNegative[];

/**
 * Which half a question falls in, by a hash of its text: thresholds are
 * calibrated on half "A" and the other half is reported beside it as held out.
 */
export function half(q: string): 'A' | 'B' {
  return createHash('sha1').update(q).digest()[0]! & 1 ? 'B' : 'A';
}

export function squadIndex(): SearchIndex {
  const corpus = loadCorpus(squadDir);
  if (!corpus.ok) throw new Error(corpus.error.join('\n'));
  return buildIndex(corpus.value);
}

/** One retriever's first three answers: the quote and the cited paragraph of each. */
export type Retrieve = (q: string) => readonly { text: string; citation: string }[];

export interface SquadScores {
  readonly questions: number;
  readonly excerpt1: number;
  readonly excerpt3: number;
  readonly para1: number;
  readonly para3: number;
  /** Share of answerable questions with no answer. */
  readonly falseRefusals: number;
  /** Share of the other-subject questions with no answer. */
  readonly negativesRefused: number;
  readonly medianExcerpt: number;
  readonly maxExcerpt: number;
}

const pct = (n: number, of: number) => (of === 0 ? 0 : Math.round((1000 * n) / of) / 10);
const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');

/** Scores a retriever on the questions (and negatives) given. */
export function scoreSquad(retrieve: Retrieve, questions: readonly SquadQuestion[], negatives: readonly string[]): SquadScores {
  let e1 = 0,
    e3 = 0,
    p1 = 0,
    p3 = 0,
    refused = 0;
  const lengths: number[] = [];
  for (const { q, answers, article, paragraph } of questions) {
    const results = retrieve(q).slice(0, 3);
    if (results.length === 0) refused++;
    const para = `${article}#article-${paragraph}`;
    const holds = (t: string) => answers.some((a) => norm(t).includes(norm(a)));
    if (results[0]) lengths.push(results[0].text.length);
    if (results[0] && holds(results[0].text)) e1++;
    if (results.some((r) => holds(r.text))) e3++;
    if (results[0]?.citation === para) p1++;
    if (results.some((r) => r.citation === para)) p3++;
  }
  const negRefused = negatives.filter((q) => retrieve(q).length === 0).length;
  lengths.sort((a, b) => a - b);
  const n = questions.length;
  return {
    questions: n,
    excerpt1: pct(e1, n),
    excerpt3: pct(e3, n),
    para1: pct(p1, n),
    para3: pct(p3, n),
    falseRefusals: pct(refused, n),
    negativesRefused: pct(negRefused, negatives.length),
    medianExcerpt: lengths[Math.floor(lengths.length / 2)] ?? 0,
    maxExcerpt: lengths.at(-1) ?? 0,
  };
}

/** citebot's `ask`, as a reader sees it. */
export function citebot(index: SearchIndex): Retrieve {
  return (q) => {
    const answer = ask(index, q, { limit: 3 });
    return answer.ok ? answer.value.results : [];
  };
}

/** MiniSearch with its defaults over the same sentences: the floor to beat. */
export function miniSearchDefaults(corpus: Corpus): Retrieve {
  const sentences = corpus.passages.flatMap((p) => sentencesOf(p).map((text) => ({ text, citation: passageId(p) })));
  const mini = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  mini.addAll(sentences.map((s, id) => ({ id, text: s.text })));
  return (q) =>
    mini
      .search(q)
      .slice(0, 3)
      .map((r) => sentences[r.id as number]!);
}

/** The share of near-topic questions refused (no answer), in all and by kind. */
export interface NearScores {
  readonly refused: number;
  readonly swap: number;
  readonly missing: number;
  readonly neighbour: number;
}

export function scoreNear(retrieve: Retrieve, questions: readonly NearNegative[]): NearScores {
  const refused = (qs: readonly NearNegative[]) => pct(qs.filter((x) => retrieve(x.q).length === 0).length, qs.length);
  const kind = (k: NearNegative['kind']) => refused(questions.filter((x) => x.kind === k));
  return { refused: refused(questions), swap: kind('swap'), missing: kind('missing'), neighbour: kind('neighbour') };
}

type Halves<T> = { all: T; A: T; B: T };
export interface SquadReport {
  /** The crowd's questions (and the far-away negatives). */
  readonly citebot: Halves<SquadScores>;
  /** The same questions in a reader's own words. */
  readonly paraphrased: Halves<SquadScores>;
  readonly near: Halves<NearScores>;
  readonly miniSearch: { questions: SquadScores; paraphrased: SquadScores };
}

const inHalf = <T>(items: readonly T[], text: (x: T) => string, h: 'A' | 'B') => items.filter((x) => half(text(x)) === h);

/** Every SQuAD set, by half, and MiniSearch's defaults beside them. */
export function evalSquad(index: SearchIndex = squadIndex()): SquadReport {
  // Each question is asked once: the halves read the answers the whole set got.
  const answers = new Map<string, ReturnType<Retrieve>>();
  const ask = citebot(index);
  const run: Retrieve = (q) => answers.get(q) ?? answers.set(q, ask(q)).get(q)!;
  const scored = (qs: readonly SquadQuestion[], negs: readonly string[]): Halves<SquadScores> => ({
    all: scoreSquad(run, qs, negs),
    A: scoreSquad(
      run,
      inHalf(qs, (x) => x.q, 'A'),
      inHalf(negs, (x) => x, 'A'),
    ),
    B: scoreSquad(
      run,
      inHalf(qs, (x) => x.q, 'B'),
      inHalf(negs, (x) => x, 'B'),
    ),
  });
  const mini = miniSearchDefaults(index.corpus);
  return {
    citebot: scored(squadQuestions, squadNegatives),
    paraphrased: scored(squadParaphrased, []),
    near: {
      all: scoreNear(run, squadNearNegatives),
      A: scoreNear(
        run,
        inHalf(squadNearNegatives, (x) => x.q, 'A'),
      ),
      B: scoreNear(
        run,
        inHalf(squadNearNegatives, (x) => x.q, 'B'),
      ),
    },
    miniSearch: { questions: scoreSquad(mini, squadQuestions, squadNegatives), paraphrased: scoreSquad(mini, squadParaphrased, []) },
  };
}
