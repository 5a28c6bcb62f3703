// Offline use and updates through the service worker (sw.js, written by
// scripts/sw.mjs): after one visit the app, its workspaces and the Monte
// Carlo workers work with no network at all; a new deployment waits behind
// "A new version is ready" until the user reloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DIST, navLink, openApp } from './browser.mjs';

const SW_GENERATOR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'sw.mjs');
const run = promisify(execFile);

/** Waits until the service worker has stored the build and serves the page. */
const controlled = (page) =>
  page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 30_000 });

const nav = (page, name) => navLink(page, name);

test('after one visit the app opens, edits a workspace and simulates with no network', async () => {
  const app = await openApp();
  try {
    const id = await app.loadDemo();
    await controlled(app.page);
    // The manifest, its icons and the service worker make the app installable.
    const cdp = await app.context.newCDPSession(app.page);
    assert.deepEqual((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, []);
    await cdp.detach();

    await app.context.setOffline(true);
    const served = [];
    app.page.on('response', (response) => served.push(response));
    await app.page.reload();
    await app.page.getByTestId('workspace-title').waitFor();
    assert.equal(decodeURIComponent(app.page.url().split('#/workspace/')[1]), id);
    const page = served.find((response) => response.url() === app.page.url().split('#')[0]);
    assert.ok(page?.fromServiceWorker(), 'the page itself came from the service worker');

    // An edit, saved to IndexedDB and still there after another offline reload.
    await nav(app.page, 'Assets').click();
    await app.page.getByTestId('asset-table').waitFor();
    assert.equal(await app.page.getByTestId('asset-count').textContent(), '41 of 41 assets');
    await app.page.getByTestId('new-asset').click();
    await app.page.locator('#asset-name').fill('Offline field laptop');
    await app.page.getByTestId('save-asset').click();
    await app.page.getByTestId('asset-form').waitFor({ state: 'detached' });
    assert.equal(await app.page.getByTestId('asset-count').textContent(), '42 of 42 assets');
    await app.page.reload();
    await app.page.getByTestId('asset-table').waitFor();
    assert.equal(await app.page.getByTestId('asset-count').textContent(), '42 of 42 assets');

    // The simulation workers load the app's script from the same cache.
    await nav(app.page, 'Quantitative').click();
    const scripts = [];
    app.context.on('response', (response) => response.url().endsWith('.js') && scripts.push(response));
    await app.page.getByTestId('quant-iterations').fill('20000');
    await app.page.getByTestId('run-simulation').click();
    await app.page.getByTestId('simulation-done').waitFor({ timeout: 60_000 });
    assert.match(await app.page.getByTestId('simulation-done').textContent(), /^Simulated 20\u202f000 years of 15 risks/);
    assert.ok(scripts.length > 0, 'the workers loaded the app script');
    assert.ok(scripts.every((response) => response.fromServiceWorker()), 'from the service worker');
    assert.deepEqual(app.consoleErrors, []);
  } finally {
    await app.close();
  }
});

test('a new deployment waits behind "A new version is ready" until the user reloads', async () => {
  // A copy of the build that can be "deployed again" while the app is open.
  const root = await mkdtemp(join(tmpdir(), 'isms-deploy-'));
  await cp(DIST, root, { recursive: true });
  const app = await openApp({ root });
  try {
    await app.goto();
    await controlled(app.page);
    const banner = app.page.getByRole('status').filter({ hasText: 'A new version' });
    assert.equal(await banner.count(), 0, 'no banner on the first visit');

    // The rebuild: index.html changes (as any change to the app changes a
    // hashed file name in it) and the service worker is written again.
    const index = join(root, 'index.html');
    const rebuilt = (await readFile(index, 'utf8')).replace('<title>', '<meta name="deployment" content="second"><title>');
    assert.notEqual(rebuilt, await readFile(index, 'utf8'));
    await writeFile(index, rebuilt);
    await run(process.execPath, [SW_GENERATOR, root]);
    const deployment = () => app.page.locator('meta[name="deployment"]').count();

    // The next visit still runs the version it has, and says a new one is ready.
    await app.page.reload();
    await app.page.waitForSelector('.app-header');
    await banner.waitFor({ timeout: 30_000 });
    assert.match(await banner.textContent(), /^A new version of ISMS Workbench is ready\./);
    assert.equal(await deployment(), 0, 'the open page keeps the version it started with');

    // Reloading by hand does not switch either: only the banner's button does.
    await app.page.reload();
    await app.page.waitForSelector('.app-header');
    await banner.waitFor();
    assert.equal(await deployment(), 0);

    await Promise.all([
      app.page.waitForEvent('load'),
      banner.getByRole('button', { name: 'Reload' }).click(),
    ]);
    await app.page.waitForSelector('.app-header');
    assert.equal(await deployment(), 1, 'the reload brought the new version');
    assert.equal(await banner.count(), 0);
    assert.deepEqual(app.consoleErrors, []);
  } finally {
    await app.close();
    await rm(root, { recursive: true, force: true });
  }
});
