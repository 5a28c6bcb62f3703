// The shared register table, on the demo's asset register as a spreadsheet
// user would use it: hide and reorder columns (remembered after a reload),
// bulk-set the owner of two assets, download the CSV of the view and read
// it, and move between rows with the keyboard and open one with Enter.
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

const headings = () => app.page.locator('[data-testid="asset-table"] thead th[data-key]').allTextContents();
const rows = () => app.page.getByTestId('asset-row');
/** The cells of a row as shown, without the checkbox and menu cells. */
const cellsOf = (row) => row.locator('td:not(.select-cell):not(.row-menu-cell)').allTextContents();


test('columns are hidden and reordered, and stay so after a reload', async () => {
  await app.goto();
  await app.page.getByTestId('load-demo').click();
  await app.page.getByTestId('workspace-title').waitFor();
  await navLink(app.page, 'Assets').click();
  await app.page.getByTestId('asset-table').waitFor();
  assert.deepEqual(await headings(), ['Id', 'Name', 'Kind', 'Owner', 'Classification', 'C', 'I', 'A', 'Risks']);

  await app.page.getByTestId('assets-columns').click();
  const chooser = app.page.getByTestId('assets-column-chooser');
  await chooser.getByLabel('Classification', { exact: true }).uncheck();
  await chooser.getByRole('button', { name: 'Move Owner up' }).click();
  const expected = ['Id', 'Name', 'Owner', 'Kind', 'C', 'I', 'A', 'Risks'];
  assert.deepEqual(await headings(), expected);

  await app.page.reload();
  await app.page.getByTestId('asset-table').waitFor();
  assert.deepEqual(await headings(), expected);
  assert.equal((await cellsOf(rows().first())).length, expected.length);
});

test('the owner of two selected assets is set in one bulk edit', async () => {
  const first = rows().nth(0);
  const second = rows().nth(1);
  const ids = [await first.getAttribute('data-id'), await second.getAttribute('data-id')];
  const untouched = await cellsOf(rows().nth(2));
  await first.locator('.select-cell input').check();
  await second.locator('.select-cell input').check();
  assert.equal(await app.page.getByTestId('assets-selected').textContent(), '2 selected');

  const bulk = app.page.getByTestId('assets-bulk');
  const owner = bulk.locator('select');
  // The last person of the register, whoever owned these assets before.
  const options = await owner.locator('option').allTextContents();
  const chosen = options[options.length - 1];
  await owner.selectOption({ label: chosen });
  await bulk.getByRole('button', { name: 'Set owner' }).click();
  await app.page.getByText('Owner set for 2 assets.').waitFor();
  const name = chosen.replace(/ \(.*\)$/, '');
  for (const id of ids) {
    const cells = await cellsOf(app.page.locator(`[data-testid="asset-row"][data-id="${id}"]`));
    assert.equal(cells[2], name, `${id}'s owner`);
  }
  assert.deepEqual(await cellsOf(rows().nth(2)), untouched, 'the third asset is unchanged');
});

test('"Download CSV" holds exactly the columns and rows shown', async () => {
  await app.page.getByTestId('assets-bulk').getByRole('button', { name: 'Clear selection' }).click();
  await app.page.getByTestId('assets-bulk').waitFor({ state: 'detached' });
  await app.page.getByTestId('asset-kind-filter').selectOption('information');
  await app.page.locator('[data-testid="asset-table"] thead th[data-key="name"] button').click();
  const shown = [];
  for (const row of await rows().all()) shown.push((await cellsOf(row)).map((c) => (c === '—' ? '' : c)));
  assert.ok(shown.length >= 2 && shown.length < 41, `the filter keeps some assets, got ${shown.length}`);
  const names = shown.map((r) => r[1].toLowerCase());
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en')), 'sorted by name');

  const [file] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('assets-csv').click()]);
  assert.match(file.suggestedFilename(), /-assets-view\.csv$/);
  const text = await readFile(await file.path(), 'utf8');
  const [header, ...lines] = parseCsv(text.replace(/^\ufeff/, ''));
  assert.deepEqual(header, ['Id', 'Name', 'Owner', 'Kind', 'C', 'I', 'A', 'Risks']);
  assert.deepEqual(lines, shown);
});

test('the keyboard moves between rows; Enter opens one, Space selects it', async () => {
  const all = await rows().all();
  const ids = await Promise.all(all.map((r) => r.getAttribute('data-id')));
  const focused = () => app.page.evaluate(() => document.activeElement?.getAttribute('data-id'));
  await all[0].focus();
  await app.page.keyboard.press('ArrowDown');
  assert.equal(await focused(), ids[1]);
  await app.page.keyboard.press('End');
  assert.equal(await focused(), ids[ids.length - 1]);
  await app.page.keyboard.press('Home');
  assert.equal(await focused(), ids[0]);
  await app.page.keyboard.press('ArrowDown');
  await app.page.keyboard.press('Space');
  assert.equal(await all[1].locator('.select-cell input').isChecked(), true);
  await app.page.keyboard.press('Enter');
  const form = app.page.getByTestId('asset-form');
  await form.waitFor();
  assert.match(await form.locator('h2').textContent(), new RegExp(`\\(${ids[1]}\\)$`));
  assert.deepEqual(app.consoleErrors, []);
});
