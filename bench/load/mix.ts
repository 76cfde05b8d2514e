// The commands the load run sends, in a fixed order it cycles through: mostly /ask on what the real
// corpus is about, the other commands at a lower share, and some that have no answer or are refused.
import type { OptionValue } from '../../test/support/discord-standin.ts';

/** One slash command as a user would type it. */
export interface MixedCommand {
  readonly name: string;
  readonly options: Readonly<Record<string, OptionValue>>;
}

const NOTES = 'notes-from-inside-chinas-ai-labs';
const CULTURE = 'how-cultural-differences-shape-ai-development';

const ask = (question: string, extra: Record<string, OptionValue> = {}): MixedCommand => ({ name: 'ask', options: { question, ...extra } });

/**
 * About half /ask (a tenth of those with no answer in the corpus), then compare, takeaway, summary,
 * quote (one id that does not exist: a refusal), sources and help.
 */
export const MIX: readonly MixedCommand[] = [
  ask('why do chinese labs treat students as research peers'),
  ask('what chips do chinese labs use for inference'),
  { name: 'compare', options: { topic: 'student researchers' } },
  ask('how does ego affect american ai labs'),
  { name: 'takeaway', options: {} },
  ask('what is the fast follower mentality', { count: 5 }),
  ask('do chinese developers use claude'),
  { name: 'quote', options: { id: `${NOTES}#summary-1` } },
  ask('why do companies like meituan build their own llms'),
  ask('what is the boiling point of mercury'),
  { name: 'sources', options: {} },
  ask('how much does the government influence technical decisions', { article: NOTES }),
  { name: 'compare', options: { topic: 'collective model optimization', article_a: NOTES, article_b: CULTURE } },
  ask('is the data industry in china developed'),
  { name: 'takeaway', options: { article: CULTURE, topic: 'interns' } },
  ask('what should a cto learn from chinese labs', { private: true }),
  { name: 'help', options: {} },
  ask('why are american labs slower to integrate improvements'),
  { name: 'summary', options: { article: NOTES } },
  ask('who won the football world cup in 1998'),
  { name: 'quote', options: { id: `${CULTURE}#key-takeaways-2` } },
  ask('how does education tradition shape research culture'),
  ask('nvidia demand huawei'),
  { name: 'quote', options: { id: `${NOTES}#summary-99` } },
];
