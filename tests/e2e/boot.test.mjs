// The first load: while the WebAssembly arrives, a progress bar says how much
// of it has come; it is gone once the app has mounted. The network is
// throttled (Chrome DevTools Protocol) so the bar stays long enough to read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from './browser.mjs';

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

test('a progress bar counts the wasm in while it loads, and goes when the app mounts', async () => {
  const { page } = app;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  // About 4 Mbit/s: the wasm takes a couple of seconds.
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 20,
    downloadThroughput: 500 * 1024,
    uploadThroughput: 500 * 1024,
  });
  await page.goto(app.server.url, { waitUntil: 'commit' });
  const bar = page.getByRole('progressbar', { name: 'Loading ISMS Workbench…' });
  await bar.waitFor();
  // Partway: some bytes counted, not yet all.
  await page.waitForFunction(() => {
    const progress = document.getElementById('boot-progress');
    return progress && progress.value > 0;
  });
  const value = await bar.evaluate((progress) => progress.value);
  assert.ok(value > 0 && value <= 100, `progress value ${value}`);
  assert.equal(await bar.evaluate((progress) => progress.max), 100);
  await page.waitForSelector('.app-header', { timeout: 60_000 });
  assert.equal(await page.locator('#boot-notice').count(), 0);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  assert.deepEqual(app.consoleErrors, []);
});
