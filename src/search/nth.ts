/**
 * The n-th largest of `values` (the smallest when there are fewer; Infinity
 * when there are none), read once through a heap of the n largest so far:
 * sorting a copy of 50,000 scores to read one of them cost milliseconds a
 * question at 100,000 articles.
 */
export function nthLargest(values: ArrayLike<number>, n: number): number {
  if (values.length === 0) return Infinity;
  const size = Math.max(1, Math.min(n, values.length));
  // A min-heap: heap[0] is the smallest of the largest `size` so far.
  const heap = new Float64Array(size);
  let length = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (length < size) {
      heap[length] = v;
      up(heap, length++);
    } else if (v > heap[0]!) {
      heap[0] = v;
      down(heap, size);
    }
  }
  return heap[0]!;
}

function up(heap: Float64Array, k: number): void {
  while (k > 0) {
    const parent = (k - 1) >> 1;
    if (heap[parent]! <= heap[k]!) return;
    [heap[parent], heap[k]] = [heap[k]!, heap[parent]!];
    k = parent;
  }
}

function down(heap: Float64Array, length: number): void {
  for (let k = 0; ;) {
    const l = 2 * k + 1;
    const r = l + 1;
    let least = k;
    if (l < length && heap[l]! < heap[least]!) least = l;
    if (r < length && heap[r]! < heap[least]!) least = r;
    if (least === k) return;
    [heap[least], heap[k]] = [heap[k]!, heap[least]!];
    k = least;
  }
}
