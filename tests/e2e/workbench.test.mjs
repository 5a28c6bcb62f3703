// The workbench pages as a user meets them on the demo organisation: the
// Statement of Applicability, the treatment plan, the methodology editor with
// its preview, and the consistency findings.
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
const text = async (locator) => (await locator.textContent()).trim();

/** Waits until `read()` returns something other than `previous`. */
async function changes(read, previous, what) {
  for (let i = 0; i < 50; i++) {
    const now = await read();
    if (now !== previous) return now;
    await app.page.waitForTimeout(100);
  }
  assert.fail(`${what} stayed at ${previous}`);
}

test('the demo organisation opens with links to the workbench pages', async () => {
  await app.goto();
  await app.page.getByTestId('load-demo').click();
  await app.page.getByTestId('workspace-title').waitFor();
  for (const name of ['SoA', 'Plan', 'Methodology', 'Checks']) {
    assert.equal(await nav(name).count(), 1, `nav link ${name}`);
  }
});

test('SoA: all controls by theme; a status change moves the theme progress and is saved', async () => {
  await nav('SoA').click();
  const theme = app.page.getByTestId('soa-theme-technological');
  await theme.waitFor();
  assert.equal(await app.page.getByTestId('soa-row').count(), 93);
  assert.equal(await nav('SoA').getAttribute('aria-current'), 'page');

  const progress = app.page.getByTestId('progress-technological');
  const before = await text(progress);
  // An applicable control that is not implemented yet.
  const rows = theme.getByTestId('soa-row').filter({ has: app.page.getByTestId('applicability').getByText('Applicable') });
  let chosen = null;
  for (let i = 0; i < (await rows.count()); i++) {
    const select = rows.nth(i).getByTestId('status-select');
    if ((await select.inputValue()) !== 'implemented') {
      chosen = rows.nth(i);
      break;
    }
  }
  assert.ok(chosen, 'an applicable technological control still to implement');
  const control = await chosen.getAttribute('data-control');
  await chosen.getByTestId('status-select').selectOption('implemented');
  const after = await changes(() => text(progress), before, 'technological progress');
  assert.ok(parseFloat(after) > parseFloat(before), `${after} should exceed ${before}`);

  // Saved at once: a reload shows the same status.
  await app.page.reload();
  const row = app.page.locator(`[data-testid="soa-row"][data-control="${control}"]`);
  await row.waitFor();
  assert.equal(await row.getByTestId('status-select').inputValue(), 'implemented');
  assert.equal(await text(app.page.getByTestId('progress-technological')), after);
});

test('SoA: excluding a control without a justification is refused with a message', async () => {
  const row = app.page.locator('[data-testid="soa-row"]').filter({ has: app.page.getByTestId('applicability').getByText('Applicable') }).first();
  const control = await row.getAttribute('data-control');
  await row.getByTestId('details-toggle').click();
  const editor = app.page.getByTestId('soa-editor');
  await editor.getByLabel('Excluded', { exact: true }).check();
  await editor.getByTestId('justification').fill('');
  await editor.getByTestId('soa-save').click();
  assert.match(await text(editor.getByTestId('justification-error')), /justification/);
  assert.equal(await editor.getByTestId('justification').getAttribute('aria-invalid'), 'true');
  assert.equal(await text(row.getByTestId('applicability')), 'Applicable');

  await editor.getByTestId('justification').fill('Handled entirely by the hosting provider under contract.');
  await editor.getByTestId('soa-save').click();
  await editor.waitFor({ state: 'detached' });
  const same = app.page.locator(`[data-testid="soa-row"][data-control="${control}"]`);
  assert.equal(await text(same.getByTestId('applicability')), 'Excluded');
});

test('SoA: bulk edit sets the status of every selected control', async () => {
  const rows = app.page.getByTestId('soa-theme-people').getByTestId('soa-row');
  await rows.nth(0).getByRole('checkbox').check();
  await rows.nth(1).getByRole('checkbox').check();
  assert.equal(await text(app.page.getByTestId('selected-count')), '2 controls selected.');
  await app.page.getByLabel('Implementation status', { exact: true }).selectOption('planned');
  await app.page.getByTestId('bulk-status').click();
  await app.page.waitForFunction(() => {
    const rows = document.querySelectorAll('[data-testid="soa-theme-people"] [data-testid="soa-row"] [data-testid="status-select"]');
    return rows[0].value === 'planned' && rows[1].value === 'planned';
  });
  // A bulk exclusion without a justification is refused.
  await app.page.getByLabel('Applicability', { exact: true }).selectOption('excluded');
  await app.page.getByTestId('bulk-applicability').click();
  await app.page.locator('#bulk-justification-error').getByText('justification').waitFor();
  // "Select all" of a theme adds its eight controls; unticked, it takes them all out again.
  const all = app.page.getByTestId('soa-theme-people').getByLabel(/^Select all people/);
  await all.check();
  assert.equal(await text(app.page.getByTestId('selected-count')), '8 controls selected.');
  await all.uncheck();
  for (const box of await rows.getByRole('checkbox').all()) assert.equal(await box.isChecked(), false);
});

test('SoA: search by words and filter by applicability', async () => {
  const shown = app.page.getByTestId('soa-shown');
  assert.equal(await text(shown), '93 of 93 controls');
  await app.page.getByTestId('soa-search').fill('threat intel');
  await shown.getByText('1 of 93 controls').waitFor();
  const rows = app.page.getByTestId('soa-row');
  assert.equal(await rows.count(), 1);
  assert.equal(await rows.first().getAttribute('data-control'), 'A.5.7');
  // Themes without a match say so instead of showing an empty table.
  assert.match(await text(app.page.getByTestId('soa-theme-people')), /No control of this theme matches/);

  await app.page.getByTestId('soa-search').fill('');
  await app.page.getByTestId('soa-applicability-filter').selectOption('excluded');
  const excluded = Number((await text(app.page.getByTestId('soa-summary').locator('.figure').nth(1))).split(' ')[0]);
  await shown.getByText(`${excluded} of 93 controls`).waitFor();
  const labels = await rows.getByTestId('applicability').allTextContents();
  assert.equal(labels.length, excluded);
  assert.ok(labels.every((l) => l.trim() === 'Excluded'), labels.join());
  await app.page.getByTestId('soa-applicability-filter').selectOption('');
  await shown.getByText('93 of 93 controls').waitFor();
});

test('treatment plan: overdue actions stand out; marking actions done lowers the risks above appetite', async () => {
  await nav('Plan').click();
  await app.page.getByTestId('plan-table').waitFor();
  const overdueRows = app.page.locator('[data-testid="action-row"].overdue');
  assert.ok((await overdueRows.count()) > 0, 'the demo has overdue actions');
  assert.match(await text(overdueRows.first()), /overdue/);

  const aboveNow = app.page.getByTestId('above-now');
  const start = Number(await text(aboveNow));
  let lowest = start;
  for (let i = 0; i < 13 && lowest === start; i++) {
    const open = app.page.locator('[data-testid="action-row"]:not(.done)').first();
    if ((await open.count()) === 0) break;
    const id = await open.getAttribute('data-id');
    const before = Number(await text(aboveNow));
    await open.getByTestId('row-menu').click();
    await open.getByRole('button', { name: new RegExp(`^Mark done ${id}`) }).click();
    const note = app.page.getByTestId('residual-change');
    await note.getByText('After changing').waitFor();
    assert.match(await text(note), new RegExp(`above appetite now ${before} \u2192 \\d+`));
    await app.page.locator(`[data-testid="action-row"][data-id="${id}"].done`).waitFor();
    lowest = Number(await text(aboveNow));
  }
  assert.ok(lowest < start, `risks above appetite should fall below ${start}, got ${lowest}`);
});

test('treatment plan: create (with checks) and delete an action', async () => {
  const count = await app.page.getByTestId('action-row').count();
  await app.page.getByTestId('new-action').click();
  const editor = app.page.getByTestId('action-editor');
  await editor.getByTestId('action-save').click();
  assert.match(await text(editor.getByTestId('action-error')), /title is required/);
  await editor.getByTestId('action-title').fill('Encrypt laptop backups');
  await editor.getByLabel('One-off cost').fill('1200');
  await editor.getByLabel('Yearly cost').fill('300');
  await editor.getByTestId('action-due').fill('2020-01-31');
  await editor.getByTestId('action-save').click();
  await editor.waitFor({ state: 'detached' });
  assert.equal(await app.page.getByTestId('action-row').count(), count + 1);
  const row = app.page.getByTestId('action-row').filter({ hasText: 'Encrypt laptop backups' });
  assert.match(await row.getAttribute('class'), /overdue/);

  const id = await row.getAttribute('data-id');
  await row.getByTestId('row-menu').click();
  await row.getByRole('button', { name: new RegExp(`^Delete ${id}`) }).click();
  await app.page.getByRole('alertdialog').getByRole('button', { name: 'Delete action' }).click();
  await row.waitFor({ state: 'detached' });
  assert.equal(await app.page.getByTestId('action-row').count(), count);
});

test('methodology: a preset is previewed, cancel changes nothing, apply moves the levels', async () => {
  await nav('Methodology').click();
  const current = app.page.getByTestId('current-methodology');
  await current.waitFor();
  const original = await text(current);
  assert.notEqual(original, '5x5 product with bands');
  const nowBody = async () => text(app.page.getByTestId('preview-now').locator('tbody'));
  const originalCounts = await nowBody();

  await app.page.getByTestId('preset-select').selectOption({ label: '5x5 product with bands' });
  await app.page.getByTestId('use-preset').click();
  const after = app.page.getByTestId('preview-after');
  await after.waitFor();
  const previewed = await text(after.locator('tbody'));
  assert.notEqual(previewed, originalCounts, 'the preview shows different counts');
  assert.match(await text(app.page.getByTestId('preview-moved')), /^[1-9]\d* risks would change/);

  await app.page.getByTestId('cancel-methodology').click();
  await after.waitFor({ state: 'detached' });
  assert.equal(await text(current), original);
  assert.equal(await nowBody(), originalCounts);

  // An invalid draft shows the engine's message and cannot be applied.
  await app.page.getByTestId('preset-select').selectOption({ label: '5x5 product with bands' });
  await app.page.getByTestId('use-preset').click();
  await app.page.locator('#band-1').fill('2');
  await app.page.getByTestId('methodology-error').getByText('must increase').waitFor();
  assert.equal(await app.page.getByTestId('apply-methodology').isDisabled(), true);
  await app.page.locator('#band-1').fill('9');
  await after.waitFor();

  await app.page.getByTestId('apply-methodology').click();
  await app.page.waitForFunction(() => document.querySelector('[data-testid="current-methodology"]').textContent === '5x5 product with bands');
  await after.waitFor({ state: 'detached' });
  assert.equal(await nowBody(), previewed, 'the register now has the previewed counts');
});

test('findings: grouped by severity, each with a link to its object', async () => {
  await nav('Checks').click();
  const total = app.page.getByTestId('findings-total');
  await total.waitFor();
  for (const severity of ['error', 'warning', 'info']) {
    await app.page.getByTestId(`findings-${severity}`).waitFor();
  }
  const findings = app.page.getByTestId('finding');
  const count = await findings.count();
  assert.ok(count > 0, 'the demo has findings');
  assert.equal(await text(total), `${count} problems found.`);
  const riskLinks = app.page.locator('.finding-link[href*="/risk/"]');
  assert.ok((await riskLinks.count()) > 0, 'some findings link to a risk');
  assert.match(await riskLinks.first().getAttribute('href'), /^#\/workspace\/[^/]+\/risk\/R-\d+$/);

  const controlLink = app.page.locator('.finding-link[href*="/soa/"]').first();
  if ((await controlLink.count()) > 0) {
    const href = await controlLink.getAttribute('href');
    const control = decodeURIComponent(href.split('/soa/')[1]);
    await controlLink.click();
    const row = app.page.locator(`#control-${control.replace(/\./g, '\\.')}`);
    await row.waitFor();
    await app.page.waitForFunction((id) => document.activeElement?.id === `control-${id}`, control);
  }

  // A finding about an action opens that action's editor on the plan.
  await nav('Checks').click();
  const actionLink = app.page.locator('.finding-link[href*="/plan/"]').first();
  assert.equal(await actionLink.count(), 1, 'the demo has findings about actions');
  const action = decodeURIComponent((await actionLink.getAttribute('href')).split('/plan/')[1]);
  await actionLink.click();
  await app.page.getByTestId('action-editor').waitFor();
  assert.equal(await app.page.getByTestId('action-title').inputValue(),
    await app.page.evaluate((id) => document.querySelector(`[data-testid="action-row"][data-id="${id}"] td:nth-child(3)`).textContent, action));
  assert.match(await app.page.locator('#action-editor-heading').textContent(), new RegExp(`^Edit action ${action}$`));
  assert.equal(await nav('Plan').getAttribute('aria-current'), 'page');
  assert.deepEqual(app.consoleErrors, []);
});
