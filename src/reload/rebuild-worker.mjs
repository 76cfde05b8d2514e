// The worker thread a reload builds the new index in, so answers never wait
// for it. Plain JavaScript: it registers the TypeScript loader itself, which
// works the same under `npm start` (tsx) and under the test runner.
// It sends the index a piece at a time, each when the main thread asks ("next").
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { rebuild } = await import('./rebuild.ts');
const messages = rebuild(workerData);
// A typed array is moved, not copied: the main thread takes its memory as it is (the embeddings and
// the posting pool are hundreds of megabytes at 100,000 articles). Nothing here reads them again.
const moved = (message) => {
  const values =
    message.kind === 'part'
      ? [message.value, ...(message.value && typeof message.value === 'object' ? Object.values(message.value) : [])]
      : [];
  return [...new Set(values.filter((v) => ArrayBuffer.isView(v) && v.byteLength > 0).map((v) => v.buffer))];
};
// Each message is made when it is sent; the port closes once the last one is out.
let current = messages.next();
const send = () => {
  if (!current.done) parentPort.postMessage(current.value, moved(current.value));
  current = messages.next();
  if (current.done) parentPort.close();
};
parentPort.on('message', send);
send();
