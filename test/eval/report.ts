// `npm run eval`: answer quality on the question sets, as a report. Exits 1 if any case fails.
import { openCorpus } from '../../src/engine.ts';
import { askSet, evalAsk, evalCompare, evalNegatives, type CaseResult } from './quality.ts';

const index = openCorpus(process.env.CORPUS_DIR ?? 'corpus');
if (!index.ok) {
  console.error(index.error.join('\n'));
  process.exit(2);
}
const show = (title: string, cases: readonly CaseResult[]) => {
  console.log(`\n${title}`);
  for (const c of cases) console.log(`  ${c.pass ? 'pass' : 'FAIL'}  ${c.name}  (${c.detail})`);
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
const failed = [...a.cases, ...n, ...c].filter((x) => !x.pass).length;
process.exit(failed === 0 ? 0 : 1);
