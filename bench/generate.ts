// A deterministic generator of realistic corpora for the benchmark: articles of 20–60 sentences
// over a Zipf-like vocabulary, in the real corpus format. The same seed gives the same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * sfc32, seeded from (seed, stream): small, fast, the same numbers everywhere, and with a
 * 128-bit state, so streams for different articles do not overlap the way 32-bit ones would.
 */
export function rng(seed: number, stream = 0): Rng {
  let a = seed >>> 0;
  let b = stream >>> 0;
  let c = 0x9e3779b9;
  let d = 0x243f6a88;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next(); // mix the seed in before the first number is used
  return next;
}

// Real English function words, roughly by frequency: the top ranks, so stop words are as frequent as in real text.
export const FUNCTION_WORDS: readonly string[] = `the of and to a in is that for it as with was on be by this are or from at an
which have not has but its their can more been they also than other these into most such may would about when
new one will so there we some all what between were our how after over only if could both through many where
those each while because should under does before without however two must since even during them much like
first very often any own who per among then do three same still across less did then against within every`
  .split(/\s+/)
  .filter((w, i, all) => all.indexOf(w) === i);

// Real content words (technology, business, science), by rough frequency in such writing.
const CONTENT_WORDS: readonly string[] = `model data models training research company teams team market compute cost growth labs
policy government students researchers engineers culture performance inference hardware software system systems product
products customers users security privacy network cloud platform strategy investment funding startup startups benchmark
evaluation quality scale scaling energy power supply demand export regulation open source release paper papers results
method methods approach approaches analysis evidence experiment experiments design architecture language reasoning agents
agent safety alignment risk risks ethics education talent hiring salary career leadership management organization
organizations collaboration competition advantage speed efficiency latency memory storage database search index retrieval
knowledge science biology medicine health climate finance bank banks trade economy economic industry industries
manufacturing supply-chain factory factories robot robots vision speech translation writing code coding developers tools
framework library interface standard standards protocol internet mobile device devices sensor sensors battery vehicle
vehicles city cities infrastructure transport logistics retail media news content video audio image images music game
games chip chips semiconductor processor processors accelerator cluster clusters datacenter datacenters electricity grid
revenue profit margin margins pricing price prices subscription advertising budget budgets valuation investors capital
venture acquisition merger partnership partners contract contracts license licensing patent patents copyright lawsuit
court courts law laws rules compliance audit auditing governance board executives founders employees workers workforce
productivity automation workflow workflows pipeline pipelines deployment deployments production prototype prototypes
feature features roadmap launch customer client clients service services support quality-assurance testing tests bug
bugs failure failures outage outages incident incidents monitoring metrics dashboard dashboards signal signals noise
accuracy precision recall error errors loss optimization optimizer gradient parameters weights layers attention
transformer transformers embedding embeddings tokens tokenizer context window prompt prompts fine-tuning distillation
dataset datasets annotation labels labeling synthetic simulation simulations environment environments reward rewards
feedback preference preferences leaderboard leaderboards survey surveys interview interviews
report reports study studies trial trials patients hospital hospitals doctors diagnosis treatment drug drugs protein
proteins genome genomics chemistry physics materials laboratory microscope telescope satellite satellites space orbit
rocket weather forecast forecasts emissions carbon renewable solar wind nuclear water agriculture farmers food crops
population households consumers wages inflation interest rates currency exchange stocks shares bonds fund funds
university universities professor professors school schools classroom teachers curriculum skills jobs unemployment
migration visa visas border borders geopolitics sanctions tariffs diplomacy alliance allies military defense
cybersecurity attack attacks vulnerability vulnerabilities malware encryption password passwords identity
authentication access permissions open-source community communities contributors maintainers repository repositories
documentation tutorial tutorials blog newsletter podcast conference conferences workshop talk keynote announcement
trend trends forecasting uncertainty bias fairness transparency accountability trust misinformation moderation
platforms creators audience audiences engagement growth-rate retention churn onboarding interface-design usability
accessibility latency-budget throughput bandwidth storage-costs scalability reliability resilience redundancy backup`
  .split(/\s+/)
  .filter((w, i, all) => w && all.indexOf(w) === i && !FUNCTION_WORDS.includes(w));

// Syllables for the pronounceable long tail ("venkalor", "tasmuri").
const ONSETS = 'b c d f g h k l m n p r s t v w z b d k l m n p r s t br cr dr fr gr pr tr st pl sh ch th'.split(' ');
const NUCLEI = 'a e i o u a e i o u ai ea ou'.split(' ');
const CODAS = ['n', 'r', 'l', 's', 'm', 'nd', 'rt', 'st', 'x', 'ck'];

const VOCAB_SIZE = 20_000;
const ZIPF_EXPONENT = 1.05;

/** The vocabulary by rank: function words, then content words, then the synthetic long tail. */
export const VOCABULARY: readonly string[] = (() => {
  const words = [...FUNCTION_WORDS, ...CONTENT_WORDS];
  const seen = new Set(words);
  const r = rng(0x5eed, 0);
  const pick = (xs: readonly string[]) => xs[Math.floor(r() * xs.length)]!;
  while (words.length < VOCAB_SIZE) {
    const x = r();
    const n = x < 0.5 ? 2 : x < 0.9 ? 3 : 4;
    let w = '';
    for (let i = 0; i < n; i++) w += pick(ONSETS) + pick(NUCLEI) + (r() < (i === n - 1 ? 0.6 : 0.15) ? pick(CODAS) : '');
    if (w.length >= 4 && w.length <= 12 && !seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  return words;
})();

const FIRST_CONTENT_RANK = FUNCTION_WORDS.length;

// Zipf: P(rank k) ∝ 1 / k^s. A guide table narrows the binary search in the cumulative distribution.
const CDF = new Float64Array(VOCABULARY.length);
{
  let sum = 0;
  for (let k = 0; k < CDF.length; k++) CDF[k] = sum += 1 / Math.pow(k + 1, ZIPF_EXPONENT);
  for (let k = 0; k < CDF.length; k++) CDF[k] = CDF[k]! / sum;
  CDF[CDF.length - 1] = 1;
}
const GUIDE_SIZE = 4096;
const GUIDE = new Int32Array(GUIDE_SIZE + 1);
{
  let k = 0;
  for (let g = 0; g <= GUIDE_SIZE; g++) {
    while (k < CDF.length - 1 && CDF[k]! < g / GUIDE_SIZE) k++;
    GUIDE[g] = k;
  }
}

/** A vocabulary rank (0-based) drawn from the Zipf distribution. */
function drawRank(r: Rng): number {
  const x = r();
  const g = Math.floor(x * GUIDE_SIZE);
  let lo = GUIDE[g]!;
  let hi = GUIDE[g + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CDF[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const HEADINGS = [
  'Background',
  'Method',
  'Results',
  'Key takeaway',
  'Principles',
  'In practice',
  'Discussion',
  'Limitations',
  'Editorial Opinion',
  'Key insights',
  'Context',
  'Findings',
  'Outlook',
  'Open questions',
  'Why it matters',
  'Implications',
];
// Sections that real articles mostly write as lists.
const LIST_HEADINGS = new Set(['Principles', 'In practice', 'Key insights', 'Findings', 'Open questions']);
export const PUBLISHERS: readonly string[] = [
  'AIssential',
  'Interconnects AI',
  'The Gradient Review',
  'Signal Weekly',
  'Compute Letters',
  'Frontier Notes',
  'Stack & Scale',
  'The Data Desk',
];
const FIRST_NAMES = ['Ada', 'Lin', 'Sam', 'Maria', 'Jon', 'Priya', 'Kenji', 'Amara', 'Lucas', 'Sofia', 'Omar', 'Hana', 'Elena', 'Tom'];
const LAST_NAMES = [
  'Park',
  'Wei',
  'Okafor',
  'Rossi',
  'Berg',
  'Nair',
  'Sato',
  'Mensah',
  'Silva',
  'Novak',
  'Haddad',
  'Kim',
  'Petrov',
  "O'Neill",
];
const TITLE_CONNECTORS = ['of', 'and', 'for', 'in', 'with', 'on'];

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const between = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const capital = (w: string) => w[0]!.toUpperCase() + w.slice(1);

/** A token with digits, as real text has: a year, a model name, a share, a chip. */
function digitToken(r: Rng): string {
  switch (between(r, 0, 4)) {
    case 0:
      return String(between(r, 1995, 2026));
    case 1:
      return `GPT-${between(r, 2, 5)}`;
    case 2:
      return `${between(r, 2, 95)}%`;
    case 3:
      return pick(r, ['H100', 'A100', 'B200', 'TPUv5', 'M2', 'Llama-3', 'Claude-3', '5G']);
    default:
      return `${between(r, 2, 900)}`;
  }
}

/**
 * One sentence of 8–30 words ending in a full stop. The last word is always a content word:
 * real sentences rarely end in "the", and the corpus's sentence splitter then always splits here.
 */
function sentence(r: Rng): string {
  const n = between(r, 8, 30);
  const words: string[] = new Array<string>(n);
  for (let i = 0; i < n - 1; i++) words[i] = VOCABULARY[drawRank(r)]!;
  let last = drawRank(r);
  while (last < FIRST_CONTENT_RANK) last = drawRank(r);
  words[n - 1] = VOCABULARY[last]!;
  if (r() < 0.15) words[between(r, 1, n - 2)] = digitToken(r);
  if (r() < 0.05) {
    const from = between(r, 1, n - 4);
    const to = from + between(r, 1, 2);
    words[from] = `"${words[from]!}`;
    words[to] = `${words[to]!}"`;
  }
  for (let i = 1; i < n - 2; i++) if (r() < 0.06) words[i] += ',';
  words[0] = capital(words[0]!);
  return `${words.join(' ')}.`;
}

function title(r: Rng): { text: string; slugWords: string[] } {
  const n = between(r, 3, 8);
  const words: string[] = [];
  const isConnector = (w: string | undefined) => w !== undefined && TITLE_CONNECTORS.includes(w);
  for (let i = 0; i < n; i++) {
    // Connectors inside the title only, never two in a row: "Scaling of Compute and Talent".
    if (i > 0 && i < n - 1 && !isConnector(words[i - 1]) && r() < 0.25) words.push(pick(r, TITLE_CONNECTORS));
    else words.push(r() < 0.9 ? pick(r, CONTENT_WORDS) : VOCABULARY[between(r, FIRST_CONTENT_RANK, 3000)]!);
  }
  const shown = words.map((w, i) => (i > 0 && isConnector(w) ? w : capital(w)));
  // Some titles have a colon ("Chips: Supply and Demand"), which YAML needs quoted.
  if (n >= 4 && r() < 0.2) {
    const k = words.findIndex((w, i) => i >= 1 && i < n - 1 && !isConnector(w) && !isConnector(words[i + 1]));
    if (k > 0) shown[k] += ':';
  }
  return { text: shown.join(' '), slugWords: words.filter((w) => !isConnector(w)) };
}

/** Every section's sentence count: at least 2 each, the rest spread at random; they add up to `total`. */
function shares(r: Rng, total: number, sections: number): number[] {
  const s = new Array<number>(sections).fill(2);
  for (let left = total - 2 * sections; left > 0; left--) s[Math.floor(r() * sections)]! += 1;
  return s;
}

/** One article, without touching the disk. `index` numbers it (from 1) and goes into its id. */
export function generateArticle(r: Rng, index: number): { id: string; markdown: string; sentences: number } {
  const t = title(r);
  const id = `article-${String(index).padStart(5, '0')}-${t.slugWords.slice(0, 3).join('-')}`;
  const total = between(r, 20, 60);
  const sectionCount = between(r, 3, 7);

  // Headings: mostly "Summary" first, as in the real corpus; the rest drawn without repeats.
  const pool = [...HEADINGS];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const headings = r() < 0.7 ? ['Summary', ...pool.slice(0, sectionCount - 1)] : pool.slice(0, sectionCount);

  const publisher = pick(r, PUBLISHERS);
  const fm = [`title: ${JSON.stringify(t.text)}`, `publisher: ${JSON.stringify(publisher)}`];
  if (r() < 0.5) fm.push(`url: ${JSON.stringify(`https://example.com/articles/${id}`)}`);
  if (r() < 0.3) fm.push(`author: ${JSON.stringify(`${pick(r, FIRST_NAMES)} ${pick(r, LAST_NAMES)}`)}`);
  if (r() < 0.6)
    fm.push(
      `published: ${JSON.stringify(`${between(r, 2019, 2026)}-${String(between(r, 1, 12)).padStart(2, '0')}-${String(between(r, 1, 28)).padStart(2, '0')}`)}`,
    );

  const out: string[] = ['---', ...fm, '---', ''];
  const perSection = shares(r, total, sectionCount);
  for (const [i, heading] of headings.entries()) {
    out.push(`## ${heading}`, '');
    const listy = LIST_HEADINGS.has(heading);
    let left = perSection[i]!;
    let lastWasList: boolean = false;
    while (left > 0) {
      // Two lists in a row would read as one list: a paragraph comes between them.
      const list: boolean = !lastWasList && r() < (listy ? 0.8 : 0.25);
      const max = list ? 5 : 6;
      let n = Math.min(left, between(r, 2, max));
      if (left - n === 1) n = n < max ? n + 1 : n - 1; // never leave a lone sentence for the next block
      if (list) for (let k = 0; k < n; k++) out.push(`- ${sentence(r)}`);
      else {
        const ss: string[] = [];
        for (let k = 0; k < n; k++) ss.push(sentence(r));
        out.push(ss.join(' '));
      }
      out.push('');
      left -= n;
      lastWasList = list;
    }
  }
  return { id, markdown: out.join('\n'), sentences: total };
}

/** The stream of random numbers for article `index` of a corpus with `seed`. */
export const articleRng = (seed: number, index: number): Rng => rng(seed, index);

export const DEFAULT_SEED = 1;

/** Writes `articles` files into `dir` (created if missing); the same seed gives the same bytes. */
export function generateCorpus(opts: { articles: number; seed?: number; dir: string }): {
  files: number;
  sentences: number;
  bytes: number;
} {
  mkdirSync(opts.dir, { recursive: true });
  const seed = opts.seed ?? DEFAULT_SEED;
  let sentences = 0;
  let bytes = 0;
  for (let i = 1; i <= opts.articles; i++) {
    const a = generateArticle(articleRng(seed, i), i);
    const data = Buffer.from(a.markdown, 'utf8');
    writeFileSync(join(opts.dir, `${a.id}.md`), data);
    sentences += a.sentences;
    bytes += data.length;
  }
  return { files: opts.articles, sentences, bytes };
}

/** Queries about things no generated article covers: none of their content words is in the vocabulary. */
export const OFF_TOPIC_QUERIES: readonly string[] = [
  'cheesecake recipe',
  'What time does the train to Berlin leave?',
  'knitting patterns for beginners',
  'airspeed of an unladen swallow',
  'best sourdough pizza dough',
  'tango lessons',
];

/** What a benchmark query tests. */
export type QueryKind = 'keyword' | 'question' | 'typo' | 'off-topic';

/**
 * A fixed, mixed query set of 50 over the same vocabulary, each with its kind: keywords (one or
 * two words), natural questions, typos (one letter changed in a content word), and off-topic
 * queries the corpus has no words for.
 */
export function benchQuerySet(seed = DEFAULT_SEED): { kind: QueryKind; query: string }[] {
  const r = rng(seed, 0xbe9c4);
  const content = () => pick(r, CONTENT_WORDS);
  const rare = () => VOCABULARY[between(r, 600, 5000)]!;
  const known = new Set(VOCABULARY);
  const typo = (): string => {
    for (;;) {
      const w = content();
      if (w.length < 5 || w.includes('-')) continue;
      const i = between(r, 1, w.length - 1);
      const c = String.fromCharCode(97 + between(r, 0, 25));
      const t = w.slice(0, i) + c + w.slice(i + 1);
      if (c !== w[i] && !known.has(t)) return t;
    }
  };
  const questions = [
    (a: string, b: string) => `What does the article say about ${a} and ${b}?`,
    (a: string, b: string) => `What does ${pick(r, PUBLISHERS)} say about ${a} and ${b}?`,
    (a: string, b: string) => `What role does ${a} play in ${b}?`,
    (a: string) => `What is the main finding about ${a}?`,
  ];
  const relations = [
    (a: string, b: string) => `How do ${a} and ${b} relate?`,
    (a: string, b: string) => `What is the effect of ${a} on ${b}?`,
    (a: string, b: string) => `Is there evidence linking ${a} to ${b}?`,
  ];
  const qs: { kind: QueryKind; query: string }[] = [];
  const add = (kind: QueryKind, query: string) => qs.push({ kind, query });
  for (let i = 0; i < 6; i++) add('keyword', content());
  for (let i = 0; i < 6; i++) add('keyword', `${content()} ${content()}`);
  for (let i = 0; i < 6; i++) add('keyword', `${content()} ${rare()}`);
  for (let i = 0; i < 12; i++) add('question', pick(r, questions)(content(), content()));
  for (let i = 0; i < 8; i++) add('question', pick(r, relations)(content(), i % 2 ? rare() : content()));
  for (let i = 0; i < 6; i++) add('typo', i % 2 ? typo() : `${typo()} ${content()}`);
  for (const q of OFF_TOPIC_QUERIES) add('off-topic', q);
  return qs;
}

/** The queries of `benchQuerySet`, without their kinds. */
export function benchQueries(seed = DEFAULT_SEED): string[] {
  return benchQuerySet(seed).map((q) => q.query);
}
