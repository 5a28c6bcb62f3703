// The forms of the ISMS-cycle registers on the demo organisation: create,
// edit and delete a document (with its approver, approval date and the
// clauses and controls it supports), an objective with a measurement and its
// trend, an incident (and applying a likelihood suggestion, which the
// incident records), a management review; deleting an audit finding, an
// audit and a nonconformity, each after a confirmation that says what goes
// along; the review pack's "as of" day.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, openRecord } from './browser.mjs';

let app;
let ws;
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
const today = new Date().toISOString().slice(0, 10);

/** Ticks the option `key` of the multi-select `id`, typing it into its search first. */
async function choose(id, key, label) {
  await page().getByTestId(`${id}-filter`).fill(key);
  await page().getByTestId(id).getByRole('checkbox', { name: label }).check();
  await page().getByTestId(`${id}-filter`).fill('');
}

/** Clicks `button` (a Delete), checks the dialog's words, cancels once, then confirms. */
/** A row menu's entry as a button: opens the row's "⋯" menu, then clicks it. */
function menuItem(row, name) {
  return {
    click: async () => {
      await row.getByTestId('row-menu').click();
      await row.getByRole('button', { name }).click();
    },
  };
}

async function deleteWith(button, title, message) {
  await button.click();
  const dialog = page().getByRole('alertdialog');
  assert.equal(await text(dialog.locator('#confirm-title')), title);
  const said = await text(dialog.locator('#confirm-message'));
  assert.match(said, message);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  await button.click();
  await page().getByRole('alertdialog').getByTestId('confirm').click();
  await page().getByRole('alertdialog').waitFor({ state: 'detached' });
  return said;
}

test('documents: a new document with approver, approval date, clauses and controls; edited; deleted after confirmation', async () => {
  await app.goto(route('documents'));
  await page().getByTestId('document-row').first().waitFor();
  const before = await page().getByTestId('document-row').count();
  await page().getByTestId('new-document').click();
  await page().getByTestId('document-title').fill('Supplier security standard');
  await page().getByTestId('document-kind').selectOption('standard');
  await page().getByTestId('document-version').fill('1.0');
  await page().getByTestId('document-approver').selectOption({ index: 1 });
  await page().getByTestId('document-approved-on').fill('2026-02-01');
  await page().getByTestId('document-interval').fill('12');
  await choose('document-clauses', '8.1', /^8\.1 /);
  await choose('document-controls', 'A.5.19', /^A\.5\.19 /);
  await choose('document-controls', 'A.5.20', /^A\.5\.20 /);
  await page().getByTestId('save-document').click();
  await page().getByTestId('document-form').waitFor({ state: 'detached' });
  const row = page().getByTestId('document-row').filter({ hasText: 'Supplier security standard' });
  await row.waitFor();
  assert.equal(await page().getByTestId('document-row').count(), before + 1);
  const id = await row.getAttribute('data-id');
  assert.match(id, /^DOC-\d{4}$/);
  assert.match(await text(row), /clause 8\.1, A\.5\.19, A\.5\.20/, 'the Supports column');
  assert.match(await text(row), /2026-02-01/);
  assert.match(await text(row), /2027-02-01/, 'next review: approval plus 12 months');

  // A date that is not one is refused with a message; nothing is saved.
  await row.getByTestId('row-menu').click();
  await row.getByRole('button', { name: `Edit ${id}` }).click();
  assert.equal(await page().getByTestId('document-approver').inputValue() !== '', true, 'the approver comes back');
  await page().getByTestId('document-next-review').fill('2026-13-45');
  await page().getByTestId('save-document').click();
  assert.match(await text(page().getByTestId('document-form')), /is not a date of the form YYYY-MM-DD/);
  await page().getByTestId('document-next-review').fill('2026-09-30');
  await page().getByTestId('document-version').fill('1.1');
  await page().getByTestId('save-document').click();
  await page().getByTestId('document-form').waitFor({ state: 'detached' });
  const edited = page().locator(`[data-testid="document-row"][data-id="${id}"]`);
  await edited.filter({ hasText: '1.1' }).waitFor();
  assert.match(await text(edited), /2026-09-30/);

  await deleteWith(menuItem(edited, `Delete ${id}`), `Delete document ${id}?`, /^Deleting cannot be undone/);
  await edited.waitFor({ state: 'detached' });
  assert.equal(await page().getByTestId('document-row').count(), before);
});

test('objectives: a new objective, a measurement and its trend; a measurement and the objective deleted', async () => {
  await app.goto(route('objectives'));
  await page().getByTestId('objective-row').first().waitFor();
  await page().getByTestId('new-objective').click();
  await page().getByTestId('objective-title').fill('Critical patches applied quickly');
  await page().getByTestId('objective-indicator').fill('median days to patch');
  await page().getByTestId('objective-unit').fill('days');
  await page().getByTestId('objective-direction').selectOption('at_most');
  await page().getByTestId('objective-target').fill('14');
  await page().getByTestId('save-objective').click();
  const row = page().getByTestId('objective-row').filter({ hasText: 'Critical patches applied quickly' });
  await row.waitFor();
  const id = await row.getAttribute('data-id');
  await openRecord(page(), 'objective-row', id);
  const card = page().locator(`[data-testid="objective-card"][data-id="${id}"]`);
  await card.waitFor();
  assert.equal(await text(card.getByTestId('objective-standing')), 'not measured yet');
  assert.equal(await card.getByTestId('objective-trend').locator('circle').count(), 0);

  for (const [date, value] of [['2026-01-31', '21'], ['2026-02-28', '12']]) {
    await card.getByTestId('record-measurement').click();
    await page().getByTestId('measurement-date').fill(date);
    await page().getByTestId('measurement-value').fill(value);
    await page().getByTestId('save-measurement').click();
    await page().getByTestId('measurement-form').waitFor({ state: 'detached' });
  }
  const fresh = page().locator(`[data-testid="objective-card"][data-id="${id}"]`);
  await fresh.getByTestId('objective-trend').locator('circle').nth(1).waitFor();
  assert.equal(await fresh.getByTestId('objective-trend').locator('circle').count(), 2);
  assert.match(await fresh.getByTestId('objective-trend').locator('svg').innerHTML(), /target 14 days/);
  assert.equal(await text(fresh.getByTestId('objective-standing')), 'on target');

  // Deleting the latest measurement: the objective goes back off target.
  await fresh.getByText('Figures as a table').click();
  const latest = fresh.getByTestId('measurement-row').filter({ hasText: '2026-02-28' });
  await deleteWith(latest.getByTestId('delete-record'), `Delete the measurement of ${id} on 2026-02-28?`, /^Deleting cannot be undone/);
  await page().locator(`[data-testid="objective-card"][data-id="${id}"]`).getByText('not on target').waitFor();
  assert.equal(await page().locator(`[data-testid="objective-card"][data-id="${id}"]`).getByTestId('objective-trend').locator('circle').count(), 1);

  const said = await deleteWith(
    page().locator(`[data-testid="objective-card"][data-id="${id}"]`).getByRole('button', { name: `Delete objective ${id}` }),
    `Delete objective ${id}?`,
    /^Its 1 measurement goes with it\./,
  );
  assert.ok(said.endsWith('Deleting cannot be undone (except from a snapshot).'));
  await page().locator(`[data-testid="objective-card"][data-id="${id}"]`).waitFor({ state: 'detached' });
  assert.equal(await page().getByTestId('objective-row').count(), 3);
});

test('incidents: a likelihood suggestion is applied on request and recorded; an incident created, edited and deleted', async () => {
  await app.goto(route('incidents'));
  await openRecord(page(), 'incident-row', 'INC-0003');
  const card = page().locator('[data-testid="incident-card"][data-id="INC-0003"]');
  await card.waitFor();
  await card.getByText(/^Risks to look at again/).click();
  const apply = card.getByRole('button', { name: /for R-0018$/ });
  const label = await apply.getAttribute('aria-label');
  const to = Number(label.match(/to (\d+) for/)[1]);
  await apply.click();
  const changes = card.getByTestId('likelihood-changes');
  await changes.waitFor();
  assert.equal(await text(changes), `Likelihood raised after this incident: R-0018 from ${to - 1} to ${to} on ${today}`);
  assert.equal(await card.getByRole('button', { name: /for R-0018$/ }).count(), 0, 'not offered again');
  assert.match(await text(page().getByTestId('notice-banner')), new RegExp(`likelihood of R-0018 is now ${to} \\(was ${to - 1}\\)`));

  await page().getByTestId('new-incident').click();
  await page().getByTestId('incident-title').fill('Laptop left on a train');
  await page().getByTestId('incident-occurred').fill('2026-03-03');
  await page().getByTestId('incident-severity').selectOption('medium');
  await page().getByTestId('save-incident').click();
  const mine = page().getByTestId('incident-row').filter({ hasText: 'Laptop left on a train' });
  await mine.waitFor();
  const id = await mine.getAttribute('data-id');
  assert.equal(id, 'INC-0004');
  await menuItem(mine, `Edit ${id}`).click();
  await page().getByTestId('incident-status').selectOption('closed');
  await page().getByTestId('incident-lessons').fill('Encrypt every laptop; remind staff.');
  await page().getByTestId('save-incident').click();
  await page().getByTestId('incident-form').waitFor({ state: 'detached' });
  await openRecord(page(), 'incident-row', id);
  const edited = page().locator(`[data-testid="incident-card"][data-id="${id}"]`);
  await edited.getByText('Lessons learned: Encrypt every laptop; remind staff.').waitFor();
  await deleteWith(edited.getByTestId('delete-record'), `Delete incident ${id}?`, /^Deleting cannot be undone/);
  await edited.waitFor({ state: 'detached' });

  // INC-0002 raised NC-0002: deleting the incident keeps it, recorded by hand.
  await openRecord(page(), 'incident-row', 'INC-0002');
  const second = page().locator('[data-testid="incident-card"][data-id="INC-0002"]');
  await deleteWith(second.getByTestId('delete-record'), 'Delete incident INC-0002?', /^The 1 nonconformity raised from it stays, as recorded by hand\./);
  await second.waitFor({ state: 'detached' });
  await app.goto(route('nonconformities'));
  await openRecord(page(), 'nc-row', 'NC-0002');
  const nc = page().locator('[data-testid="nc-card"][data-id="NC-0002"]');
  await nc.waitFor();
  assert.match(await text(nc), /from recorded by hand/);
});

test('management reviews: a review created, edited and deleted', async () => {
  await app.goto(route('reviews'));
  await page().getByTestId('review-row').first().waitFor();
  await page().getByTestId('new-review').click();
  await page().getByTestId('mr-title').fill('Extraordinary review after the phishing incident');
  await page().getByTestId('mr-date').fill('2026-11-02');
  await page().getByTestId('mr-decisions').fill('Run a phishing exercise each quarter');
  await page().getByTestId('save-management-review').click();
  const row = page().getByTestId('review-row').filter({ hasText: 'Extraordinary review' });
  await row.waitFor();
  const id = await row.getAttribute('data-id');
  assert.equal(id, 'MR-0002');
  await openRecord(page(), 'review-row', id);
  const card = page().locator(`[data-testid="review-card"][data-id="${id}"]`);
  assert.match(await text(card), /Run a phishing exercise each quarter/);
  await card.getByRole('button', { name: `Edit ${id}` }).click();
  await page().getByTestId('mr-title').fill('Extraordinary review, phishing');
  await page().getByTestId('save-management-review').click();
  const edited = page().locator(`[data-testid="review-card"][data-id="${id}"]`);
  await edited.getByText('Extraordinary review, phishing').waitFor();
  await deleteWith(edited.getByTestId('delete-record'), `Delete management review ${id}?`, /^Deleting cannot be undone/);
  await edited.waitFor({ state: 'detached' });
  assert.equal(await page().getByTestId('review-row').count(), 1);
});

test('the review pack covers the period up to the day picked; a day that is not one is said so', async () => {
  await app.goto(route('reports/review-pack'));
  const period = page().getByTestId('pack-period');
  await period.waitFor();
  assert.match(await text(period), new RegExp(`since the previous review, MR-0001 of \\d{4}-\\d{2}-\\d{2}, up to ${today}\\.$`));
  const field = page().getByTestId('pack-as-of');
  assert.equal(await field.inputValue(), today);
  await field.fill('2025-01-15');
  await page().getByText('No earlier management review: covers everything recorded up to 2025-01-15.').waitFor();
  await field.fill('2025-02-30');
  await page().getByText(/"2025-02-30" is not a date of the form YYYY-MM-DD/).waitFor();
  assert.equal(await text(period), 'No earlier management review: covers everything recorded up to 2025-01-15.', 'the last valid day stays');
});

test('audits: a finding and then the audit deleted; the nonconformity raised from it stays, by hand', async () => {
  await app.goto(route('audits'));
  await openRecord(page(), 'audit-row', 'AUD-0001');
  const audit = page().locator('[data-testid="audit-card"][data-id="AUD-0001"]');
  await audit.waitFor();
  const finding = audit.locator('[data-testid="finding-row"][data-id="FND-0004"]');
  await deleteWith(finding.getByTestId('delete-record'), 'Delete finding FND-0004?', /^Deleting cannot be undone/);
  await finding.waitFor({ state: 'detached' });
  assert.equal(await audit.getByTestId('finding-row').count(), 3);
  await deleteWith(
    audit.getByRole('button', { name: 'Delete audit AUD-0001' }),
    'Delete audit AUD-0001?',
    /^Its 3 findings go with it\. The 1 nonconformity raised from it stays, as recorded by hand\./,
  );
  await page().getByTestId('audits-empty').waitFor();

  await app.goto(route('nonconformities'));
  await page().getByTestId('show-closed').check();
  await openRecord(page(), 'nc-row', 'NC-0001');
  const nc = page().locator('[data-testid="nc-card"][data-id="NC-0001"]');
  await nc.waitFor();
  assert.match(await text(nc), /from recorded by hand/);
  await deleteWith(nc.getByTestId('delete-record'), 'Delete nonconformity NC-0001?', /^Its 2 corrective actions go with it\. Deleting/);
  await nc.waitFor({ state: 'detached' });
  // NC-0002's open corrective action is tied to a treatment-plan action, which stays.
  await openRecord(page(), 'nc-row', 'NC-0002');
  const second = page().locator('[data-testid="nc-card"][data-id="NC-0002"]');
  await deleteWith(second.getByTestId('delete-record'), 'Delete nonconformity NC-0002?',
    /^Its 2 corrective actions go with it\. The 1 treatment-plan action they link to stays in the treatment plan\./);
  await second.waitFor({ state: 'detached' });
  await app.goto(route('plan'));
  await page().locator('[data-testid="action-row"][data-id="ACT-0002"]').waitFor();
});

test('cycle forms: no console errors and no request outside the static origin', () => {
  assert.deepEqual(app.consoleErrors, []);
  const foreign = app.requests.filter((url) => !url.startsWith(app.server.origin + '/isms/') && !url.startsWith('data:'));
  assert.deepEqual(foreign, []);
});
