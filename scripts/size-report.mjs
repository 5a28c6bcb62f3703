// Prints what a first visit transfers: every file of dist/, raw and gzip.
//   node scripts/size-report.mjs [dist]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
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
const byKind = {};
console.log(`\nTransferred size of the app (${root}/):`);
console.log(`${'file'.padEnd(48)}${'raw'.padStart(11)}${'gzip'.padStart(11)}`);
for (const file of files.sort()) {
  const body = readFileSync(file);
  const gzip = gzipSync(body, { level: 9 }).length;
  rawTotal += body.length;
  gzipTotal += gzip;
  const kind = extname(file).slice(1) || 'other';
  byKind[kind] = (byKind[kind] ?? 0) + gzip;
  console.log(`${relative(root, file).padEnd(48)}${kib(body.length)}${kib(gzip)}`);
}
console.log(`${'total'.padEnd(48)}${kib(rawTotal)}${kib(gzipTotal)}`);
console.log(
  'gzip by kind: ' +
    Object.entries(byKind)
      .map(([kind, bytes]) => `${kind} ${(bytes / 1024).toFixed(1)} KiB`)
      .join(', ') +
    ` (target: under 300 KB in all, PRODUCT.md section 7)`,
);
