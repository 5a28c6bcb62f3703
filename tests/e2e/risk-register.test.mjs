// The risk register on the shared register table: the next review of two
// selected risks set in one bulk edit through its date field (a typo is
// refused and changes nothing; a reload keeps the dates; a third risk is
// untouched), the CSV of the view against the rows shown and every filtered
// row, and a 10,000-risk workspace that renders only the rows in view while
// the keyboard still reaches the last risk.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { cli, navLink, openApp, parseCsv } from './browser.mjs';

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

const rows = () => app.page.getByTestId('risk-row');
const row = (id) => app.page.locator(`[data-testid="risk-row"][data-id="${id}"]`);
const review = (id) => row(id).locator('td[data-column="review"]').textContent();
const focused = () => app.page.evaluate(() => document.activeElement?.getAttribute('data-id'));
/** The cells of a row as shown (a level's name without its mark), without the checkbox and menu. */
const cellsOf = (r) =>
  r.locator('td:not(.select-cell):not(.row-menu-cell)').evaluateAll((cells) =>
    cells.map((td) => {
      const text = (td.querySelector('.level-badge') ?? td).textContent;
      return text === '\u2014' ? '' : text;
    }));
const sortById = async () => {
  const heading = app.page.locator('[data-testid="risk-table"] thead th[data-key="id"]');
  await heading.locator('button').click();
  assert.equal(await heading.getAttribute('aria-sort'), 'ascending');
};


test('the next review of two selected risks is set through the date field and kept after a reload', async () => {
  await app.loadDemo();
  await navLink(app.page, 'Risks').click();
  await app.page.getByTestId('risk-count').filter({ hasText: '60 of 60 risks' }).waitFor();
  await sortById();
  const untouched = await review('R-0003');
  await row('R-0001').locator('.select-cell input').check();
  await row('R-0002').locator('.select-cell input').check();
  assert.equal(await app.page.getByTestId('risks-selected').textContent(), '2 selected');

  const bulk = app.page.getByTestId('risks-bulk');
  const date = bulk.getByLabel('Next review');
  const set = bulk.getByRole('button', { name: 'Set next review' });
  // A date that does not exist is refused with a message; nothing changes.
  await date.fill('2027-02-30');
  await set.click();
  assert.match(await bulk.getByTestId('risks-bulk-1').locator('.field-error').textContent(), /not a date of the form YYYY-MM-DD/);
  assert.equal(await date.getAttribute('aria-invalid'), 'true');
  assert.notEqual(await review('R-0001'), '2027-02-30');

  await date.fill('2027-03-15');
  await set.click();
  await app.page.getByText('Next review set to 2027-03-15 for 2 risks.').waitFor();
  assert.equal(await review('R-0001'), '2027-03-15');
  await app.page.waitForFunction(() => document.querySelector('[data-testid="save-state"]').textContent === '');
  await app.page.reload();
  await app.page.getByTestId('risk-count').filter({ hasText: '60 of 60 risks' }).waitFor();
  await sortById();
  assert.equal(await review('R-0001'), '2027-03-15');
  assert.equal(await review('R-0002'), '2027-03-15');
  assert.equal(await review('R-0003'), untouched, 'the third risk is unchanged');
  assert.notEqual(untouched, '2027-03-15');
});

test('the treatment decision of two selected risks is set in one bulk edit', async () => {
  const decision = (id) => row(id).locator('td[data-column="decision"]').textContent();
  const untouched = await decision('R-0007');
  await row('R-0005').locator('.select-cell input').check();
  await row('R-0006').locator('.select-cell input').check();
  const bulk = app.page.getByTestId('risks-bulk');
  await bulk.getByLabel('Decision').selectOption('transfer');
  await bulk.getByRole('button', { name: 'Set decision' }).click();
  await app.page.getByText('Decision set to Transfer for 2 risks.').waitFor();
  assert.equal(await decision('R-0005'), 'Transfer');
  assert.equal(await decision('R-0006'), 'Transfer');
  assert.equal(await decision('R-0007'), untouched, 'the third risk is unchanged');
  await bulk.getByRole('button', { name: 'Clear selection' }).click();
  await bulk.waitFor({ state: 'detached' });
});

test('"Download CSV" holds the rows shown, and every row the filters keep', async () => {
  const download = async () => {
    const [file] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('risks-csv').click()]);
    assert.match(file.suggestedFilename(), /-risks-view\.csv$/);
    return parseCsv((await readFile(await file.path(), 'utf8')).replace(/^\ufeff/, ''));
  };
  const headings = await app.page.locator('[data-testid="risk-table"] thead th[data-key]').evaluateAll(
    (list) => list.map((th) => th.querySelector('button').firstChild.textContent));
  assert.deepEqual(headings, ['Id', 'Title', 'Owner', 'Decision', 'Inherent', 'Current', 'Planned', 'Review']);

  // All 60 risks go into the file, though fewer rows are in the page.
  const [header, ...all] = await download();
  assert.deepEqual(header, headings);
  assert.equal(all.length, 60);
  const rendered = await rows().count();
  assert.ok(rendered < 60, `only the rows in view are rendered (${rendered})`);
  assert.deepEqual(all.slice(0, 3).map((r) => r[0]), ['R-0001', 'R-0002', 'R-0003'], 'in the order shown');

  // Filtered to fewer rows than the window holds: the file is the table.
  await app.page.getByTestId('risk-decision-filter').selectOption('accept');
  const count = Number((await app.page.getByTestId('risk-count').textContent()).split(' ')[0]);
  assert.ok(count > 0 && count < 15, `some risks are accepted (${count})`);
  await app.page.locator('[data-testid="risk-table"] thead th[data-key="current"] button').click();
  const shown = [];
  for (const r of await rows().all()) shown.push(await cellsOf(r));
  assert.equal(shown.length, count);
  const [, ...lines] = await download();
  assert.deepEqual(lines, shown);
  assert.ok(lines.every((l) => l[3] === 'Accept'), 'only accepted risks');
  await app.page.getByTestId('risk-decision-filter').selectOption('');
  assert.deepEqual(app.consoleErrors, []);
});

test('the row menu opens a risk, and deletes one after asking', async () => {
  await app.page.getByTestId('risk-search').fill('R-0003');
  await app.page.getByTestId('risk-count').filter({ hasText: '1 of 60 risks' }).waitFor();
  const name = await row('R-0003').locator('td[data-column="title"]').textContent();
  const menu = () => app.page.getByRole('button', { name: `Actions for R-0003 ${name}` });
  await menu().click();
  await app.page.getByRole('button', { name: `Delete R-0003 ${name}` }).click();
  const dialog = app.page.getByRole('alertdialog');
  assert.match(await dialog.textContent(), /Delete risk R-0003\?/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await row('R-0003').count(), 1, 'Cancel keeps the risk');

  await menu().click();
  await app.page.getByRole('button', { name: `Open R-0003 ${name}` }).click();
  await app.page.waitForURL(/\/risk\/R-0003$/);
  await app.page.goBack();
  await app.page.getByTestId('risk-search').fill('R-0003');
  await menu().click();
  await app.page.getByRole('button', { name: `Delete R-0003 ${name}` }).click();
  await dialog.getByRole('button', { name: 'Delete risk' }).click();
  await app.page.getByText('Risk R-0003 deleted.').waitFor();
  await app.page.getByTestId('risk-search').fill('');
  await app.page.getByTestId('risk-count').filter({ hasText: '59 of 59 risks' }).waitFor();
});

test('on a phone the register keeps id, title and current level, and the page does not scroll sideways', async () => {
  await app.page.setViewportSize({ width: 390, height: 844 });
  const shown = await app.page.locator('[data-testid="risk-table"] thead th[data-key]').evaluateAll(
    (list) => list.filter((th) => th.getBoundingClientRect().width > 0).map((th) => th.dataset.key));
  assert.deepEqual(shown, ['id', 'title', 'current']);
  const title = await rows().first().locator('td[data-column="title"]').boundingBox();
  assert.ok(title.width > 90, `the title has room (${title.width} px)`);
  const { scroll, client } = await app.page.evaluate(() => ({
    scroll: document.scrollingElement.scrollWidth, client: document.scrollingElement.clientWidth }));
  assert.ok(scroll <= client, `${scroll} px wide in ${client} px`);
  await app.page.setViewportSize({ width: 1280, height: 900 });
});

test('10,000 risks: only the rows in view are in the page, End reaches the last risk', { timeout: 600_000 }, async () => {
  const exported = await cli('generate', '10000', '2000', '7');
  const ids = exported.workspace.risks.map((r) => r.id).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  assert.equal(ids.length, 10000);
  await app.goto('#/workspaces');
  await app.page.getByTestId('json-file').setInputFiles({
    name: 'synthetic-10000.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(exported)),
  });
  await app.page.getByTestId('import-ready').waitFor({ timeout: 180_000 });
  await app.page.getByTestId('import-as-new').click();
  await app.page.getByTestId('workspace-title').waitFor({ timeout: 180_000 });
  await navLink(app.page, 'Risks').click();
  await app.page.getByTestId('risk-count').filter({ hasText: '10000 of 10000 risks' }).waitFor({ timeout: 120_000 });
  assert.ok((await rows().count()) < 200, `rows in the page: ${await rows().count()}`);

  await sortById();
  await row(ids[0]).focus();
  await app.page.keyboard.press('End');
  await app.page.waitForFunction((id) => document.activeElement?.getAttribute('data-id') === id, ids[9999]);
  assert.equal(await focused(), ids[9999]);
  assert.ok((await rows().count()) < 200, 'still only the rows in view');
  await app.page.keyboard.press('ArrowUp');
  assert.equal(await focused(), ids[9998]);
  await app.page.keyboard.press('Home');
  await app.page.waitForFunction((id) => document.activeElement?.getAttribute('data-id') === id, ids[0]);

  // Selecting all rows shown takes every filtered risk, rendered or not.
  await app.page.getByTestId('risks-select-all').check();
  assert.equal(await app.page.getByTestId('risks-selected').textContent(), '10000 selected');
  await app.page.getByTestId('risks-bulk').getByRole('button', { name: 'Clear selection' }).click();
  assert.deepEqual(app.consoleErrors, []);
});
