// Tables made once per index, at the first question or ahead of it in slices (a reload makes them
// before it swaps the new index in, so its first questions do not wait for them).
import { describe, expect, it } from 'vitest';
import { prepareIndex } from '../../src/answers/prepare.ts';
import { placeTables } from '../../src/answers/places.ts';
import { topicWords } from '../../src/answers/suggest.ts';
import { buildIndex, type SearchIndex } from '../../src/search/index.ts';
import { PerIndex } from '../../src/search/per-index.ts';
import { passageTable, passageTables } from '../../src/search/table.ts';
import { realIndex } from '../support/corpus.ts';
import { passageId } from '../../src/corpus/passage.ts';

/** A table of an index's passage ids, made a passage a slice, counting how often it is begun. */
function counted() {
  let begun = 0;
  const table = new PerIndex(function* (index: SearchIndex): Generator<void, string[]> {
    begun++;
    const ids: string[] = [];
    for (const p of index.corpus.passages) {
      ids.push(passageId(p));
      yield;
    }
    return ids;
  });
  return { table, begun: () => begun };
}

describe('PerIndex', () => {
  const index = realIndex();

  it('makes a table once per index, whether asked for or prepared, and the same either way', async () => {
    const a = counted();
    let pauses = 0;
    await a.table.prepare(index, () => Promise.resolve(void pauses++));
    expect(pauses).toBe(index.corpus.passages.length);
    expect(a.table.get(index)).toEqual(index.corpus.passages.map((p) => passageId(p)));
    await a.table.prepare(index, () => Promise.resolve());
    expect(a.begun()).toBe(1);
    const b = counted();
    expect(b.table.get(index)).toEqual(a.table.get(index));
  });

  it('keeps the table a question made while it was being prepared', async () => {
    const c = counted();
    let asked: string[] | undefined;
    await c.table.prepare(index, () => Promise.resolve(void (asked ??= c.table.get(index))));
    expect(c.table.get(index)).toBe(asked);
    expect(c.begun()).toBe(2);
  });
});

describe('prepareIndex', () => {
  it('makes the tables a question reads ahead of it, the same as a question would make them', async () => {
    const index = buildIndex(realIndex().corpus);
    const tables = [passageTables, placeTables, topicWords];
    expect(tables.map((t) => t.has(index))).toEqual([false, false, false]);
    await prepareIndex(index);
    // Prepared: a question finds each table made, not one to make on the spot.
    expect(tables.map((t) => t.has(index))).toEqual([true, true, true]);
    const prepared = passageTable(index);
    const fresh = buildIndex(realIndex().corpus);
    expect(passageTables.get(fresh).article).toEqual(prepared.article);
  });
});
