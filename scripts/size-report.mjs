// Prints what a first visit transfers: every file of dist/, raw and gzip.
// Files that index.html names (the HTML, its script, the wasm, the styles,
// the initializer, the manifest) are the first load; the rest (the demo
// organisation, fetched when the user loads it) come later, on demand or
// when the service worker stores them for offline use.
//   node scripts/size-report.mjs [dist]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = process.argv[2] ?? 'dist';
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(path);
  }
};
walk(root);

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`.padStart(11);
let rawTotal = 0;
let gzipTotal = 0;
let firstLoadGzip = 0;
const byKind = {};
const indexHtml = readFileSync(join(root, 'index.html'), 'utf8');
const inFirstLoad = (file) =>
  relative(root, file) === 'index.html' || indexHtml.includes(basename(file));
console.log(`\nTransferred size of the app (${root}/):`);
console.log(`${'file'.padEnd(48)}${'raw'.padStart(11)}${'gzip'.padStart(11)}  when`);
for (const file of files.sort()) {
  const body = readFileSync(file);
  const gzip = gzipSync(body, { level: 9 }).length;
  rawTotal += body.length;
  gzipTotal += gzip;
  const first = inFirstLoad(file);
  if (first) firstLoadGzip += gzip;
  const kind = extname(file).slice(1) || 'other';
  byKind[kind] = (byKind[kind] ?? 0) + gzip;
  const when = first ? 'first load' : 'later';
  console.log(`${relative(root, file).padEnd(48)}${kib(body.length)}${kib(gzip)}  ${when}`);
}
console.log(`${'total'.padEnd(48)}${kib(rawTotal)}${kib(gzipTotal)}`);
console.log(`${'first load'.padEnd(59)}${kib(firstLoadGzip)}`);
console.log(
  'gzip by kind: ' +
    Object.entries(byKind)
      .map(([kind, bytes]) => `${kind} ${(bytes / 1024).toFixed(1)} KiB`)
      .join(', ') +
    ` (target: a first load under 300 KB, PRODUCT.md section 7)`,
);
