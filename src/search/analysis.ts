import { stemmer } from 'stemmer';
import { STOP_WORDS } from './stopwords.ts';

/** A word as it appears in text, with where it is (for highlighting). */
export interface Token {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

// Letters and digits, with inner apostrophes (don't) and dotted acronyms (U.S.) kept whole.
const WORD = /(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Splits text into words, keeping their positions. Hyphenated words become their parts. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) tokens.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  return tokens;
}

/**
 * The index term for a word, or null for a stop word. Lowercased, accents
 * folded, possessive dropped, stemmed (Porter): "Chips" and "chip" are one
 * term, as are "Céloron" and "Celoron". Dotted acronyms
 * lose their dots; a word in capitals is never a stop word ("US" is a country).
 */
export function termOf(word: string, shouting = false): string | null {
  if (shouting) return analyse(word, true);
  let term = terms.get(word);
  if (term === undefined) {
    if (terms.size > 200_000) terms.clear();
    terms.set(word, (term = analyse(word, false)));
  }
  return term;
}

// Text repeats its words (Zipf), and every excerpt is analysed again to mark its matches:
// each distinct word is analysed (and stemmed) once. Text in capitals is rare and not remembered.
const terms = new Map<string, string | null>();

function analyse(word: string, shouting: boolean): string | null {
  const dotted = word.includes('.');
  const plain = foldAccents(word)
    .replace(/\./g, '')
    .replace(/['’]s$/i, '')
    .replace(/’/g, "'");
  const lower = plain.toLowerCase();
  if (lower.length === 0) return null;
  // In text written all in capitals ("WHAT IS THE METHOD?") capitals mean nothing; "u.s." is an acronym in any case.
  const isAcronym = dotted || (!shouting && plain.length >= 2 && plain === plain.toUpperCase() && /\p{Lu}/u.test(plain));
  if (STOP_WORDS.has(lower)) {
    // "US" the country is not "us" the pronoun, nor "used" stemmed: it keeps its capitals.
    return isAcronym ? plain.toUpperCase() : null;
  }
  if (lower.length > 40) return null; // not a word: a hash, a URL fragment
  return /^[a-z']+$/.test(lower) ? stemmer(lower) : lower;
}

/**
 * A word without its accents and ligatures ("Céloron" → "Celoron",
 * "Contrecœur" → "Contrecoeur"): people type names as their keyboard lets
 * them, and a quote's own spelling must still match.
 */
export function foldAccents(word: string): string {
  if (/^[\x20-\x7e]*$/.test(word)) return word;
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[œŒæÆß]/g, (c) => LIGATURES[c]!);
}
const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE', ß: 'ss' };

// Discord mentions (<@1>, <@!1>, <@&1>, <#1>, @everyone, @here), custom emoji (<:name:1>, <a:name:1>),
// web addresses and the targets of Markdown links: typed around a question, never words of it.
const NOT_WORDS = /<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|@(?:everyone|here)\b|\]\(<?[^)\s]*>?\)|<?\bhttps?:\/\/[^\s>]+>?/giu;

/** A question as words: mentions, custom emoji and links left out (Markdown's * _ ~ | ` are never words). */
export function plainQuestion(text: string): string {
  return text.replace(NOT_WORDS, ' ');
}

/** One distinct word of a question: its index term, and whether it was written as a name. */
export interface QuestionTerm {
  readonly term: string;
  /** Capitalised mid-sentence ("the train to Berlin"), or an acronym: a name, whatever English makes of it. */
  readonly name: boolean;
  /** The word as typed, lowercased (its first occurrence): what its meaning is looked up by. */
  readonly word: string;
}

/** The distinct index terms of a question, in order, each once, with whether it was a name. */
export function questionTerms(question: string): QuestionTerm[] {
  const text = plainQuestion(question);
  const shouting = !/\p{Ll}/u.test(text);
  const out: QuestionTerm[] = [];
  const seen = new Map<string, number>();
  for (const t of tokenize(text)) {
    const term = termOf(t.word, shouting);
    if (!term) continue;
    const before = text.slice(0, t.start).trimEnd();
    const opensSentence = before === '' || /[.?!:;"“([]$/.test(before);
    const name = !shouting && /^\p{Lu}/u.test(t.word) && (!opensSentence || (t.word.length >= 2 && t.word === t.word.toUpperCase()));
    const at = seen.get(term);
    if (at === undefined) {
      seen.set(term, out.length);
      out.push({ term, name, word: t.word.toLowerCase() });
    } else if (name && !out[at]!.name) out[at] = { term, name, word: out[at]!.word };
  }
  return out;
}

/** Every index term of a text, in order, stop words left out. */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  const shouting = !/\p{Ll}/u.test(text);
  for (const t of tokenize(text)) {
    const term = termOf(t.word, shouting);
    if (term) terms.push(term);
  }
  return terms;
}
