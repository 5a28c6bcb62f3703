// The printable reports on the demo organisation: what each shows on screen,
// then the same page printed to an A4 PDF by Chromium (as "Save as PDF"
// does), its text read back with pdf.js: the app's menus are left out, the
// table headings repeat on every page and the summary fits on one page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { navLink, openApp } from './browser.mjs';

const ORGANISATION = 'Larkmoor Health Technologies (demo)';

let app;
let workspace;
before(async () => {
  app = await openApp();
  workspace = await app.loadDemo();
});
after(async () => {
  await app?.close();
});

const report = (kind) => `#/workspace/${encodeURIComponent(workspace)}/reports${kind ? `/${kind}` : ''}`;
const text = async (locator) => (await locator.textContent()).trim();
/** Text as read: ligatures (the PDF's ﬁ) as letters, spaces of every kind (digit groups use U+202F) as one space. */
const plain = (s) => s.normalize('NFKC').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** Opens report `kind` and waits for its first row or figure. */
async function open(kind, ready) {
  await app.goto(report(kind));
  await app.page.locator(ready).first().waitFor();
}

/** Prints the page to an A4 PDF and returns the text of each page. */
async function printedPages() {
  const pdf = await app.page.pdf({ format: 'A4', printBackground: true });
  const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false }).promise;
  const pages = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    // Runs split words ("fi" "gures"); a line end is marked on the run before it.
    pages.push(plain(content.items.map((item) => (item.str ?? '') + (item.hasEOL ? ' ' : '')).join('')));
  }
  await document.destroy();
  return pages;
}

/** The report header: organisation, today's date, schema version. */
async function checkHeader() {
  assert.equal(await text(app.page.getByTestId('report-organisation')), ORGANISATION);
  assert.equal(await text(app.page.getByTestId('report-date')), new Date().toISOString().slice(0, 10));
  assert.match(await text(app.page.getByTestId('report-schema')), /^schema version \d+$/);
}

/** What every printed report has, and what none has (the app's menus, the print button). */
function checkPrintedHeader(pages) {
  const all = pages.join('\n');
  assert.ok(pages[0].includes(ORGANISATION), 'organisation on page 1');
  assert.match(pages[0], /schema version \d+/);
  assert.ok(pages[0].includes(new Date().toISOString().slice(0, 10)), 'date on page 1');
  assert.ok(!all.includes('ISMS Workbench'), 'the app header is not printed');
  assert.ok(!all.includes('Print or save as PDF'), 'the print button is not printed');
  assert.ok(!all.includes('All reports'), 'the back link is not printed');
  pages.forEach((page, i) => assert.ok(page.includes(`Page ${i + 1} of ${pages.length}`), `page number on page ${i + 1}`));
}

test('reports: a nav link after the ISMS cycle group leads to the list of the eight reports', async () => {
  const links = app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { includeHidden: true });
  const names = (await links.allTextContents()).map((n) => n.trim());
  assert.equal(names.indexOf('Reports'), names.indexOf('Reviews') + 1, names.join(', '));
  await navLink(app.page, 'Reports').click();
  await app.page.getByTestId('report-list').waitFor();
  assert.equal(app.page.url().split('#')[1], report('').slice(1));
  const items = app.page.getByTestId('report-link');
  assert.deepEqual(await items.evaluateAll((li) => li.map((l) => l.dataset.kind)), ['soa', 'risks', 'plan', 'summary', 'clauses', 'audits', 'nonconformities', 'review-pack']);
  assert.match(await text(app.page.getByTestId('print-hint')), /A4/);
  await items.filter({ hasText: 'Risk register' }).getByRole('link').click();
  await app.page.getByTestId('risk-report-row').first().waitFor();
  assert.ok(app.page.url().endsWith('/reports/risks'));
  assert.equal(
    await navLink(app.page, 'Reports').getAttribute('aria-current'),
    'page',
  );
});

test('reports: the print button opens the browser print dialog', async () => {
  await open('summary', '[data-testid="summary-figures"]');
  // Stand-in for the dialog, which a headless browser cannot show.
  await app.page.evaluate(() => {
    window.printed = 0;
    window.print = () => { window.printed += 1; };
  });
  await app.page.getByTestId('print-report').click();
  assert.equal(await app.page.evaluate(() => window.printed), 1);
});

test('SoA report: all 93 controls by theme; printed, the column headings repeat on every page', async () => {
  await open('soa', '[data-testid="soa-report-row"]');
  await checkHeader();
  assert.equal(await app.page.getByTestId('soa-report-row').count(), 93);
  const first = app.page.locator('[data-testid="soa-report-row"][data-control="A.5.1"]');
  assert.match(await text(first), /Policies for information security/);
  assert.match(await text(app.page.getByTestId('soa-report-figures')), /^93 controls: \d+ applicable, \d+ excluded/);
  // An excluded control is not being implemented: no status, no target date.
  const excluded = app.page.locator('[data-testid="soa-report-row"]', { has: app.page.locator('.pill-excluded') });
  assert.ok((await excluded.count()) >= 1, 'the demo excludes some controls');
  for (const row of await excluded.all()) {
    const cells = await row.locator('td').allTextContents();
    assert.deepEqual([cells[3], cells[6]], ['\u2014', '\u2014'], `implementation and target of ${cells[0]}`);
  }

  const pages = await printedPages();
  checkPrintedHeader(pages);
  assert.ok(pages.length > 1, `the SoA takes several pages (${pages.length})`);
  pages.forEach((page, i) => assert.ok(page.includes('Target date'), `column headings on page ${i + 1}`));
  const all = pages.join(' ');
  for (const expected of ['A.5.1', 'Policies for information security', 'A.8.34', 'Technological controls', 'Excluded']) {
    assert.ok(all.includes(expected), `PDF has ${expected}`);
  }
  console.log(`SoA report: ${pages.length} A4 pages`);
});

test('risk register report: 60 risks with levels; printed with repeating headings', async () => {
  await open('risks', '[data-testid="risk-report-row"]');
  await checkHeader();
  const rows = app.page.getByTestId('risk-report-row');
  assert.equal(await rows.count(), 60);
  // Three level badges per risk: inherent, current and planned.
  assert.equal(await rows.first().locator('.level-badge').count(), 3);
  assert.match(await text(rows.first().locator('.level-cell').first()), /\d×\d/);
  const above = Number((await text(app.page.getByTestId('risk-report-figures'))).match(/(\d+) above the risk appetite now/)[1]);
  assert.equal(await rows.locator('.above-appetite.above').filter({ hasText: /^Now/ }).count(), above);

  const pages = await printedPages();
  checkPrintedHeader(pages);
  assert.ok(pages.length > 1, `the register takes several pages (${pages.length})`);
  pages.forEach((page, i) => assert.ok(page.includes('Planned residual'), `column headings on page ${i + 1}`));
  const all = pages.join(' ');
  for (const expected of ['R-0001', 'R-0060', 'Mitigate']) {
    assert.ok(all.includes(expected), `PDF has ${expected}`);
  }
  console.log(`risk register report: ${pages.length} A4 pages`);
});

test('treatment plan report: the totals are the sums of the rows; overdue actions marked', async () => {
  await open('plan', '[data-testid="plan-report-row"]');
  await checkHeader();
  const rows = app.page.getByTestId('plan-report-row');
  const values = await rows.evaluateAll((trs) => trs.map((tr) => ({
    oneOff: Number(tr.querySelector('[data-testid="one-off"]').dataset.value),
    yearly: Number(tr.querySelector('[data-testid="yearly"]').dataset.value),
    status: tr.children[3].textContent.trim(),
    overdue: tr.classList.contains('overdue'),
    marked: tr.querySelector('[data-testid="overdue"]') !== null,
  })));
  assert.ok(values.length > 0);
  const sum = (list, key) => list.reduce((total, v) => total + v[key], 0);
  const value = async (id) => Number(await app.page.getByTestId(id).getAttribute('data-value'));
  assert.equal(await value('total-one-off'), sum(values, 'oneOff'));
  assert.equal(await value('total-yearly'), sum(values, 'yearly'));
  const stillOpen = values.filter((v) => v.status !== 'Done' && v.status !== 'Cancelled');
  assert.equal(await value('open-one-off'), sum(stillOpen, 'oneOff'));
  assert.equal(await value('open-yearly'), sum(stillOpen, 'yearly'));
  assert.ok(sum(values, 'oneOff') > 0);
  for (const v of values) assert.equal(v.marked, v.overdue);
  assert.ok(values.some((v) => v.overdue), 'the demo has overdue actions');
  // The totals as printed: digits grouped by thousands.
  const total = plain(await text(app.page.getByTestId('total-one-off')));
  assert.equal(total.replace(/ /g, ''), String(sum(values, 'oneOff')));

  const pages = await printedPages();
  checkPrintedHeader(pages);
  const all = pages.join(' ');
  assert.ok(all.includes(`Total of all ${values.length} actions`), 'totals printed');
  assert.ok(all.includes(total), `PDF has the one-off total ${total}`);
  assert.ok(all.includes('ACT-0001'), 'PDF has the first action');
  assert.ok(all.includes('overdue'), 'PDF marks overdue actions');
  // Totals print once, at the end, not at the foot of every page.
  assert.equal(all.split('Total of all').length - 1, 1);
  console.log(`treatment plan report: ${pages.length} A4 pages`);
});

test('management summary: key figures, two heat maps, levels and findings on exactly one A4 page', async () => {
  await open('summary', '[data-testid="summary-figures"]');
  await checkHeader();
  assert.equal(await app.page.getByTestId('summary-figures').locator('.key-figure').count(), 10);
  assert.equal(await text(app.page.getByTestId('figure-risks').locator('.number')), '60');
  for (const chart of ['summary-heat-inherent', 'summary-heat-current', 'summary-levels']) {
    assert.equal(await app.page.getByTestId(chart).locator('svg').count(), 1, chart);
  }
  // The heat maps count the same open risks.
  const cells = (id) => app.page.getByTestId(id).locator('td').evaluateAll((tds) => tds.reduce((t, td) => t + Number(td.textContent), 0));
  assert.equal(await cells('summary-heat-inherent'), await cells('summary-heat-current'));
  assert.equal(await app.page.getByTestId('summary-findings').locator('li').count(), 5);

  const pages = await printedPages();
  checkPrintedHeader(pages);
  assert.equal(pages.length, 1, 'the summary fits one A4 page');
  for (const expected of ['Key figures', 'above appetite now', 'certification readiness', 'Consistency checks', 'Impact', 'Likelihood']) {
    assert.ok(pages[0].includes(expected), `PDF has ${expected}`);
  }
});

test('clause readiness report: the 30 requirements with the readiness figure; printed and read back', async () => {
  await open('clauses', '[data-testid="clause-report-row"]');
  await checkHeader();
  const rows = app.page.getByTestId('clause-report-row');
  assert.equal(await rows.count(), 30);
  const figure = await text(app.page.getByTestId('readiness-figure'));
  assert.match(figure, /^\d+ %$/);
  const gaps = Number((await text(app.page.getByTestId('clause-gaps'))).match(/^(\d+) of 30/)[1]);
  assert.equal(await app.page.locator('[data-testid="clause-report-row"].overdue').count(), gaps);
  assert.match(await text(app.page.locator('[data-testid="clause-report-row"][data-id="6.1.2"]')), /^6\.1\.2/);

  const pages = await printedPages();
  checkPrintedHeader(pages);
  const all = pages.join(' ');
  for (const expected of ['Clause readiness (gap analysis)', 'Certification readiness', figure, `${gaps} of 30 requirements`, '4.1', '6.1.2', '10.2', 'Evidence']) {
    assert.ok(all.includes(expected), `PDF has ${expected}`);
  }
  console.log(`clause readiness report: ${pages.length} A4 pages`);
});

test('internal audit report: the programme and the findings by class; printed and read back', async () => {
  await open('audits', '[data-testid="finding-report-row"]');
  await checkHeader();
  assert.equal(await app.page.getByTestId('audit-report-row').count(), 1);
  assert.equal(await app.page.getByTestId('finding-report-row').count(), 4);
  assert.match(await text(app.page.getByTestId('finding-counts')), /1 minor nonconformity, .*2 observation/);
  const raised = app.page.locator('[data-testid="finding-report-row"][data-id="FND-0001"]');
  assert.match(await text(raised), /NC-0001 \(Closed\)/);

  const pages = await printedPages();
  checkPrintedHeader(pages);
  const all = pages.join(' ');
  for (const expected of ['Internal audit report', 'Audit programme', 'AUD-0001', 'Findings by class', 'Minor nonconformity', 'Opportunity for improvement', 'FND-0001', 'FND-0004', 'NC-0001 (Closed)']) {
    assert.ok(all.includes(expected), `PDF has ${expected}`);
  }
});

test('nonconformity register report: every nonconformity with source, actions and effectiveness; printed and read back', async () => {
  await open('nonconformities', '[data-testid="nc-report-row"]');
  await checkHeader();
  assert.equal(await app.page.getByTestId('nc-report-row').count(), 2);
  assert.match(await text(app.page.getByTestId('nc-report-counts')), /^1 open \(\d overdue, marked\), 1 closed\.$/);
  assert.match(await text(app.page.locator('[data-testid="nc-report-row"][data-id="NC-0001"]')), /finding FND-0001.*effective/);
  assert.match(await text(app.page.locator('[data-testid="nc-report-row"][data-id="NC-0002"]')), /incident INC-0002/);

  const pages = await printedPages();
  checkPrintedHeader(pages);
  const all = pages.join(' ');
  for (const expected of ['Nonconformity register', 'NC-0001', 'NC-0002', 'finding FND-0001', 'incident INC-0002', 'Corrective actions', 'Root cause:', '2 of 2 done', 'Closed, effective']) {
    assert.ok(all.includes(expected), `PDF has ${expected}`);
  }
});

test('reports: no console errors and no request outside the static origin', () => {
  assert.deepEqual(app.consoleErrors, []);
  const foreign = app.requests.filter((url) => !url.startsWith(app.server.origin + '/isms/') && !url.startsWith('data:'));
  assert.deepEqual(foreign, []);
});
