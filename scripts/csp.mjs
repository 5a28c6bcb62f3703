// Adds a strict Content-Security-Policy to the built index.html. Trunk's
// loader is an inline module script, so it is allowed by its SHA-256 hash
// (computed here, after every build) rather than by 'unsafe-inline'.
//
//   node scripts/csp.mjs dist/index.html
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2] ?? 'dist/index.html';
let html = readFileSync(file, 'utf8');
// A build-time nonce is no protection at all: drop any, hashes do the job.
html = html.replace(/\snonce="[^"]*"/g, '');
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/g, '');

const hashes = [];
for (const match of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  const digest = createHash('sha256').update(match[1], 'utf8').digest('base64');
  hashes.push(`'sha256-${digest}'`);
}

const policy = [
  "default-src 'self'",
  // WebAssembly compilation needs 'wasm-unsafe-eval'; nothing else is evaluated.
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  // The simulation workers start from blob: URLs; the service worker is sw.js.
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

// Trunk's minifier drops the optional <head> tag: put the policy right after
// the charset declaration, which must come first, and before any script.
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
const charset = html.match(/<meta charset=[^>]*>/i);
if (!charset) throw new Error(`${file}: no <meta charset> to place the policy after`);
html = html.replace(charset[0], charset[0] + meta);
writeFileSync(file, html);
console.log(`CSP written to ${file} (${hashes.length} inline script hash${hashes.length === 1 ? '' : 'es'})`);
