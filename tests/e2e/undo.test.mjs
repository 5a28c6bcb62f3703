// Undo from the header and with Ctrl+Z: a deleted risk comes back in its
// place and stays back after a reload; two changes are taken back newest
// first; Ctrl+Z inside a text field stays the field's own undo.
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

const goTo = (path) => app.page.evaluate((p) => {
  location.hash = location.hash.replace(/(#\/workspace\/[^/]+).*$/, `$1${p}`);
}, path);

async function deleteRisk(id) {
  await goTo(`/risk/${id}`);
  await app.page.getByTestId('risk-form').waitFor();
  await app.page.getByTestId('delete-risk').click();
  await app.page.getByRole('alertdialog').getByRole('button', { name: 'Delete risk' }).click();
  await app.page.waitForURL(/\/risks$/);
}

const row = (id) => app.page.locator(`[data-testid="risk-row"][data-id="${id}"]`);

test('nothing to undo at first; a deleted risk comes back with the header button, stored', async () => {
  await app.goto();
  await app.page.getByTestId('load-demo').click();
  await app.page.getByTestId('workspace-title').waitFor();
  assert.equal(await app.page.getByTestId('undo').count(), 0, 'no Undo before any change');

  await deleteRisk('R-0002');
  await app.page.getByTestId('risk-count').filter({ hasText: '59 of 59 risks' }).waitFor();
  const undo = app.page.getByTestId('undo');
  assert.match(await undo.getAttribute('aria-label'), /R-0002/);
  await undo.click();
  await app.page.getByTestId('risk-count').filter({ hasText: '60 of 60 risks' }).waitFor();
  assert.match(await app.page.getByTestId('notice-banner').textContent(), /Undone: the change to R-0002/);
  assert.equal(await app.page.getByTestId('undo').count(), 0, 'nothing left to undo');
  // The undo is stored before the reload (the save state empties again).
  await app.page.waitForFunction(() => document.querySelector('[data-testid="save-state"]').textContent === '');
  await app.page.reload();
  await app.page.getByTestId('risk-count').filter({ hasText: '60 of 60 risks' }).waitFor();
  // (That the register's stored order comes back too is checked by the
  // browser test in app/tests/analysis.rs.)
  await app.page.getByRole('searchbox').first().fill('R-0002');
  await row('R-0002').waitFor();
});

test('Ctrl+Z takes back two changes newest first, but not inside a text field', async () => {
  await deleteRisk('R-0004');
  await deleteRisk('R-0005');
  await app.page.getByTestId('risk-count').filter({ hasText: '58 of 58 risks' }).waitFor();
  // Inside the register's search field Ctrl+Z belongs to the field.
  const search = app.page.getByRole('searchbox').first();
  await search.fill('x');
  await search.press('Control+z');
  assert.equal(await row('R-0005').count(), 0, 'Ctrl+Z in a field undoes no change of data');
  await search.fill('');
  await app.page.locator('h1').first().click();
  await app.page.keyboard.press('Control+z');
  await row('R-0005').waitFor();
  assert.equal(await row('R-0004').count(), 0, 'only the newest change went');
  await app.page.keyboard.press('Control+z');
  await row('R-0004').waitFor();
  await app.page.getByTestId('risk-count').filter({ hasText: '60 of 60 risks' }).waitFor();
  assert.deepEqual(app.consoleErrors, []);
});
