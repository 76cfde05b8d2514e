/**
 * Sets of documents as ascending arrays of ids, merged by walking them in
 * order. The matcher's candidates at 100,000 articles are made from posting
 * lists of 50,000 sentences each: marking them in an array with an entry per
 * sentence (4 million) missed the cache at nearly every posting, where a walk
 * reads each list front to back.
 */

/** A posting list that can give its documents as an ascending array, without a step per posting. */
export interface Ascending {
  ascending(): Int32Array;
}

/** A posting list's documents, ascending. */
export function ascendingDocs(list: ReadonlyMap<number, unknown>): Int32Array {
  if (typeof (list as Partial<Ascending>).ascending === 'function') return (list as unknown as Ascending).ascending();
  return Int32Array.from(list.keys()).sort();
}

/** The documents in `a` or `b` (each ascending, without repeats), ascending. */
export function union(a: Int32Array, b: Int32Array): Int32Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    out[n++] = x <= y ? x : y;
    if (x <= y) i++;
    if (y <= x) j++;
  }
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out.subarray(0, n);
}

/** The documents in both `a` and `b` (each ascending, without repeats), ascending. */
export function intersection(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) out[n++] = x;
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return out.subarray(0, n);
}

/**
 * The first position from `from` (before `end`) whose id (or any ascending value) is at least `doc`,
 * or `end`: galloping, so that walking a long list for a few documents costs
 * a few steps each, and walking it for most of its documents one step each.
 */
export function seek(ids: Int32Array | Float64Array, from: number, end: number, doc: number): number {
  if (from >= end || ids[from]! >= doc) return from;
  let lo = from;
  let step = 1;
  while (lo + step < end && ids[lo + step]! < doc) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(lo + step, end);
  // ids[lo] < doc; ids[hi] >= doc or hi = end.
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid]! < doc) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Whether `doc` is in the ascending `ids`. */
export function holds(ids: Int32Array, doc: number): boolean {
  const k = seek(ids, 0, ids.length, doc);
  return k < ids.length && ids[k] === doc;
}
