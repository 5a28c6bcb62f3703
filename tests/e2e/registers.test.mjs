// The asset register, the risk register and the risk editor as a user meets
// them on the demo organisation: create an asset, write a risk against it,
// link controls and watch the residual level, sort and filter the register,
// then delete the asset and take it out of the risk, override the risk's
// residual, and finally delete the risk.
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

const ASSET = 'Telehealth video gateway';
const RISK = 'Eavesdropping on video consultations';
const nav = (name) => navLink(app.page, name);
const rating = async (testId) => {
  const text = await app.page.getByTestId(testId).textContent();
  const match = text.match(/L(\d+) × I(\d+)/);
  assert.ok(match, `no rating in ${testId}: ${text}`);
  return { likelihood: Number(match[1]), impact: Number(match[2]), text };
};

test('a new asset is validated, saved and listed in the register', async () => {
  await app.goto();
  await app.page.getByTestId('load-demo').click();
  await app.page.getByTestId('workspace-title').waitFor();
  await nav('Assets').click();
  await app.page.getByTestId('asset-table').waitFor();
  assert.equal(await app.page.getByTestId('asset-count').textContent(), '41 of 41 assets');

  await app.page.getByTestId('new-asset').click();
  await app.page.getByTestId('save-asset').click();
  // An empty name is refused next to the field, and nothing is added.
  assert.equal(await app.page.locator('#asset-name-error').textContent(), 'Give the asset a name.');
  assert.equal(await app.page.locator('#asset-name').getAttribute('aria-invalid'), 'true');
  assert.equal(await app.page.getByTestId('asset-count').textContent(), '41 of 41 assets');

  await app.page.locator('#asset-name').fill(ASSET);
  await app.page.locator('#asset-kind').selectOption('service');
  await app.page.getByTestId('asset-c').selectOption('4');
  await app.page.getByTestId('asset-i').selectOption('2');
  await app.page.getByTestId('asset-a').selectOption('3');
  await app.page.getByTestId('save-asset').click();
  await app.page.getByTestId('asset-form').waitFor({ state: 'detached' });
  assert.equal(await app.page.getByTestId('asset-count').textContent(), '42 of 42 assets');

  await app.page.getByTestId('asset-search').fill('telehealth video');
  const rows = app.page.getByTestId('asset-row');
  assert.equal(await rows.count(), 1);
  assert.deepEqual(
    await rows.first().locator('td').evaluateAll((cells) => cells.slice(2, 9).map((c) => c.textContent)),
    [ASSET, 'Service', '—', '—', '4', '2', '3'],
  );
});

test('a risk on the new asset: impact suggested by its valuation, two controls lower the residual', async () => {
  await nav('Risks').click();
  await app.page.getByTestId('new-risk').click();
  await app.page.getByTestId('risk-form').waitFor();

  await app.page.getByTestId('save-risk').click();
  assert.equal(await app.page.locator('#risk-title-error').textContent(), 'Give the risk a short title.');
  assert.match(app.page.url(), /\/risks\/new$/);

  await app.page.getByTestId('risk-title').fill(RISK);
  await app.page.getByTestId('asset-picker-filter').fill('telehealth video');
  await app.page.getByTestId('asset-picker').getByLabel(new RegExp(ASSET)).check();
  await app.page.getByTestId('risk-likelihood').selectOption('5');
  // Confidentiality is the affected property: the asset values it 4.
  assert.match(await app.page.getByTestId('impact-suggestion').textContent(), /Suggested by the assets' valuation: 4 /);
  await app.page.getByTestId('accept-impact-suggestion').click();
  assert.equal(await app.page.getByTestId('risk-impact').inputValue(), '4');

  const inherent = await rating('live-inherent');
  assert.deepEqual([inherent.likelihood, inherent.impact], [5, 4]);
  const before = await rating('live-current');
  assert.equal(before.likelihood, 5, 'no control yet, so no reduction');

  for (const query of ['malware', 'access control']) {
    await app.page.getByTestId('control-search').fill(query);
    await app.page.getByTestId('control-results').locator('button').first().click();
  }
  assert.equal(await app.page.getByTestId('linked-control').count(), 2);
  assert.equal(await app.page.getByTestId('breakdown-control').count(), 2);
  const after = await rating('live-current');
  assert.ok(after.likelihood < 5, `implemented preventive controls lower the likelihood: ${after.text}`);
  assert.notEqual(
    await app.page.getByTestId('live-current').locator('.level-badge').textContent(),
    await app.page.getByTestId('live-inherent').locator('.level-badge').textContent(),
  );

  await app.page.getByTestId('save-risk').click();
  await app.page.waitForURL(/\/risk\/R-0061$/);
  await app.page.getByTestId('risk-editor-title').filter({ hasText: 'Risk R-0061' }).waitFor();
  assert.equal(await app.page.getByTestId('linked-control').count(), 2);

  await nav('Risks').click();
  await app.page.getByTestId('risk-search').fill('eavesdropping on video');
  const rows = app.page.getByTestId('risk-row');
  await app.page.getByTestId('risk-count').filter({ hasText: '1 of 61 risks' }).waitFor();
  assert.equal(await rows.count(), 1);
  assert.equal(await rows.first().getAttribute('data-id'), 'R-0061');
  assert.equal(
    await rows.first().locator('[data-column="current"] .level-badge').textContent(),
    await app.page.locator('[data-column="current"] .level-badge').first().textContent(),
  );
  assert.notEqual(
    await rows.first().locator('[data-column="current"] .level-badge').textContent(),
    await rows.first().locator('[data-column="inherent"] .level-badge').textContent(),
  );
});

test('the register renders only the rows in view, sorts by column and filters', async () => {
  await app.page.getByTestId('risk-search').fill('');
  await app.page.getByTestId('risk-count').filter({ hasText: '61 of 61 risks' }).waitFor();
  const rows = app.page.getByTestId('risk-row');
  const ids = () => rows.evaluateAll((list) => list.map((r) => r.dataset.id));
  assert.ok((await rows.count()) < 61, 'rows out of view are not in the page');

  const idHeader = app.page.locator('[data-testid="risk-table"] thead th[data-key="id"]');
  await idHeader.locator('button').click();
  assert.equal(await idHeader.getAttribute('aria-sort'), 'ascending');
  assert.deepEqual((await ids()).slice(0, 3), ['R-0001', 'R-0002', 'R-0003']);
  await idHeader.locator('button').click();
  assert.equal(await idHeader.getAttribute('aria-sort'), 'descending');
  assert.equal((await ids())[0], 'R-0061');

  // Scrolling to the end brings the last rows in.
  const last = app.page.locator('[data-testid="risk-row"][data-id="R-0001"]');
  assert.equal(await last.count(), 0);
  await app.page.getByTestId('risks-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await last.waitFor();

  await app.page.getByTestId('risk-decision-filter').selectOption('accept');
  const accepted = await rows.count();
  assert.ok(accepted > 0 && accepted < 61);
  const decisions = await rows.evaluateAll((list) => list.map((r) => r.querySelector('[data-column="decision"]').textContent));
  assert.ok(decisions.every((d) => d === 'Accept'), decisions.join());

  await app.page.getByTestId('risk-decision-filter').selectOption('');
  await app.page.getByTestId('risk-appetite-filter').check();
  const count = await app.page.getByTestId('risk-count').textContent();
  const [shown] = count.split(' ');
  assert.ok(Number(shown) > 0 && Number(shown) < 61, count);
  assert.equal(await rows.locator('[data-column="current"] .cell-mark').count(), await rows.count());
  await app.page.getByTestId('risk-appetite-filter').uncheck();

  // Double-clicking a row opens its editor.
  await app.page.getByTestId('risk-search').fill('eavesdropping on video');
  await rows.first().locator('td[data-column="title"]').dblclick();
  await app.page.waitForURL(/\/risk\/R-0061$/);
});

test('deleting an asset used by a risk says how many, and removes the reference', async () => {
  await nav('Assets').click();
  await app.page.getByTestId('asset-search').fill('telehealth video');
  await app.page.getByRole('button', { name: `Actions for ${ASSET}` }).click();
  await app.page.getByRole('button', { name: `Delete ${ASSET}` }).click();
  const dialog = app.page.getByRole('alertdialog');
  assert.match(await dialog.textContent(), /1 risk refers to/);

  // Cancel keeps everything.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await app.page.getByTestId('asset-row').count(), 1);

  await app.page.getByRole('button', { name: `Actions for ${ASSET}` }).click();
  await app.page.getByRole('button', { name: `Delete ${ASSET}` }).click();
  await dialog.getByRole('button', { name: 'Delete and remove from 1 risk' }).click();
  await app.page.getByTestId('asset-row').first().waitFor({ state: 'detached' });
  await app.page.getByTestId('asset-search').fill('');
  assert.equal(await app.page.getByTestId('asset-count').textContent(), '41 of 41 assets');

  // The risk stays, without the asset: no valuation suggests its impact now.
  await app.page.evaluate(() => { location.hash = location.hash.replace(/\/assets$/, '/risk/R-0061'); });
  await app.page.getByTestId('risk-form').waitFor();
  assert.match(await app.page.getByTestId('impact-suggestion').textContent(), /no asset valuation applies/);
  assert.equal(await app.page.getByTestId('risk-title').inputValue(), RISK);
  assert.deepEqual(app.consoleErrors, []);
});

test('a residual override needs a justification, wins over the arithmetic and is kept', async () => {
  // Still on the editor of R-0061 after the previous test.
  const computed = await rating('live-current');
  await app.page.getByTestId('override-toggle').check();
  await app.page.getByTestId('override-likelihood').selectOption('1');
  await app.page.getByTestId('override-impact').selectOption('2');
  const overridden = await rating('live-current');
  assert.deepEqual([overridden.likelihood, overridden.impact], [1, 2], `was ${computed.text}`);

  await app.page.getByTestId('save-risk').click();
  assert.equal(await app.page.locator('#override-justification-error').textContent(), 'Say why the computed residual does not apply.');
  assert.equal(await app.page.getByTestId('override-justification').getAttribute('aria-invalid'), 'true');

  await app.page.getByTestId('override-justification').fill('Calls run only on the isolated clinical network.');
  await app.page.getByTestId('save-risk').click();
  await app.page.getByText('Risk R-0061 saved.').waitFor();
  await app.page.reload();
  await app.page.getByTestId('risk-form').waitFor();
  assert.equal(await app.page.getByTestId('override-toggle').isChecked(), true);
  assert.equal(await app.page.getByTestId('override-justification').inputValue(), 'Calls run only on the isolated clinical network.');
  const kept = await rating('live-current');
  assert.deepEqual([kept.likelihood, kept.impact], [1, 2]);
  assert.match(await app.page.getByTestId('residual-breakdown').textContent(), /override/i);
});

test('deleting a risk asks first and takes it out of the register', async () => {
  await app.page.getByTestId('delete-risk').click();
  const dialog = app.page.getByRole('alertdialog');
  assert.match(await dialog.textContent(), /Delete risk R-0061\?/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await dialog.count(), 0);

  await app.page.getByTestId('delete-risk').click();
  await dialog.getByRole('button', { name: 'Delete risk' }).click();
  await app.page.waitForURL(/\/risks$/);
  await app.page.getByTestId('risk-count').filter({ hasText: '60 of 60 risks' }).waitFor();
  await app.page.reload();
  await app.page.getByTestId('risk-count').filter({ hasText: '60 of 60 risks' }).waitFor();
  assert.equal(await app.page.locator('[data-testid="risk-row"][data-id="R-0061"]').count(), 0);
  assert.deepEqual(app.consoleErrors, []);
});

test('deleting a risk named by plan actions says so and unlinks them', async () => {
  // R-0001 of the demo organisation is named by at least one action.
  await app.page.evaluate(() => { location.hash = location.hash.replace(/\/risks$/, '/risk/R-0001'); });
  await app.page.getByTestId('risk-form').waitFor();
  await app.page.getByTestId('delete-risk').click();
  const dialog = app.page.getByRole('alertdialog');
  assert.match(await dialog.textContent(), /actions? of the plan will no longer name it/);
  await dialog.getByRole('button', { name: 'Delete risk' }).click();
  await app.page.getByTestId('risk-count').filter({ hasText: '59 of 59 risks' }).waitFor();
  await nav('Checks').click();
  await app.page.getByTestId('findings-total').waitFor();
  // Not as part of another id (MR-0001 is a management review).
  assert.doesNotMatch(await app.page.locator('main').textContent(), /(?<![A-Z])R-0001\b/);
  assert.deepEqual(app.consoleErrors, []);
});
