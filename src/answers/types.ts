import type { Report } from '../store/types.ts';
import type { Place } from './places.ts';
import type { CorpusAnswer } from './corpus.ts';
export type { ChangedArticle, CorpusAnswer } from './corpus.ts';

/** Who said it: enough to cite an article without the whole of it. */
export interface ArticleRef {
  readonly id: string;
  readonly title: string;
  /** null when the article does not name its publisher. */
  readonly publisher: string | null;
  readonly url: string | null;
}

/** A half-open character range [start, end) in an excerpt's text. */
export type Mark = readonly [start: number, end: number];

/** A quote from an article: its own words, cited. */
export interface Excerpt {
  /** `<article-id>#<section-slug>-<n>`: give it to `quote` for the whole passage. */
  readonly citation: string;
  readonly article: ArticleRef;
  readonly section: string;
  /** A sentence or two of the passage, at most EXCERPT_MAX characters; `…` where cut. */
  readonly text: string;
  /** Where the question's words occur in `text`, for highlighting. */
  readonly marks: readonly Mark[];
  /** Relevance, higher is better; 0 when the excerpt was not searched for. */
  readonly score: number;
  /** True when `text` is less than the whole passage. */
  readonly partial: boolean;
  /** Present when the passage is a code block: shown as code, its lines kept. */
  readonly code?: true;
}

export interface AskAnswer {
  readonly kind: 'ask';
  readonly query: string;
  /** The article the question was limited to, if any. */
  readonly article: ArticleRef | null;
  /** Set when a channel's scope limited the question: how many articles it answers from. */
  readonly scope?: number;
  /** Best first; empty when nothing in the corpus answers. */
  readonly results: readonly Excerpt[];
  /** Position of results[0] among all answering passages (for "more"). */
  readonly offset: number;
  /** How many passages answer in all. */
  readonly total: number;
  /**
   * Words of the question, as typed, that a large corpus has in too many
   * passages to search by (see COMMON_TERM_SHARE); set when nothing answers,
   * so a front end can say why and ask for a more specific word.
   */
  readonly tooCommon: readonly string[];
  /** When nothing answers: titles and section headings that share a word with the question, to open instead (never quoted as an answer). */
  readonly places?: readonly Place[];
}

export interface TakeawayAnswer {
  readonly kind: 'takeaway';
  readonly article: ArticleRef | null;
  readonly topic: string | null;
  /** Set when a channel's scope limited the articles: how many it answers from. */
  readonly scope?: number;
  readonly results: readonly Excerpt[];
}

export interface CompareAnswer {
  readonly kind: 'compare';
  readonly topic: string;
  /** Set when a channel's scope chose the articles: how many it answers from. */
  readonly scope?: number;
  /** One entry per article compared; `results` empty where it does not cover the topic. */
  readonly articles: readonly { readonly article: ArticleRef; readonly results: readonly Excerpt[] }[];
}

export interface SectionInfo {
  readonly heading: string;
  readonly slug: string;
  readonly passages: number;
}

export interface ArticleInfo {
  readonly article: ArticleRef;
  readonly author: string | null;
  readonly published: string | null;
  readonly original: string | null;
  readonly sections: readonly SectionInfo[];
  readonly passages: number;
}

export interface SummaryAnswer {
  readonly kind: 'summary';
  readonly info: ArticleInfo;
  /** The article's own summary (its Summary section, else its opening). */
  readonly results: readonly Excerpt[];
}

export interface SourcesAnswer {
  readonly kind: 'sources';
  /** The server's own articles first (see `own`), then the bot's. */
  readonly articles: readonly ArticleInfo[];
  /** The ids of the articles that are the server's own, not the bot's; absent outside a server. */
  readonly own?: ReadonlySet<string>;
}

export interface QuoteAnswer {
  readonly kind: 'quote';
  /** The whole passage. */
  readonly result: Excerpt;
}

export type Answer =
  | AskAnswer
  | TakeawayAnswer
  | CompareAnswer
  | SummaryAnswer
  | SourcesAnswer
  | QuoteAnswer
  | HelpAnswer
  | StatsAnswer
  | CorpusAnswer
  | ScopeAnswer;

/** /scope: a channel's scope as set, cleared or shown. */
export interface ScopeAnswer {
  readonly kind: 'scope';
  readonly action: 'set' | 'cleared' | 'shown';
  /** The articles the channel answers from; empty: every article (no scope). */
  readonly articles: readonly ArticleRef[];
}

/** /stats: the curator's report over the last days, read from the feedback store. */
export interface StatsAnswer {
  readonly kind: 'stats';
  /** How many days back the report reaches. */
  readonly days: number;
  readonly report: Report;
  /** Citation id → "Article › Section", for the citations the corpus still has. */
  readonly where: Readonly<Record<string, string>>;
}

/** One option of a command, as help shows it. */
export interface OptionHelp {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
  readonly type: 'text' | 'integer' | 'boolean';
  /** Only meaningful in Discord (`private`): the text front ends leave it out. */
  readonly discordOnly: boolean;
}

/** One command, as help shows it. */
export interface CommandHelp {
  readonly name: string;
  /** `message`: a message's context menu (right-click → Apps), Discord only. */
  readonly kind: 'slash' | 'message';
  readonly description: string;
  /** The option the text right after the command fills in the console and the CLI. */
  readonly main: string | null;
  readonly options: readonly OptionHelp[];
}

/** /help: every command, read from the one list of commands. */
export interface HelpAnswer {
  readonly kind: 'help';
  readonly commands: readonly CommandHelp[];
}
