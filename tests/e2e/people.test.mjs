// People from an empty workspace: an owner is created from inside the asset
// form ("+ New person"), then completed in the people register, refused a
// malformed e-mail, and finally removed, handing over to nobody.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { navLink, openApp } from './browser.mjs';

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

const nav = (name) => navLink(app.page, name);

test('an owner created inside the asset form is chosen and listed in the people register', async () => {
  await app.goto();
  await app.page.getByLabel('New workspace').fill('Fresh Org');
  await app.page.getByRole('button', { name: 'Create' }).click();
  assert.equal(await app.page.getByTestId('workspace-title').textContent(), 'Fresh Org');

  await nav('People').click();
  await app.page.getByTestId('people-empty').waitFor();

  await nav('Assets').click();
  await app.page.getByTestId('new-asset').click();
  const owner = app.page.locator('#asset-owner');
  // In an empty workspace the only choice is nobody.
  assert.deepEqual(await owner.locator('option').allTextContents(), ['No owner yet']);
  await app.page.locator('#asset-name').fill('Customer database');
  await app.page.getByTestId('asset-form').getByTestId('add-person').click();
  // An empty name is refused where it was typed.
  await app.page.getByRole('button', { name: 'Add person' }).click();
  assert.equal(await app.page.locator('#asset-owner-new-person-error').textContent(), "Type the person's name.");
  await app.page.getByTestId('asset-owner-new-person').fill('Jane Smith');
  // Enter adds the person rather than submitting the asset form.
  await app.page.getByTestId('asset-owner-new-person').press('Enter');
  await app.page.getByTestId('asset-owner-new-person').waitFor({ state: 'detached' });
  assert.deepEqual(await owner.locator('option').allTextContents(), ['No owner yet', 'Jane Smith']);
  assert.equal(await owner.evaluate((select) => select.selectedOptions[0].textContent), 'Jane Smith');
  assert.equal(await app.page.getByTestId('asset-form').count(), 1, 'the asset form is still open');
  await app.page.getByTestId('save-asset').click();
  await app.page.getByTestId('asset-form').waitFor({ state: 'detached' });
  const cells = await app.page.getByTestId('asset-row').first().locator('td').allTextContents();
  assert.equal(cells[2], 'Customer database');
  assert.equal(cells[4], 'Jane Smith');

  await nav('People').click();
  const row = app.page.getByTestId('person-row');
  assert.equal(await row.count(), 1);
  assert.deepEqual((await row.first().locator('td').allTextContents()).slice(1, 6), ['Jane Smith', '—', '—', '—', '1']);
});

test('a person is edited in the register; a malformed e-mail is refused', async () => {
  await app.page.getByRole('button', { name: 'Actions for Jane Smith' }).click();
  await app.page.getByRole('button', { name: 'Edit Jane Smith' }).click();
  await app.page.getByTestId('person-role').fill('Head of Finance');
  await app.page.getByTestId('person-department').fill('Finance');
  await app.page.getByTestId('person-email').fill('jane at example');
  await app.page.getByTestId('save-person').click();
  assert.match(await app.page.locator('#person-email-error').textContent(), /does not look like an e-mail/);
  assert.equal(await app.page.locator('#person-email').getAttribute('aria-invalid'), 'true');
  await app.page.getByTestId('person-email').fill('jane.smith@example.org');
  await app.page.getByTestId('save-person').click();
  await app.page.getByTestId('person-form').waitFor({ state: 'detached' });
  await app.page.reload();
  const row = app.page.getByTestId('person-row');
  await row.first().waitFor();
  assert.deepEqual((await row.first().locator('td').allTextContents()).slice(1, 6), [
    'Jane Smith', 'Head of Finance', 'Finance', 'jane.smith@example.org', '1',
  ]);
});

test('removing a person says what they own and empties those owner fields', async () => {
  await app.page.getByRole('button', { name: 'Actions for Jane Smith' }).click();
  await app.page.getByRole('button', { name: 'Delete Jane Smith' }).click();
  const dialog = app.page.getByRole('alertdialog');
  assert.match(await dialog.textContent(), /Jane Smith is named in 1 asset/);
  assert.equal(await dialog.locator('#person-successor').inputValue(), '');
  await dialog.getByTestId('confirm').click();
  await app.page.getByTestId('people-empty').waitFor();
  await nav('Assets').click();
  const cells = await app.page.getByTestId('asset-row').first().locator('td').allTextContents();
  assert.equal(cells[4], '—');
  assert.deepEqual(app.consoleErrors, []);
});
