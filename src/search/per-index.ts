import type { SearchIndex } from './index.ts';

/**
 * A table made once per index from the whole corpus (a passage table, the
 * titles' words…): at its first use, all at once, or ahead of it in slices
 * (`prepare`), so that a new index swapped in by a reload does not make its
 * first question wait seconds for it at 100,000 articles. `make` yields
 * between slices of a few milliseconds.
 */
export class PerIndex<T> {
  private readonly made = new WeakMap<SearchIndex, T>();

  constructor(private readonly make: (index: SearchIndex) => Generator<void, T>) {}

  /** Whether the index's table is made. */
  has(index: SearchIndex): boolean {
    return this.made.has(index);
  }

  /** The index's table, made now if it is not yet. */
  get(index: SearchIndex): T {
    let table = this.made.get(index);
    if (table === undefined) this.made.set(index, (table = allAtOnce(this.make(index))));
    return table;
  }

  /** Makes the index's table a slice at a time, awaiting `pause` between slices; nothing when it is made already. */
  async prepare(index: SearchIndex, pause: () => Promise<void>): Promise<void> {
    if (this.made.has(index)) return;
    const making = this.make(index);
    for (let step = making.next(); ; step = making.next()) {
      // A question may have made it meanwhile: that one is kept.
      if (step.done) return void (this.made.has(index) || this.made.set(index, step.value));
      await pause();
      if (this.made.has(index)) return;
    }
  }
}

/** How many items (passages, articles) a table takes in between pauses: a few milliseconds' work. */
export const SLICE = 5_000;

/** What a sliced maker makes, made without pausing. */
export function allAtOnce<T>(making: Generator<void, T>): T {
  let step = making.next();
  while (!step.done) step = making.next();
  return step.value;
}

/** What a sliced maker makes, awaiting `pause` between its slices. */
export async function inSlices<T>(making: Generator<void, T>, pause: () => Promise<void>): Promise<T> {
  for (let step = making.next(); ; step = making.next()) {
    if (step.done) return step.value;
    await pause();
  }
}
