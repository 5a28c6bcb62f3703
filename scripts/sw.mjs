// Writes the service worker (scripts/sw-worker.js) into a release build as
// sw.js, listing every file of the build with its SHA-256. Runs last, after
// scripts/csp.mjs: that one rewrites index.html, and the worker must carry
// the hash of the index.html that is served.
//
//   node scripts/sw.mjs [dist]
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const WORKER = 'sw.js';
const here = dirname(fileURLToPath(import.meta.url));
const dist = process.argv[2] ?? 'dist';

/** Every file under `folder`, as paths relative to `dist` with '/' between parts. */
function filesUnder(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [relative(dist, path).split(sep).join('/')] : [];
  });
}

const files = filesUnder(dist)
  .filter((path) => path !== WORKER)
  .sort()
  .map((path) => ({
    path,
    integrity: 'sha256-' + createHash('sha256').update(readFileSync(join(dist, path))).digest('base64'),
  }));
if (!files.some((file) => file.path === 'index.html')) throw new Error(`${dist}: no index.html to serve`);

const version = createHash('sha256')
  .update(files.map((file) => `${file.path} ${file.integrity}\n`).join(''))
  .digest('hex')
  .slice(0, 16);

const template = readFileSync(join(here, 'sw-worker.js'), 'utf8');
const placeholder = '/* BUILD */ null';
if (!template.includes(placeholder)) throw new Error(`sw-worker.js: no ${placeholder} to fill in`);
const build = JSON.stringify({ version, files }, null, 2);
writeFileSync(join(dist, WORKER), template.replace(placeholder, () => build));

const bytes = files.reduce((sum, file) => sum + readFileSync(join(dist, file.path)).length, 0);
console.log(`${WORKER} written to ${dist}/ (version ${version}: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB before compression)`);
