// What a first-time user does with the shell: open the app from a sub-path,
// manage workspaces (kept in IndexedDB across reloads) and read the matrix.
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

const rows = () => app.page.locator('[data-testid="workspace-row"]');
const rowNamed = (name) => rows().filter({ has: app.page.getByRole('link', { name, exact: true }) });

test('the shell renders from a sub-path with no console errors', async () => {
  await app.goto();
  assert.match(app.page.url(), /\/isms\/$/);
  assert.equal(await app.page.title(), 'ISMS Workbench');
  const nav = app.page.getByRole('navigation', { name: 'Main' });
  assert.equal(await nav.getByRole('link', { name: 'Workspaces' }).getAttribute('aria-current'), 'page');
  await app.page.getByTestId('empty-workspaces').waitFor();
  assert.deepEqual(app.consoleErrors, []);
});

test('a created workspace survives a reload', async () => {
  await app.goto();
  await app.page.getByLabel('New workspace').fill('Northwind Health');
  await app.page.getByRole('button', { name: 'Create' }).click();
  // Creating opens the new workspace.
  assert.equal(await app.page.getByTestId('workspace-title').textContent(), 'Northwind Health');
  await app.goto();
  await rowNamed('Northwind Health').waitFor();
  await app.page.reload();
  await rowNamed('Northwind Health').waitFor();
  assert.equal(await rows().count(), 1);
});

test('an empty name is refused with a message next to the field', async () => {
  await app.goto();
  await app.page.getByLabel('New workspace').fill('   ');
  await app.page.getByRole('button', { name: 'Create' }).click();
  await app.page.getByText('Give the workspace a name.').waitFor();
  assert.equal(await rows().count(), 1);
});

test('opening a workspace shows it and remembers it in the navigation', async () => {
  await app.goto();
  await app.page.getByRole('link', { name: 'Northwind Health', exact: true }).click();
  assert.equal(await app.page.getByTestId('workspace-title').textContent(), 'Northwind Health');
  assert.match(app.page.url(), /#\/workspace\/ws-/);
  await app.page.reload();
  await app.page.getByTestId('workspace-title').waitFor();
  assert.match(await app.page.getByTestId('nav-open-workspace').textContent(), /Northwind Health/);
});

test('renaming a workspace is stored', async () => {
  await app.goto();
  await app.page.getByRole('button', { name: 'Rename Northwind Health' }).click();
  const input = app.page.getByLabel('New name');
  await input.fill('Northwind Health Trust');
  await input.press('Enter');
  await rowNamed('Northwind Health Trust').waitFor();
  await app.page.reload();
  await rowNamed('Northwind Health Trust').waitFor();
  assert.equal(await rowNamed('Northwind Health').count(), 0);
});

test('deleting asks first, and cancel keeps the workspace', async () => {
  await app.goto();
  await app.page.getByLabel('New workspace').fill('Scratch');
  await app.page.getByRole('button', { name: 'Create' }).click();
  await app.page.getByTestId('workspace-title').waitFor();
  await app.goto();
  await rowNamed('Scratch').waitFor();

  await app.page.getByRole('button', { name: 'Delete Scratch' }).click();
  const dialog = app.page.getByRole('alertdialog');
  assert.match(await dialog.textContent(), /cannot be undone/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await rowNamed('Scratch').count(), 1);

  await app.page.getByRole('button', { name: 'Delete Scratch' }).click();
  await app.page.getByRole('alertdialog').getByRole('button', { name: 'Delete workspace' }).click();
  await rowNamed('Scratch').waitFor({ state: 'detached' });
  await app.page.reload();
  await rowNamed('Northwind Health Trust').waitFor();
  assert.equal(await rowNamed('Scratch').count(), 0);
  assert.equal(await rows().count(), 1);
});

test('the matrix shows the right level and colour for picked cells', async () => {
  await app.goto('#/matrix');
  const level = app.page.getByTestId('matrix-level');
  const cell = (l, i) => app.page.locator(`.matrix-cell[data-likelihood="${l}"][data-impact="${i}"]`);
  // Default: 5x5 ISO 27005 style, likelihood + impact banded 2-4, 5-6, 7-8, 9-10.
  const expected = [
    [1, 1, 'Low', '#3f9b4f'],
    [3, 3, 'Medium', '#e0c02e'],
    [2, 5, 'High', '#e07b2e'],
    [5, 4, 'Very high', '#c9372c'],
  ];
  for (const [l, i, name, colour] of expected) {
    await cell(l, i).click();
    assert.equal(await level.textContent(), name, `cell L${l} I${i}`);
    assert.equal(await level.getAttribute('data-colour'), colour);
    assert.equal(await cell(l, i).getAttribute('aria-pressed'), 'true');
  }
  // The selects drive the same lookup.
  await app.page.getByTestId('matrix-likelihood').selectOption('1');
  await app.page.getByTestId('matrix-impact').selectOption('2');
  assert.equal(await level.textContent(), 'Low');
  // Another preset: 5x5 product, 3 x 5 = 15 is High, 4 x 5 = 20 Very high.
  await app.page.getByTestId('preset').selectOption('ProductFiveByFive');
  await cell(3, 5).click();
  assert.equal(await level.textContent(), 'High');
  await cell(4, 5).click();
  assert.equal(await level.textContent(), 'Very high');
  assert.equal(await app.page.locator('.matrix-cell').count(), 25);
  await app.page.getByTestId('preset').selectOption('ThreeByThree');
  assert.equal(await app.page.locator('.matrix-cell').count(), 9);
});

test('the theme choice is remembered', async () => {
  await app.goto();
  const theme = () => app.page.evaluate(() => document.documentElement.dataset.theme);
  assert.equal(await theme(), 'light');
  await app.page.getByTestId('theme-toggle').click();
  assert.equal(await theme(), 'dark');
  await app.page.reload();
  await app.page.waitForSelector('.app-header');
  assert.equal(await theme(), 'dark');
});

test('no request ever leaves the static origin, and nothing logged an error', async () => {
  assert.ok(app.requests.length > 3, 'the page made requests');
  const foreign = app.requests.filter((url) => !url.startsWith(app.server.origin + '/isms/') && !url.startsWith('data:'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(app.consoleErrors, []);
});
