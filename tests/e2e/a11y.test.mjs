// Accessibility: axe-core (from tests/node_modules, never a CDN) scans every
// page of the app, in the light and the dark theme, on the demo organisation.
// A serious or critical violation fails the test with the rule, the reason
// and the offending elements.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { openApp } from './browser.mjs';

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

/** Each page: its hash and an element that shows it has finished rendering. */
const pages = () => {
  const ws = `#/workspace/${encodeURIComponent(workspace)}`;
  return [
    ['workspaces', '#/', '[data-testid="workspace-list"], [data-testid="load-demo"]'],
    ['matrix', '#/matrix', '.risk-matrix'],
    ['overview', ws, '[data-testid="workspace-title"]'],
    ['dashboard', `${ws}/dashboard`, '[data-testid="heat-map-inherent"] svg'],
    ['scenarios', `${ws}/scenarios`, '[data-testid="comparison"]'],
    ['data', `${ws}/data`, '[data-testid="export-json"]'],
    ['assets', `${ws}/assets`, '[data-testid="asset-row"]'],
    ['risks', `${ws}/risks`, '[data-testid="risk-row"]'],
    ['risk editor', `${ws}/risk/R-0001`, '[data-testid="risk-form"]'],
    ['new risk', `${ws}/risks/new`, '[data-testid="risk-form"]'],
    ['soa', `${ws}/soa`, '[data-testid="soa-row"]'],
    ['plan', `${ws}/plan`, '[data-testid="action-row"]'],
    ['methodology', `${ws}/methodology`, '[data-testid="current-methodology"]'],
    ['findings', `${ws}/findings`, '[data-testid="findings-total"]'],
    ['reports', `${ws}/reports`, '[data-testid="report-list"]'],
    ['soa report', `${ws}/reports/soa`, '[data-testid="soa-report-row"]'],
    ['risk register report', `${ws}/reports/risks`, '[data-testid="risk-report-row"]'],
    ['treatment plan report', `${ws}/reports/plan`, '[data-testid="plan-report-row"]'],
    ['summary report', `${ws}/reports/summary`, '[data-testid="summary-figures"]'],
    ['clauses', `${ws}/clauses`, '[data-testid="clause-row"]'],
    ['documents', `${ws}/documents`, '[data-testid="document-row"]'],
    ['objectives', `${ws}/objectives`, '[data-testid="objective-trend"] svg'],
    ['audits', `${ws}/audits`, '[data-testid="finding-row"]'],
    ['nonconformities', `${ws}/nonconformities`, '[data-testid="nc-card"]'],
    ['incidents', `${ws}/incidents`, '[data-testid="incident-card"]'],
    ['reviews', `${ws}/reviews`, '[data-testid="review-card"]'],
    ['management-review pack', `${ws}/reports/review-pack`, '[data-testid="pack-nonconformities"]'],
    ['clause readiness report', `${ws}/reports/clauses`, '[data-testid="clause-report-row"]'],
    ['internal audit report', `${ws}/reports/audits`, '[data-testid="finding-report-row"]'],
    ['nonconformity register report', `${ws}/reports/nonconformities`, '[data-testid="nc-report-row"]'],
  ];
};

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
    for (const [name, hash, ready] of pages()) {
      await app.goto(hash);
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
