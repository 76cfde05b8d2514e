// `npm run eval`: answer quality on the question sets, as a report. Exits 1 if a seed case does not
// do what is expected of it: fail where it should pass, or pass where UNREACHED says no general rule reaches it yet.
import { openCorpus } from '../../src/engine.ts';
import { searchPassages } from '../../src/search/query.ts';
import { UNREACHED, askSet, evalAsk, evalCompare, evalNegatives, type CaseResult } from './quality.ts';
import { reportDocuments } from './documents.ts';
import { evalSquad, half, squadIndex, squadNegatives, squadQuestions, type SquadScores } from './squad.ts';

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

// The public benchmark (test/eval/squad): citebot beside MiniSearch's defaults, and by half.
const squad = squadIndex();
const s = evalSquad(squad);
const row = (name: string, x: SquadScores) =>
  `| ${name} | ${x.questions} | ${x.excerpt1} | ${x.excerpt3} | ${x.para1} | ${x.para3} | ${x.falseRefusals} | ${x.negativesRefused} | ${x.medianExcerpt} | ${x.maxExcerpt} |`;
console.log('\nsquad (test/eval/squad: 8 Wikipedia articles, SQuAD 2.0 questions; % of questions)');
console.log(
  '| retriever | questions | excerpt@1 | excerpt@3 | para@1 | para@3 | false refusals | negatives refused | median excerpt | max excerpt |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
console.log(row('citebot', s.citebot.all));
console.log(row('citebot, calibration half A', s.citebot.A));
console.log(row('citebot, held-out half B', s.citebot.B));
console.log(row('MiniSearch defaults', s.miniSearch));

// The refusal rule's trade-off: answerable questions refused against other-subject questions refused.
console.log('\nrefusal threshold: false refusals % / negatives refused % (half A | half B)');
for (const t of [0.3, 0.4, 0.45, 0.5, 0.52, 0.53, 0.55, 0.6, 0.65]) {
  const refused = (qs: readonly string[]) => qs.filter((q) => searchPassages(squad, q, { minCoverage: t }).length === 0).length;
  const share = (h: 'A' | 'B') => {
    const qs = squadQuestions.filter((q) => half(q.q) === h).map((q) => q.q);
    const neg = squadNegatives.filter((q) => half(q) === h);
    return `${((100 * refused(qs)) / qs.length).toFixed(1)} / ${((100 * refused(neg)) / neg.length).toFixed(1)}`;
  };
  console.log(`  ${t.toFixed(2)}: ${share('A')} | ${share('B')}`);
}
// The real-document set: each imported, then its title, sections and questions scored (test/eval/documents.ts).
await reportDocuments();
const unexpected = [...a.cases, ...n, ...c].filter((x) => x.pass === x.name in UNREACHED);
if (unexpected.length) console.log(`\n${unexpected.length} seed case(s) not as expected: ${unexpected.map((x) => x.name).join('; ')}`);
process.exit(unexpected.length === 0 ? 0 : 1);
