// The worker thread a reload builds the new index in, so answers never wait
// for it. Plain JavaScript: it registers the TypeScript loader itself, which
// works the same under `npm start` (tsx) and under the test runner.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { rebuild } = await import('./rebuild.ts');
parentPort.postMessage(rebuild(workerData));
