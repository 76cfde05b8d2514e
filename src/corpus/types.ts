/** What a corpus file's front matter says about its article. */
export interface ArticleMeta {
  /** From the file name: `corpus/notes-from-x.md` → `notes-from-x`. */
  readonly id: string;
  readonly title: string;
  /** Absent when the article does not name its publisher: never guessed. */
  readonly publisher?: string;
  readonly url?: string;
  readonly author?: string;
  /** ISO date, as written. */
  readonly published?: string;
  /** The work this article summarises, when it is a summary. */
  readonly original?: string;
  /** The file it came from, as given to the loader (for messages). */
  readonly file: string;
}

/** Where a passage's sentences are in its text, in the form passage.ts reads; no other module looks inside. */
export type SentenceSpans = string | readonly string[];

/** A paragraph or bullet: the unit a citation id names. */
export interface Passage {
  /**
   * Its place in its section, counting from 1: the `n` of its citation id,
   * `<article-id>#<section-slug>-<n>` (passageId in passage.ts makes it; it is
   * not kept as a string, one per passage, for the reason passage.ts gives).
   */
  readonly n: number;
  readonly articleId: string;
  readonly section: string;
  readonly sectionSlug: string;
  /** A code block (fenced in the file) is one passage, its lines kept, never split into sentences. */
  readonly kind: 'paragraph' | 'bullet' | 'code';
  /** The article's own words, as written (lines of a paragraph joined by a space; a code block's lines by newlines). */
  readonly text: string;
  /**
   * Where `text`'s sentences are (a code block is one): read them with
   * sentenceAt, sentenceCount and sentencesOf (passage.ts), which say why
   * they are not strings of their own.
   */
  readonly spans: SentenceSpans;
  /** 1-based line in the file where the passage starts. */
  readonly line: number;
}

export interface Section {
  readonly heading: string;
  readonly slug: string;
  readonly line: number;
  readonly passages: readonly Passage[];
}

export interface Article extends ArticleMeta {
  readonly sections: readonly Section[];
}

/** Groups of words that mean the same for search, e.g. `gpu, chips`. */
export type SynonymGroups = readonly (readonly string[])[];

export interface Corpus {
  readonly articles: readonly Article[];
  readonly passages: readonly Passage[];
  readonly synonyms: SynonymGroups;
}
