// A deterministic generator of realistic corpora for the benchmark: articles of 20–60 sentences
// over a Zipf-like vocabulary, in the real corpus format.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: small, fast, and the same numbers for the same seed everywhere. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FUNCTION_WORDS = 'the of and to in is that for it as with was on be by this are or from at an which have not has but its their can more been they also than other these into most such may would about when new one will so there we some all what between'.split(' ');
const CONTENT_WORDS = `model models data training research labs team teams company companies market chips compute cost growth
policy government students researchers engineers culture performance inference hardware software system systems product
products customers users security privacy network cloud platform strategy investment funding startup startups benchmark
evaluation quality scale scaling energy power supply demand export regulation open source release paper papers results
method methods approach approaches analysis evidence experiment experiments design architecture language reasoning agents
agent safety alignment risk risks ethics education talent hiring salary career leadership management organization
organizations collaboration competition advantage speed efficiency latency memory storage database search index retrieval
knowledge science biology medicine health climate finance bank banks trade economy economic industry industries
manufacturing supply-chain factory factories robot robots vision speech translation writing code coding developers tools
framework library interface standard standards protocol internet mobile device devices sensor sensors battery vehicle
vehicles city cities infrastructure transport logistics retail media news content video audio image images music game games`.split(/\s+/);
const SYLLABLES = 'ka ri to mu sen ven lor dra pel quin tas mor fi gal bex zu nor lin tev ash ul cro dim esk far gor hil jun kel'.split(' ');
const HEADINGS = ['Summary', 'Background', 'Method', 'Results', 'Key takeaway', 'Principles', 'In practice', 'Discussion', 'Limitations', 'Editorial Opinion', 'Key insights', 'Context', 'Findings', 'Outlook'];
const PUBLISHERS = ['AIssential', 'Interconnects AI', 'The Gradient Review', 'Signal Weekly', 'Compute Letters', 'Frontier Notes'];
const AUTHORS = ['Ada Park', 'Lin Wei', 'Sam Okafor', 'Maria Rossi', 'Jon Berg', 'Priya Nair'];

/** The vocabulary by rank: function words first (frequent, as in real text), then content words, then a long tail. */
function vocabulary(size: number): string[] {
  const words = [...FUNCTION_WORDS, ...CONTENT_WORDS];
  const r = rng(7);
  const seen = new Set(words);
  while (words.length < size) {
    const n = 2 + Math.floor(r() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  return words;
}

const VOCAB = vocabulary(20_000);
// Zipf: P(rank k) ∝ 1 / k^1.05, drawn by binary search in the cumulative distribution.
const CDF = (() => {
  const c = new Float64Array(VOCAB.length);
  let sum = 0;
  for (let k = 0; k < VOCAB.length; k++) c[k] = sum += 1 / Math.pow(k + 1, 1.05);
  for (let k = 0; k < c.length; k++) c[k]! /= sum;
  return c;
})();

function word(r: () => number): string {
  const x = r();
  let lo = 0;
  let hi = CDF.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CDF[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCAB[lo]!;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const between = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

function sentence(r: () => number): string {
  const n = between(r, 8, 30);
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    let w = word(r);
    if (r() < 0.01) w = String(between(r, 1990, 2030));
    else if (r() < 0.005) w = `GPT-${between(r, 2, 6)}`;
    words.push(w + (i < n - 1 && r() < 0.08 ? ',' : ''));
  }
  if (r() < 0.05 && n > 4) words[2] = `"${words[2]!.replace(/,$/, '')}"`;
  const s = words.join(' ');
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

/** One article, without touching the disk. */
export function generateArticle(r: () => number, index: number): { id: string; markdown: string; sentences: number } {
  const titleWords = Array.from({ length: between(r, 3, 8) }, () => pick(r, CONTENT_WORDS));
  const title = titleWords.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
  const id = `article-${String(index).padStart(5, '0')}-${titleWords.slice(0, 3).join('-')}`;
  const total = between(r, 20, 60);
  const sectionCount = between(r, 3, 7);
  const headings = [...HEADINGS].sort(() => r() - 0.5).slice(0, sectionCount);
  const fm = [`title: ${JSON.stringify(title)}`, `publisher: ${JSON.stringify(pick(r, PUBLISHERS))}`];
  if (r() < 0.5) fm.push(`url: "https://example.com/articles/${id}"`);
  if (r() < 0.3) fm.push(`author: ${JSON.stringify(pick(r, AUTHORS))}`);
  if (r() < 0.6) fm.push(`published: "${between(r, 2019, 2026)}-${String(between(r, 1, 12)).padStart(2, '0')}-${String(between(r, 1, 28)).padStart(2, '0')}"`);
  const body: string[] = [];
  let written = 0;
  for (const [i, h] of headings.entries()) {
    body.push(`## ${h}`, '');
    const share = i === headings.length - 1 ? total - written : Math.max(1, Math.round((total - written) / (headings.length - i)));
    let left = share;
    while (left > 0) {
      if (r() < 0.3 && left >= 2) {
        const n = Math.min(left, between(r, 2, 5));
        for (let k = 0; k < n; k++) body.push(`- ${sentence(r)}`);
        left -= n;
      } else {
        const n = Math.min(left, between(r, 2, 6));
        body.push(Array.from({ length: n }, () => sentence(r)).join(' '));
        left -= n;
      }
      body.push('');
    }
    written += share;
  }
  return { id, markdown: `---\n${fm.join('\n')}\n---\n\n${body.join('\n')}`, sentences: total };
}

/** Writes `articles` files into `dir`; the same seed gives the same bytes. */
export function generateCorpus(opts: { articles: number; seed?: number; dir: string }): { files: number; sentences: number; bytes: number } {
  mkdirSync(opts.dir, { recursive: true });
  const r = rng(opts.seed ?? 1);
  let sentences = 0;
  let bytes = 0;
  for (let i = 1; i <= opts.articles; i++) {
    const a = generateArticle(r, i);
    writeFileSync(join(opts.dir, `${a.id}.md`), a.markdown);
    sentences += a.sentences;
    bytes += Buffer.byteLength(a.markdown);
  }
  return { files: opts.articles, sentences, bytes };
}

/** A fixed, mixed query set: keywords, questions, typos, and words the corpus does not have. */
export function benchQueries(seed = 1): string[] {
  const r = rng(seed + 1000);
  const content = () => pick(r, CONTENT_WORDS);
  const tail = () => VOCAB[between(r, 300, 5000)]!;
  const typo = (w: string) => {
    const i = between(r, 1, Math.max(1, w.length - 2));
    return w.slice(0, i) + 'xq'[between(r, 0, 1)] + w.slice(i + 1);
  };
  const qs: string[] = [];
  for (let i = 0; i < 12; i++) qs.push(content());
  for (let i = 0; i < 8; i++) qs.push(`${content()} ${tail()}`);
  for (let i = 0; i < 10; i++) qs.push(`What does the article say about ${content()} and ${content()}?`);
  for (let i = 0; i < 8; i++) qs.push(`How do ${content()} and ${tail()} relate to ${content()}?`);
  for (let i = 0; i < 6; i++) qs.push(typo(content()));
  qs.push('cheesecake recipe', 'What time does the train to Berlin leave?', 'quantum tunnelling explained', 'airspeed of a swallow', 'best pizza dough', 'knitting patterns');
  return qs;
}
