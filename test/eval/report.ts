// `npm run eval`: answer quality on the question sets, as a report. Exits 1 if a seed case does not
// do what is expected of it: fail where it should pass, or pass where UNREACHED says no general rule reaches it yet.
import { openCorpus } from '../../src/engine.ts';
import { MIN_COVERAGE, searchPassages } from '../../src/search/query.ts';
import { UNREACHED, askSet, evalAsk, evalAskParaphrased, evalCompare, evalNegatives, firstQuote, type CaseResult } from './quality.ts';
import { reportDocuments } from './documents.ts';
import {
  evalSquad,
  half,
  miniSearchDefaults,
  squadIndex,
  squadNearNegatives,
  squadNegatives,
  squadParaphrased,
  squadQuestions,
  type NearScores,
  type SquadScores,
} from './squad.ts';

const index = openCorpus(process.env.CORPUS_DIR ?? 'corpus');
if (!index.ok) {
  console.error(index.error.join('\n'));
  process.exit(2);
}
const show = (title: string, cases: readonly CaseResult[]) => {
  console.log(`\n${title}`);
  for (const c of cases) {
    const known = UNREACHED[c.name];
    const mark = known === undefined ? (c.pass ? 'pass' : 'FAIL') : c.pass ? 'PASS, remove from UNREACHED' : `miss (known: ${known})`;
    console.log(`  ${mark}  ${c.name}  (${c.detail})`);
  }
};
const a = evalAsk(index.value);
const n = evalNegatives(index.value);
const c = evalCompare(index.value);
show('ask', a.cases);
show('negatives', n);
show('compare', c);
const total = askSet.questions.length;
console.log(`\nask: ${a.atOne}/${total} at rank 1, ${a.atRank}/${total} within the stated rank`);
console.log(`negatives: ${n.filter((x) => x.pass).length}/${n.length} get no answer`);
console.log(`compare: ${c.filter((x) => x.pass).length}/${c.length} article verdicts right`);

// People's own words on the shipped articles, beside MiniSearch's defaults over the same sentences.
const mini = miniSearchDefaults(index.value.corpus);
const own = evalAskParaphrased(firstQuote(index.value));
const ownMini = evalAskParaphrased((q) => mini(q)[0]?.text ?? null);
console.log(
  `\nask-paraphrased (the shipped articles in a team member's own words): ${own.top1}/${own.cases.length} right at the top, ${own.refused} refused; MiniSearch defaults ${ownMini.top1}/${ownMini.cases.length}`,
);
for (const c of own.cases) console.log(`  ${c.pass ? 'pass' : 'miss'}  ${c.name}  (${c.detail})`);

// The public benchmark (test/eval/squad): citebot beside MiniSearch's defaults, and by half.
const squad = squadIndex();
const s = evalSquad(squad);
const row = (name: string, x: SquadScores) =>
  `| ${name} | ${x.questions} | ${x.excerpt1} | ${x.excerpt3} | ${x.para1} | ${x.para3} | ${x.falseRefusals} | ${x.negativesRefused} | ${x.medianExcerpt} | ${x.maxExcerpt} |`;
console.log('\nsquad (test/eval/squad: 8 Wikipedia articles, SQuAD 2.0 questions; % of questions)');
console.log(
  '| retriever | questions | excerpt@1 | excerpt@3 | para@1 | para@3 | refused | far-away negatives refused | median excerpt | max excerpt |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
console.log(row("citebot, the crowd's questions", s.citebot.all));
console.log(row('  calibration half A', s.citebot.A));
console.log(row('  held-out half B', s.citebot.B));
console.log(row('MiniSearch defaults', s.miniSearch.questions));
console.log(row("citebot, in a reader's own words", s.paraphrased.all));
console.log(row('  calibration half A', s.paraphrased.A));
console.log(row('  held-out half B', s.paraphrased.B));
console.log(row('MiniSearch defaults', s.miniSearch.paraphrased));
const near = (name: string, x: NearScores) => `| ${name} | ${x.refused} | ${x.swap} | ${x.missing} | ${x.neighbour} |`;
console.log('\nnear-topic questions refused, % (MiniSearch defaults refuse none)');
console.log('| | all | entity swapped | fact missing | neighbouring topic |\n|---|---:|---:|---:|---:|');
console.log(near('citebot', s.near.all));
console.log(near('  half A', s.near.A));
console.log(near('  half B', s.near.B));

// The refusal rule's trade-off: answerable questions refused against unanswerable ones refused.
console.log('\nrefusal threshold, % refused (half A | half B): crowd questions / own words / far-away / near-topic');
// A question is refused at threshold t when no passage's coverage reaches t: its best coverage, found once, answers every t.
const bestCoverage = new Map<string, number>();
const coverageOf = (q: string) => {
  let best = bestCoverage.get(q);
  if (best === undefined) {
    best = Math.max(-Infinity, ...searchPassages(squad, q, { minCoverage: -Infinity, relativeFloor: false }).map((h) => h.coverage));
    bestCoverage.set(q, best);
  }
  return best;
};
const refusedShare = (qs: readonly string[], t: number) =>
  ((100 * qs.filter((q) => coverageOf(q) < t).length) / Math.max(1, qs.length)).toFixed(1);
for (const t of [0.45, 0.5, 0.53, 0.55, 0.6, 0.65, 0.7]) {
  const at = (h: 'A' | 'B') =>
    [
      squadQuestions.filter((q) => half(q.q) === h).map((q) => q.q),
      squadParaphrased.filter((q) => half(q.q) === h).map((q) => q.q),
      squadNegatives.filter((q) => half(q) === h),
      squadNearNegatives.filter((q) => half(q.q) === h).map((q) => q.q),
    ]
      .map((qs) => refusedShare(qs, t))
      .join(' / ');
  console.log(`  ${t.toFixed(2)}${t === MIN_COVERAGE ? ' (used)' : ''}: ${at('A')} | ${at('B')}`);
}
// The real-document set: each imported, then its title, sections and questions scored (test/eval/documents.ts).
await reportDocuments();
const unexpected = [...a.cases, ...n, ...c].filter((x) => x.pass === x.name in UNREACHED);
if (unexpected.length) console.log(`\n${unexpected.length} seed case(s) not as expected: ${unexpected.map((x) => x.name).join('; ')}`);
process.exit(unexpected.length === 0 ? 0 : 1);
