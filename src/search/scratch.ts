/**
 * Typed arrays kept from one question to the next, by name. A question at
 * 100,000 articles tallies and scores tens of thousands of passages: fresh
 * arrays for them were megabytes a question, and that garbage is what made
 * the collector mark, in steps inside the questions, while a reload held two
 * indexes (answers stalled for seconds). What a question reads of one is
 * valid until the next question: nothing keeps a view past its question.
 * Each thread has its own (module state is per thread).
 */
type Numbers = Int32Array | Float64Array;

const kept = new Map<string, Numbers>();

/** `n` entries of the array kept as `name` (grown when short; its contents are whatever the last question left). */
export function scratch<T extends Numbers>(name: string, make: new (n: number) => T, n: number): T {
  let array = kept.get(name) as T | undefined;
  if (!array || array.length < n) kept.set(name, (array = new make(Math.max(n, 2 * (array?.length ?? 0), 1024))));
  return array.subarray(0, n) as T;
}
