import type { SynonymGroups } from '../corpus/types.ts';
import { termsOf } from './analysis.ts';

/** term → the other terms of its synonym groups (analysed like the text: "GPUs" → "gpu"). */
export type SynonymMap = ReadonlyMap<string, readonly string[]>;

export function buildSynonymMap(groups: SynonymGroups): SynonymMap {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    const terms = [...new Set(group.flatMap((entry) => termsOf(entry)))];
    for (const t of terms) {
      const others = map.get(t) ?? new Set<string>();
      for (const o of terms) if (o !== t) others.add(o);
      map.set(t, others);
    }
  }
  return new Map([...map].map(([t, s]) => [t, [...s]]));
}
