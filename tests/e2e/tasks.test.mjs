// The three timed tasks of issue 13, walked from an empty workspace as a new
// user would, counting the clicks and keystrokes they take:
// (a) an asset (its owner created on the way) and a risk on it with a
//     catalogue threat and two controls, and its residual level read;
// (b) an Annex A control excluded with a justification, found in the SoA
//     report's list of exclusions;
// (c) a scenario "MFA everywhere" built by searching "MFA", applied to every
//     risk a filter selects, and compared with today.
// Every click, selection and keystroke goes through the counting helpers
// below: a fill counts its characters, a select two clicks (open, choose),
// and typing into a field that does not have the focus a click first.
// BEFORE=1 walks the same tasks the way the app before the home page's
// checklist allowed (navigation links only; no list of exclusions, so the
// excluded control is read from the report's table; task c impossible).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from './browser.mjs';

const BEFORE = process.env.BEFORE === '1';
let app;
const results = [];
let count = { clicks: 0, keys: 0 };

before(async () => {
  app = await openApp();
  await app.goto();
  await app.page.getByLabel('New workspace').fill('Timed Tasks Ltd');
  await app.page.getByRole('button', { name: 'Create' }).click();
  await app.page.getByTestId('workspace-title').filter({ hasText: 'Timed Tasks Ltd' }).waitFor();
});
after(async () => {
  console.log('\ntask, clicks, keystrokes');
  for (const [task, clicks, keys] of results) console.log(`${task}, ${clicks}, ${keys}`);
  assert.deepEqual(app?.consoleErrors ?? [], [], 'no console errors');
  await app?.close();
});

const page = () => app.page;
const text = async (locator) => (await locator.textContent()).trim();
const click = async (locator) => {
  count.clicks += 1;
  await locator.click();
};
const check = async (locator) => {
  count.clicks += 1;
  await locator.check();
};
const select = async (locator, option) => {
  count.clicks += 2;
  await locator.selectOption(option);
};
/** Types `value` into a field, clicking it first unless it has the focus. */
const fill = async (locator, value) => {
  await locator.waitFor();
  if (!(await locator.evaluate((el) => el === document.activeElement))) count.clicks += 1;
  count.keys += [...value].length;
  await locator.fill(value);
};
const press = async (locator, key) => {
  count.keys += 1;
  await locator.press(key);
};
/** A header link: its group's button first when the link is folded away. */
const nav = async (name) => {
  const link = page().getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true, includeHidden: true });
  if (!(await link.isVisible())) {
    const group = page().locator('.nav-group').filter({ has: page().getByRole('link', { name, exact: true, includeHidden: true }) });
    await click(group.locator('.nav-group-toggle'));
  }
  await click(link);
};
/** Home: the workspace's name in the header. */
const home = () => click(page().getByTestId('nav-open-workspace'));
const start = () => {
  count = { clicks: 0, keys: 0 };
};
const done = (task) => results.push([task, count.clicks, count.keys]);

test('task a: an asset and a risk on it with a catalogue threat and two controls; its residual level', async () => {
  start();
  if (BEFORE) {
    await nav('Assets');
  } else {
    await click(page().getByTestId('step-assets').getByRole('link'));
  }
  await click(page().getByTestId('new-asset'));
  await fill(page().locator('#asset-name'), 'Customer database');
  await click(page().getByTestId('asset-form').getByTestId('add-person'));
  await fill(page().getByTestId('asset-owner-new-person'), 'Jane Smith');
  await press(page().getByTestId('asset-owner-new-person'), 'Enter');
  await page().getByTestId('asset-owner-new-person').waitFor({ state: 'detached' });
  await click(page().getByTestId('save-asset'));
  await page().getByTestId('asset-form').waitFor({ state: 'detached' });

  if (BEFORE) {
    await nav('Risks');
    await click(page().getByTestId('new-risk'));
  } else {
    await home();
    await click(page().getByTestId('step-risks').getByRole('link'));
  }
  await page().getByTestId('risk-form').waitFor();
  await fill(page().getByTestId('risk-title'), 'Customer records stolen');
  await check(page().getByTestId('asset-picker').getByLabel(/Customer database/));
  const threat = page().locator('#risk-threat');
  const catalogue = (await threat.locator('option').allTextContents()).slice(1);
  assert.ok(catalogue.length > 5, 'the starter threat catalogue is offered');
  await select(threat, { index: 1 });
  await select(page().getByTestId('risk-likelihood'), '4');
  await select(page().getByTestId('risk-impact'), '4');
  for (const query of ['malware', 'backup']) {
    await fill(page().getByTestId('control-search'), query);
    await click(page().getByTestId('control-results').locator('button').first());
  }
  assert.equal(await page().getByTestId('linked-control').count(), 2);
  await click(page().getByTestId('save-risk'));
  await page().waitForURL(/\/risk\/R-0001$/);
  const residual = await text(page().getByTestId('live-current'));
  assert.match(residual, /L\d × I\d/, `the residual rating is shown: ${residual}`);
  assert.ok((await text(page().getByTestId('live-current').locator('.level-badge'))).length > 0, 'with its level');
  done('a: asset, risk, threat, two controls, residual');
});

test('task b: an Annex A control excluded with a justification, listed in the SoA report', async () => {
  start();
  const why = 'No CCTV: a shared office run by the landlord';
  await nav('SoA');
  await fill(page().getByTestId('soa-search'), 'A.7.4');
  const row = page().locator('[data-testid="soa-row"][data-control="A.7.4"]');
  await click(row.getByTestId('details-toggle'));
  const editor = page().getByTestId('soa-editor');
  await check(editor.getByLabel('Excluded', { exact: true }));
  await fill(editor.getByTestId('justification'), why);
  await click(editor.getByTestId('soa-save'));
  await editor.waitFor({ state: 'detached' });

  await nav('Reports');
  await click(page().getByTestId('report-link').filter({ hasText: 'Statement of Applicability' }).getByRole('link'));
  if (BEFORE) {
    const line = page().locator('[data-testid="soa-report-row"][data-control="A.7.4"]');
    assert.match(await text(line), new RegExp(why));
  } else {
    const line = page().getByTestId('soa-report-exclusions').locator('[data-control="A.7.4"]');
    assert.equal(await text(line), `A.7.4 Physical security monitoring: ${why}`);
  }
  done('b: exclusion with justification in the SoA report');
});

test('task c: scenario "MFA everywhere" by searching MFA, on every risk a filter selects, compared with today', { skip: BEFORE && 'not possible before: controls by id only, one risk at a time' }, async () => {
  start();
  await nav('Scenarios');
  await fill(page().getByTestId('scenario-name'), 'MFA everywhere');
  await press(page().getByTestId('scenario-name'), 'Enter');
  const editor = page().getByTestId('scenario-editor');
  await editor.waitFor();
  // Implement MFA: the control found by the everyday word.
  await fill(editor.getByTestId('change-control'), 'MFA');
  assert.match(await text(editor.getByTestId('change-control-matches').locator('li').first()), /^A\.8\.5 /);
  await click(editor.getByTestId('add-change'));
  await editor.getByTestId('scenario-change').first().waitFor();
  assert.match(await text(editor.getByTestId('scenario-change').first()), /^A\.8\.5 .*: status implemented/);
  // Link it to every risk on the customer database.
  const bulk = editor.getByTestId('bulk-link');
  await fill(bulk.getByTestId('bulk-control'), 'MFA');
  await select(bulk.getByTestId('bulk-asset'), { label: 'A-0001 Customer database' });
  await bulk.getByTestId('bulk-count').filter({ hasText: '1 risk matches; 1 of them without A.8.5 yet.' }).waitFor();
  await click(bulk.getByTestId('bulk-link-submit'));
  await editor.getByTestId('scenario-change').nth(1).waitFor();
  assert.match(await text(editor.getByTestId('scenario-change').nth(1)), /^R-0001 .*: add control A\.8\.5/);

  // Compared with today at once (a new scenario is ticked).
  const comparison = page().getByTestId('comparison');
  assert.equal(await text(comparison.getByTestId('cmp-name-0')), 'Baseline');
  assert.equal(await text(comparison.getByTestId('cmp-name-1')), 'MFA everywhere');
  await comparison.locator('td.changed').first().waitFor();
  assert.ok((await comparison.locator('.cmp-delta').count()) > 0, 'a figure differs from today');
  done('c: scenario MFA everywhere on a filter, compared');
});
