// The worker thread a reload builds the new index in, so answers never wait
// for it. Plain JavaScript: it registers the TypeScript loader itself, which
// works the same under `npm start` (tsx) and under the test runner.
// It sends the index a piece at a time, each when the main thread asks ("next").
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { rebuild } = await import('./rebuild.ts');
const messages = rebuild(workerData);
let next = 0;
const send = () => {
  const message = messages[next++];
  if (message) parentPort.postMessage(message);
  if (next >= messages.length) parentPort.close();
};
parentPort.on('message', send);
send();
