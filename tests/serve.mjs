// A plain static file server for dist/, mounted under a sub-path (default
// /isms/) to prove the build only uses relative URLs. No caching tricks, no
// rewrites: what any static host does.
//
//   node tests/serve.mjs [--root dist] [--port 8080] [--base /isms/]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

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
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
      });
      response.end(body);
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
