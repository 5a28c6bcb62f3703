// Accessibility: axe-core (from tests/node_modules, never a CDN) scans every
// page of the app, in the light and the dark theme, on the demo organisation.
// A serious or critical violation fails the test with the rule, the reason
// and the offending elements.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { demoPages, openApp, openRecord } from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

let app;
let workspace;
before(async () => {
  app = await openApp();
  workspace = await app.loadDemo();
});
after(async () => {
  await app?.close();
});

/** Each page of the demo workspace (browser.mjs). */
const pages = () => demoPages(workspace);

/** Runs axe on the current page and returns its serious and critical violations. */
async function scan() {
  // Evaluated through the DevTools protocol, so the page's strict CSP (no
  // inline scripts) does not have to be loosened for the test.
  if (!(await app.page.evaluate(() => typeof window.axe === 'object'))) {
    await app.page.evaluate(AXE_SOURCE);
  }
  const result = await app.page.evaluate(async () => {
    const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

for (const theme of ['light', 'dark']) {
  test(`no serious or critical accessibility violation on any page (${theme} theme)`, async () => {
    const problems = [];
    for (const [name, hash, ready, open] of pages()) {
      await app.goto(hash);
      if (open) await openRecord(app.page, ...open);
      await app.page.locator(ready).first().waitFor();
      const current = await app.page.evaluate(() => document.documentElement.dataset.theme);
      if (current !== theme) {
        await app.page.getByTestId('theme-toggle').click();
      }
      assert.equal(await app.page.evaluate(() => document.documentElement.dataset.theme), theme);
      for (const v of await scan()) {
        problems.push(`${name}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(' | ')}`);
      }
    }
    assert.deepEqual(problems, []);
  });
}

test('a new workspace\'s home (the checklist) and the scenario editor with its matches pass too, in both themes', async () => {
  const problems = [];
  await app.goto();
  await app.page.getByLabel('New workspace').fill('Accessible Org');
  await app.page.getByRole('button', { name: 'Create' }).click();
  await app.page.getByTestId('getting-started').waitFor();
  const fresh = app.page.url().split('#')[1];
  const views = [
    ['new workspace home', `#${fresh}`, async () => app.page.getByTestId('getting-started').waitFor()],
    ['scenario editor', `#/workspace/${encodeURIComponent(workspace)}/scenarios`, async () => {
      const row = app.page.getByTestId('scenario-row').first();
      await row.getByTestId('compare-toggle').check();
      await row.getByTestId('edit-scenario').click();
      await app.page.getByTestId('change-control').fill('MFA');
      await app.page.getByTestId('bulk-control').fill('backup');
      await app.page.getByTestId('changed-risks').first().waitFor();
    }],
  ];
  for (const theme of ['light', 'dark']) {
    for (const [name, hash, ready] of views) {
      await app.goto(hash);
      if ((await app.page.evaluate(() => document.documentElement.dataset.theme)) !== theme) {
        await app.page.getByTestId('theme-toggle').click();
      }
      await ready();
      for (const v of await scan()) {
        problems.push(`${name} (${theme}): ${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(' | ')}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
