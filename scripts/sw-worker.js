// ISMS Workbench's service worker. scripts/sw.mjs copies this file into the
// release build as sw.js, with BUILD filled in: every file of that build and
// its SHA-256, and a version derived from them, so any rebuild that changes a
// byte gives a new worker, which the browser notices on its next update check.
//
// - install: download every file of the build into a cache of this version,
//   each checked against its hash (a half-deployed server fails the install,
//   the old version stays, the browser tries again later);
// - it waits: a new version never takes over an open page; the page shows
//   "a new version is ready" and sends 'skip-waiting' when the user agrees;
// - activate: drop the caches of older versions (of this deployment only:
//   several copies of the app may live on one origin under other paths);
// - fetch: the build's files come from the cache, network or not; opening
//   the app's address serves index.html. Anything else goes to the network.
//
// URLs are relative to this script, so the build works from any sub-path.
'use strict';

const BUILD = /* BUILD */ null;

const DIRECTORY = new URL('./', self.location).href;
const CACHE_PREFIX = `isms-workbench ${DIRECTORY} `;
const CACHE = CACHE_PREFIX + BUILD.version;
const ENTRY = new URL('index.html', DIRECTORY).href;
const PRECACHED = new Map(BUILD.files.map(({ path, integrity }) => [new URL(path, DIRECTORY).href, integrity]));

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(
    [...PRECACHED].map(async ([url, integrity]) => {
      // A retried install keeps what an earlier attempt already checked.
      if (await cache.match(url)) return;
      // 'no-cache' revalidates with the server, so a stale HTTP cache never
      // ends up in this version; the hash check makes sure of it.
      const response = await fetch(url, { cache: 'no-cache', integrity });
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      await cache.put(url, response);
    }),
  );
}

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
      }
      // The first visit's page (and its simulation workers) is served from
      // here from now on; an update only activates once the page agreed.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const key = cacheKey(request);
  if (key) event.respondWith(fromCache(key, request));
});

/** The cached file that answers `request`, or null for the network. */
function cacheKey(request) {
  const url = new URL(request.url);
  url.hash = '';
  if (request.mode === 'navigate') {
    url.search = '';
    if (url.href === DIRECTORY) return ENTRY;
  }
  return PRECACHED.has(url.href) ? url.href : null;
}

async function fromCache(key, request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(key)) ?? fetch(request);
}
