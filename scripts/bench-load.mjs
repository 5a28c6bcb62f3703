// Load benchmark of a release build: how long until the first page is
// rendered (the app header is in the document), in headless Chromium, with
// the build served gzip-compressed by the test server under /isms/.
//
// - first visit: no throttling, Fast 4G and Slow 4G (DevTools protocol
//   network emulation, browser cache disabled), a fresh profile per run;
// - repeat visit: after a first visit, the service worker stopped (as on
//   another day), then the page opened again: no throttling, Slow 4G, and
//   offline. A build without a service worker loads from the network (its
//   HTTP cache revalidated) and has no offline figure.
//
// Prints medians beside the targets of PRODUCT.md section 7. Figures, never
// a pass/fail verdict.
//
//   node scripts/bench-load.mjs [--dist dist] [--runs 7]
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/serve.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// playwright-core lives with the end-to-end tests.
const { chromium } = createRequire(join(ROOT, 'tests', 'package.json'))('playwright-core');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const DIST = resolve(option('--dist', join(ROOT, 'dist')));
const RUNS = Number(option('--runs', '7'));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
/** Gives up on a page that has not rendered after this long (offline without a service worker). */
const PATIENCE_MS = 20_000;

const mbit = (megabits) => (megabits * 1_000_000) / 8;
const NETWORKS = {
  none: { label: 'no throttling', conditions: null },
  fast4g: {
    label: 'Fast 4G (9 Mbit/s, 85 ms)',
    conditions: { offline: false, latency: 85, downloadThroughput: mbit(9), uploadThroughput: mbit(1.5) },
  },
  slow4g: {
    label: 'Slow 4G (1.6 Mbit/s, 150 ms)',
    conditions: { offline: false, latency: 150, downloadThroughput: mbit(1.6), uploadThroughput: mbit(0.75) },
  },
};

// Notes the moment the app header enters the document, in milliseconds
// since the navigation started (performance.now()'s origin).
const WATCH_HEADER = () => {
  const seen = () => {
    if (window.__headerAt === undefined && document.querySelector('.app-header')) {
      window.__headerAt = performance.now();
      return true;
    }
    return false;
  };
  new MutationObserver((_, observer) => seen() && observer.disconnect()).observe(document, {
    childList: true,
    subtree: true,
  });
};

/**
 * Opens the app in `page` and returns { ms, bytes }: time to the header, and
 * bytes that came over the network (not from the service worker) until then.
 * `ms` is null when the page never rendered.
 */
async function timeLoad(page, url, { network = null, cacheDisabled = false } = {}) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled });
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  const fromWorker = new Set();
  let bytes = 0;
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    if (response.fromServiceWorker) fromWorker.add(requestId);
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    if (!fromWorker.has(requestId)) bytes += encodedDataLength;
  });
  let ms = null;
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: PATIENCE_MS });
    await page.waitForFunction(() => window.__headerAt !== undefined, null, { timeout: PATIENCE_MS, polling: 50 });
    ms = await page.evaluate(() => window.__headerAt);
  } catch {
    // Offline without a service worker: the browser's own error page.
  }
  await cdp.detach();
  return { ms, bytes };
}

async function firstVisits(browser, url, network, runs = RUNS) {
  const results = [];
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext();
    await context.addInitScript(WATCH_HEADER);
    const page = await context.newPage();
    results.push(await timeLoad(page, url, { network, cacheDisabled: true }));
    await context.close();
  }
  return results;
}

/** Repeat visits: { none, slow4g, offline } lists of results. */
async function repeatVisits(browser, url) {
  const results = { none: [], slow4g: [], offline: [] };
  for (let run = 0; run < RUNS; run += 1) {
    const context = await browser.newContext();
    await context.addInitScript(WATCH_HEADER);
    const first = await context.newPage();
    await timeLoad(first, url);
    const hasWorker = await first.evaluate(async () => {
      if (!('serviceWorker' in navigator)) return false;
      const registration = await navigator.serviceWorker.getRegistration();
      if (!registration) return false;
      await navigator.serviceWorker.ready;
      return true;
    });
    if (hasWorker) await first.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: PATIENCE_MS });
    const browserSession = await browser.newBrowserCDPSession();
    for (const name of ['none', 'slow4g', 'offline']) {
      // Another day: no worker running yet, as after the browser was closed.
      await browserSession.send('ServiceWorker.enable').catch(() => {});
      await browserSession.send('ServiceWorker.stopAllWorkers').catch(() => {});
      if (name === 'offline') await context.setOffline(true);
      const page = await context.newPage();
      results[name].push(await timeLoad(page, url, { network: NETWORKS[name]?.conditions ?? null }));
      await page.close();
      if (name === 'offline') await context.setOffline(false);
    }
    await browserSession.detach();
    await context.close();
  }
  return results;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function row(label, results, target) {
  const times = results.map((r) => r.ms).filter((ms) => ms !== null);
  const failed = results.length - times.length;
  const seconds = (ms) => (ms / 1000).toFixed(2);
  const figure = times.length
    ? `${seconds(median(times))} s  (${seconds(Math.min(...times))}-${seconds(Math.max(...times))})`
    : 'no page';
  const kib = times.length ? `${(median(results.map((r) => r.bytes)) / 1024).toFixed(0)} KiB` : '-';
  const note = failed ? `  ${failed} of ${results.length} runs never rendered` : '';
  console.log(`${label.padEnd(42)} ${figure.padEnd(24)} ${kib.padStart(10)}   ${target}${note}`);
}

const server = await startServer({ root: DIST, base: '/isms/' });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
try {
  // One visit that is not counted: the server compresses each file on its first request.
  await firstVisits(browser, server.url, null, 1);
  console.log(`Load to first rendered page (.app-header), median of ${RUNS} runs (min-max)`);
  console.log(`build: ${DIST}, served gzip-compressed at ${server.url}\n`);
  console.log(`${'visit'.padEnd(42)} ${'median (min-max)'.padEnd(24)} ${'network'.padStart(10)}   target`);
  row(`first, ${NETWORKS.none.label}`, await firstVisits(browser, server.url, null), '< 0.4 s');
  row(`first, ${NETWORKS.fast4g.label}`, await firstVisits(browser, server.url, NETWORKS.fast4g.conditions), '< 0.9 s');
  row(`first, ${NETWORKS.slow4g.label}`, await firstVisits(browser, server.url, NETWORKS.slow4g.conditions), '< 2.5 s');
  const repeat = await repeatVisits(browser, server.url);
  row(`repeat, ${NETWORKS.none.label}`, repeat.none, '< 0.3 s, from the service worker');
  row(`repeat, ${NETWORKS.slow4g.label}`, repeat.slow4g, '< 0.3 s, from the service worker');
  row('repeat, offline', repeat.offline, '< 0.3 s, offline too');
} finally {
  await browser.close();
  await server.close();
}
