// Prints what a first visit transfers: every file of dist/, raw and gzip.
// Files that index.html names (the HTML, its script, the wasm, the styles,
// the initializer, the manifest) and the script's own snippets are the first
// load; the rest come later, on demand or when the service worker stores them
// for offline use: the second module (app/tools, named in index.html by a
// <meta name="isms-tools"> tag but fetched only when first needed), the third
// (app/workbook, Excel workbooks, <meta name="isms-workbook">, fetched only
// when a workbook is exported or previewed) and the demo organisation.
//   node scripts/size-report.mjs [dist]
// With SIZE_BUDGET_KIB set, it fails when the first load (gzip) is larger.
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
const named = indexHtml.replace(/<meta name="isms-(tools|workbook)"[^>]*>/g, '');
const inFirstLoad = (file) =>
  relative(root, file) === 'index.html' ||
  relative(root, file).startsWith('snippets/') ||
  named.includes(basename(file));
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

const budget = Number(process.env.SIZE_BUDGET_KIB ?? 0);
if (budget > 0) {
  const used = firstLoadGzip / 1024;
  if (used > budget) {
    console.error(`first load ${used.toFixed(1)} KiB gzip is over the budget of ${budget} KiB (scripts/test.sh): make it smaller, or raise the budget in the same commit and say why`);
    process.exit(1);
  }
  console.log(`first load ${used.toFixed(1)} KiB gzip, within the budget of ${budget} KiB`);
}
