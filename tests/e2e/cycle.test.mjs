// The ISMS cycle end to end on the demo organisation: an internal audit
// records a minor nonconformity on a control, a nonconformity is raised from
// it, a corrective action is added and finished, and the effectiveness
// review closes it. At each step the SoA, the readiness figure and the
// management-review pack follow. Then a workspace of the previous schema
// version (1) is imported and opens with everything in place and empty
// cycle registers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openApp, openRecord } from './browser.mjs';

const CONTROL = 'A.5.1';
let app;
let ws;
let nc;
before(async () => {
  app = await openApp();
  ws = await app.loadDemo();
});
after(async () => {
  await app?.close();
});

const page = () => app.page;
const route = (tail) => `#/workspace/${encodeURIComponent(ws)}/${tail}`;
const text = async (locator) => (await locator.textContent()).trim();
const percent = (s) => (s === 'not assessed' ? null : Number.parseFloat(s));

/** The readiness figure and its nonconformity part, from the Clauses page. */
async function readiness() {
  await app.goto(route('clauses'));
  await page().getByTestId('readiness').waitFor();
  return {
    figure: percent(await text(page().getByTestId('readiness-figure'))),
    soa: percent(await text(page().getByTestId('readiness-soa-value'))),
    soaDetail: await text(page().getByTestId('readiness-soa')),
    nonconformities: percent(await text(page().getByTestId('readiness-nonconformities-value'))),
  };
}

/** The open nonconformities the SoA shows on CONTROL ('' for none). */
async function soaOpen() {
  await app.goto(route(`soa/${CONTROL}`));
  const row = page().locator(`[data-testid="soa-row"][data-control="${CONTROL}"]`);
  await row.waitFor();
  const marks = row.getByTestId('soa-open-nc');
  return (await marks.count()) ? text(marks) : '';
}

/** The status of `id` in the management-review pack, or null when not listed. */
async function packStatus(id) {
  await app.goto(route('reports/review-pack'));
  await page().getByTestId('pack-nonconformities').waitFor();
  const row = page().locator(`[data-testid="pack-nc"][data-id="${id}"]`);
  return (await row.count()) ? row.getAttribute('data-status') : null;
}

let start;
test('the clauses page shows the readiness figure with its three parts', async () => {
  start = await readiness();
  assert.ok(start.figure > 0 && start.figure < 100, `figure ${start.figure}`);
  assert.equal(await page().getByTestId('clause-row').count(), 30);
  assert.equal(await soaOpen(), '', `${CONTROL} has no open nonconformity in the demo`);
});

let raised;
test('an audit with a minor nonconformity on a control raises a nonconformity the SoA, readiness and pack show', async () => {
  await app.goto(route('audits'));
  await page().getByTestId('new-audit').click();
  await page().getByTestId('audit-title').fill('Spot check of the policy set');
  await page().getByTestId('save-audit').click();
  const row = page().getByTestId('audit-row').filter({ hasText: 'Spot check of the policy set' });
  await row.waitFor();
  const audit = await row.getAttribute('data-id');
  await openRecord(page(), 'audit-row', audit);
  const card = page().locator(`[data-testid="audit-card"][data-id="${audit}"]`);
  await card.waitFor();
  await card.getByTestId('add-finding').click();
  const form = page().getByTestId('finding-form');
  await form.getByTestId('finding-class-select').selectOption('minor_nonconformity');
  await form.getByTestId('finding-control').selectOption(CONTROL);
  await form.getByTestId('finding-description').fill('The access policy was last approved three years ago.');
  await form.getByTestId('save-finding').click();
  const finding = card.getByTestId('finding-row');
  await finding.waitFor();
  assert.equal(await text(finding.getByTestId('finding-class')), 'Minor nonconformity');
  await finding.getByTestId('raise-nc').click();
  const link = finding.getByTestId('finding-nc');
  await link.waitFor();
  nc = await text(link);
  assert.match(nc, /^NC-\d{4}$/);

  assert.match(await soaOpen(), new RegExp(nc));
  raised = await readiness();
  assert.ok(raised.nonconformities < start.nonconformities, `NC part ${start.nonconformities} -> ${raised.nonconformities}`);
  assert.ok(raised.soa <= start.soa, `SoA part ${start.soa} -> ${raised.soa}`);
  assert.notEqual(raised.soaDetail, start.soaDetail, 'the SoA part counts one more lowered control');
  assert.ok(raised.figure < start.figure, `figure ${start.figure} -> ${raised.figure}`);
  assert.equal(await packStatus(nc), 'open');
});

test('a corrective action is added and finished: the nonconformity awaits its review and stays open in the SoA', async () => {
  await app.goto(route('nonconformities'));
  await openRecord(page(), 'nc-row', nc);
  const card = page().locator(`[data-testid="nc-card"][data-id="${nc}"]`);
  await card.waitFor();
  await card.getByTestId('add-corrective').click();
  await page().getByTestId('corrective-title').fill('Re-approve the policy set and put it on a yearly review');
  await page().getByTestId('save-corrective').click();
  await card.getByTestId('corrective-action').waitFor();
  assert.equal(await packStatus(nc), 'open');

  await app.goto(route('nonconformities'));
  await openRecord(page(), 'nc-row', nc);
  await card.getByTestId('corrective-status').selectOption('done');
  await page().locator(`[data-testid="nc-card"][data-id="${nc}"][data-status="awaiting_review"]`).waitFor();
  assert.match(await soaOpen(), new RegExp(nc), 'still open until the review');
  const waiting = await readiness();
  assert.equal(waiting.figure, raised.figure);
  assert.equal(await packStatus(nc), 'awaiting_review');
  await page().locator(`[data-testid="pack-nc"][data-id="${nc}"]`).getByText('1 of 1').waitFor();
});

test('the effectiveness review closes it: the SoA clears, readiness recovers, the pack lists it closed', async () => {
  await app.goto(route('nonconformities'));
  await openRecord(page(), 'nc-row', nc);
  const card = page().locator(`[data-testid="nc-card"][data-id="${nc}"]`);
  await card.getByTestId('review-nc').click();
  await page().getByTestId('review-notes').fill('Policy approved; the review date is in the document register.');
  await page().getByTestId('save-review').click();
  await card.waitFor({ state: 'detached' });
  await page().getByTestId('show-closed').check();
  await page().locator(`[data-testid="nc-card"][data-id="${nc}"][data-status="closed"]`).waitFor();

  assert.equal(await soaOpen(), '');
  const closed = await readiness();
  assert.equal(closed.soaDetail, start.soaDetail);
  assert.ok(closed.nonconformities > raised.nonconformities);
  assert.ok(closed.figure > raised.figure, `figure ${raised.figure} -> ${closed.figure}`);
  assert.equal(await packStatus(nc), 'closed');
  assert.deepEqual(app.consoleErrors, []);
});

test('a workspace of schema version 1 imports with everything in place and empty cycle registers', async () => {
  const older = await readFile(new URL('../fixtures/schema/v1.json', import.meta.url));
  const fixture = JSON.parse(older).workspace;
  await app.goto('#/workspaces');
  await page().getByTestId('json-file').setInputFiles({ name: 'v1.json', mimeType: 'application/json', buffer: older });
  await page().getByTestId('import-ready').waitFor();
  assert.match(await text(page().getByTestId('import-ready')), /schema version 1, migrated/);
  await page().getByTestId('import-as-new').click();
  await page().getByTestId('workspace-title').waitFor();
  assert.equal(await text(page().getByTestId('workspace-title')), fixture.name);
  ws = decodeURIComponent(page().url().split('#/workspace/')[1]);

  await app.goto(route('risks'));
  await page().getByTestId('risk-count').waitFor();
  assert.match(await text(page().getByTestId('risk-count')), new RegExp(`\\b${fixture.risks.length}\\b`));
  const parts = await readiness();
  assert.equal(parts.nonconformities, null, 'nothing known about conformity yet');
  assert.equal(await text(page().getByTestId('readiness-clauses-value')), 'not assessed');
  assert.equal(await page().locator('[data-testid="clause-row"] select option:checked', { hasText: 'Not assessed' }).count(), 30);
  await app.goto(route('audits'));
  await page().getByTestId('audits-empty').waitFor();
  await app.goto(route('nonconformities'));
  await page().getByTestId('nc-empty').waitFor();
  assert.match(await text(page().getByTestId('nc-count')), /^0 open of 0$/);
});
