// A plain static file server for dist/, mounted under a sub-path (default
// /isms/) to prove the build only uses relative URLs. No caching tricks, no
// rewrites: what any static host does, gzip and validators included (text
// and WebAssembly go out gzip-compressed to clients that accept it, every
// response carries an ETag, and a matching If-None-Match gets 304).
//
//   node tests/serve.mjs [--root dist] [--port 8080] [--base /isms/]
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

// Already-compressed formats gain nothing from gzip.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.webmanifest', '.svg', '.txt']);

/** The bodies of one file, plain and gzip, computed once per modification time. */
const encoded = new Map();
function encodings(file, body, modified) {
  const known = encoded.get(file);
  if (known && known.modified === modified && known.size === body.length) return known;
  const entry = {
    modified,
    size: body.length,
    // Weak: the plain and the gzip body share it, as they mean the same content.
    etag: `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    gzip: COMPRESSIBLE.has(extname(file)) ? gzipSync(body, { level: 9 }) : null,
  };
  encoded.set(file, entry);
  return entry;
}

/** Starts serving `root` under `base`; resolves to { url, origin, close }. */
export async function startServer({ root, base = '/isms/', port = 0, host = '127.0.0.1' } = {}) {
  const absoluteRoot = resolve(root);
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (path === base.replace(/\/$/, '')) {
      response.writeHead(301, { Location: base });
      return response.end();
    }
    if (!path.startsWith(base)) {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      return response.end('not found');
    }
    let file = normalize(join(absoluteRoot, path.slice(base.length)));
    if (file !== absoluteRoot && !file.startsWith(absoluteRoot + sep)) {
      response.writeHead(403);
      return response.end();
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      const body = await readFile(file);
      const { etag, gzip } = encodings(file, body, info.mtimeMs);
      const headers = {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
        ETag: etag,
      };
      if (gzip) headers.Vary = 'Accept-Encoding';
      const known = (request.headers['if-none-match'] ?? '').split(',').map((tag) => tag.trim());
      if (known.includes(etag)) {
        response.writeHead(304, headers);
        return response.end();
      }
      const acceptsGzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
      const sent = gzip && acceptsGzip ? gzip : body;
      if (sent === gzip) headers['Content-Encoding'] = 'gzip';
      headers['Content-Length'] = sent.length;
      response.writeHead(200, headers);
      response.end(request.method === 'HEAD' ? undefined : sent);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  const origin = `http://${host}:${server.address().port}`;
  return {
    origin,
    url: origin + base,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : fallback;
  };
  const root = option('--root', 'dist');
  const { url } = await startServer({
    root,
    base: option('--base', '/'),
    port: Number(option('--port', '8080')),
  });
  console.log(`ISMS Workbench is served at ${url} (from ${root}/). Press Ctrl+C to stop.`);
}
