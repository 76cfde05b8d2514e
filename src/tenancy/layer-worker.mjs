// The worker thread that analyses servers' own articles (src/tenancy/layer.ts), kept for the
// process's life. Plain JavaScript: it registers the TypeScript loader itself, which works the same
// under `npm start` (tsx) and under the test runner.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { analyseOwn } = await import('./layer.ts');
parentPort.on('message', ({ id, own, pc }) => {
  let analysis;
  try {
    analysis = analyseOwn(own, pc);
  } catch (e) {
    // Only the error's kind: its message could quote a server's article.
    parentPort.postMessage({ id, ok: false, problem: `the analysis failed (${e?.name ?? 'error'})` });
    return;
  }
  // The typed arrays are moved, not copied: nothing here reads them again.
  const { analysed, rows } = analysis.layer;
  const moved = [rows, analysed.text, analysed.textStart, analysed.fieldDocs, ...analysed.heading].map((a) => a.buffer);
  parentPort.postMessage({ id, ok: true, analysis }, [...new Set(moved)]);
});
