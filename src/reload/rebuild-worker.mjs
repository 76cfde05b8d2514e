// The worker thread a reload builds the new index in, so answers never wait
// for it. Plain JavaScript: it registers the TypeScript loader itself, which
// works the same under `npm start` (tsx) and under the test runner.
// It sends the index a piece at a time, each when the main thread asks ("next").
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

// Answers come first. At 100,000 articles a rebuild is minutes of work: on a 2-core machine it took
// the core the garbage collector's helpers needed, so the main thread did their marking itself, in
// steps between answers, and answers stalled for seconds (npm run bench -- --reload). On Linux a
// thread has its own nice value: this one yields to the main thread. Elsewhere it runs as before.
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 19);
} catch {
  // No /proc/thread-self (not Linux), or not allowed: the rebuild runs at the process's priority.
}
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
