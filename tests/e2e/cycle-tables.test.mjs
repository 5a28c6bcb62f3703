// The ISMS-cycle registers on the shared register table, on the demo's
// incidents: the status of two of the three incidents bulk-set in one edit
// and still so after a reload, the CSV of the view read back, and Enter on a
// row opening the incident with its likelihood suggestions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { navLink, openApp, parseCsv } from './browser.mjs';

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

const rows = () => app.page.getByTestId('incident-row');
const row = (id) => app.page.locator(`[data-testid="incident-row"][data-id="${id}"]`);
/** The cells of a row as shown, without the checkbox and menu cells. */
const cellsOf = (r) => r.locator('td:not(.select-cell):not(.row-menu-cell)').allTextContents();
const headings = () => app.page.locator('[data-testid="incident-table"] thead th[data-key]').allTextContents();


test('the status of two of three incidents is set in one bulk edit and kept after a reload', async () => {
  await app.goto();
  await app.page.getByTestId('load-demo').click();
  await app.page.getByTestId('workspace-title').waitFor();
  await navLink(app.page, 'Incidents').click();
  await app.page.getByTestId('incident-table').waitFor();
  assert.equal(await rows().count(), 3);
  const status = (await headings()).indexOf('Status');
  assert.ok(status > 0, 'a Status column');

  const ids = await Promise.all((await rows().all()).map((r) => r.getAttribute('data-id')));
  const [first, second, third] = ids;
  const untouched = await cellsOf(row(third));
  await row(first).locator('.select-cell input').check();
  await row(second).locator('.select-cell input').check();
  assert.equal(await app.page.getByTestId('incidents-selected').textContent(), '2 selected');
  const bulk = app.page.getByTestId('incidents-bulk-1');
  await bulk.locator('select').selectOption('contained');
  await bulk.getByRole('button', { name: 'Set status' }).click();
  await app.page.getByText('Status set for 2 incidents.').waitFor();

  await app.page.reload();
  await app.page.getByTestId('incident-table').waitFor();
  for (const id of [first, second]) {
    assert.equal((await cellsOf(row(id)))[status], 'Contained', `${id}'s status`);
  }
  assert.deepEqual(await cellsOf(row(third)), untouched, 'the third incident is unchanged');
});

test('"Download CSV" of the incidents holds the columns and rows shown', async () => {
  await app.page.locator('[data-testid="incident-table"] thead th[data-key="title"] button').click();
  const shown = [];
  for (const r of await rows().all()) shown.push((await cellsOf(r)).map((c) => (c === '\u2014' ? '' : c)));
  const titles = shown.map((r) => r[1].toLowerCase());
  assert.deepEqual(titles, [...titles].sort((a, b) => a.localeCompare(b, 'en')), 'sorted by title');

  const [file] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('incidents-csv').click()]);
  assert.match(file.suggestedFilename(), /-incidents-view\.csv$/);
  const [header, ...lines] = parseCsv((await readFile(await file.path(), 'utf8')).replace(/^\ufeff/, ''));
  assert.deepEqual(header, (await headings()).map((h) => h.replace(/[\u25b2\u25bc]$/, '')));
  assert.deepEqual(lines, shown);
});

test('Enter on an incident opens it with its likelihood suggestions', async () => {
  await row('INC-0003').focus();
  await app.page.keyboard.press('Enter');
  const card = app.page.locator('[data-testid="incident-card"][data-id="INC-0003"]');
  await card.waitFor();
  assert.equal(await app.page.evaluate(() => document.activeElement?.id), 'record-open', 'the focus moves to the open incident');
  await card.getByText(/^Risks to look at again/).click();
  assert.ok(await card.getByTestId('apply-likelihood').count() > 0, 'a suggestion with its Apply button');
  await card.getByRole('button', { name: 'Close' }).click();
  await card.waitFor({ state: 'detached' });
  assert.deepEqual(app.consoleErrors, []);
});
