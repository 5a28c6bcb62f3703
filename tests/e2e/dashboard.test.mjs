// The dashboard on the demo organisation's home page: the charts are plotters SVG with
// their figures as tables, a heat-map cell lists its risks (by mouse on the
// chart and by keyboard in the table), and the charts follow an edit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { navLink, openApp } from './browser.mjs';

let app;
before(async () => {
  app = await openApp();
  await app.loadDemo();
});
after(async () => {
  await app?.close();
});

const nav = (name) => navLink(app.page, name);
/** The workspace's home page (with the dashboard): its name in the header. */
const home = async () => {
  const link = app.page.getByTestId('nav-open-workspace');
  // On a phone it sits behind the menu button.
  if (!(await link.isVisible())) await app.page.getByTestId('menu-toggle').click();
  await link.click();
  await app.page.getByTestId('dashboard-figures').waitFor();
};
const text = async (locator) => (await locator.textContent()).trim();
/** Sum of the counts in a heat map's table. */
const tableTotal = async (stage) => {
  const cells = await app.page.getByTestId(`heat-map-${stage}`).getByTestId('heat-cell').allTextContents();
  return cells.reduce((sum, c) => sum + Number(c), 0);
};

test('three heat maps drawn as SVG, their tables adding up to the open risks', async () => {
  await home();
  const open = Number(await text(app.page.getByTestId('open-risks')));
  assert.ok(open > 0 && open <= 60, `open risks ${open}`);
  // One page counts all 60 risks and says where the closed ones went.
  assert.equal(await text(app.page.getByTestId('count-risks')), '60');
  assert.equal(await text(app.page.getByTestId('closed-risks')), `${60 - open} closed left out`);
  // The demo has done every first step: no checklist, the figures instead.
  assert.equal(await app.page.getByTestId('getting-started').count(), 0);
  for (const stage of ['inherent', 'current', 'planned']) {
    const panel = app.page.getByTestId(`heat-map-${stage}`);
    assert.equal(await panel.locator('svg').count(), 1, `${stage} is an SVG`);
    assert.equal(await panel.getByTestId('heat-cell').count(), 25, '5 x 5 cells');
    assert.equal(await tableTotal(stage), open, `${stage} counts every open risk once`);
    assert.equal(await panel.getByRole('img').getAttribute('aria-label'), `${stage === 'inherent' ? 'Inherent' : stage === 'current' ? 'Current residual' : 'Planned residual'} heat map`);
  }
  // The SVG shows the same numbers as the table (the non-zero ones).
  const panel = app.page.getByTestId('heat-map-inherent');
  const svgNumbers = (await panel.locator('svg text').allTextContents()).map((t) => t.trim()).filter((t) => /^\d+$/.test(t));
  const tableNumbers = (await panel.getByTestId('heat-cell').allTextContents()).filter((t) => t !== '0');
  // The axes name the methodology's scales instead of numbering them.
  assert.equal(svgNumbers.length, tableNumbers.length);
  const labels = (await panel.locator('svg text').allTextContents()).map((t) => t.trim());
  for (const name of ['Rare', 'Almost certain', 'Negligible', 'Severe']) {
    assert.ok(labels.includes(name), `axis label ${name} in ${labels.join(', ')}`);
  }
});

test('a click on a heat-map cell lists exactly its risks; the table does the same by keyboard', async () => {
  const panel = app.page.getByTestId('heat-map-inherent');
  // The fullest cell of the inherent map, from its table.
  const cells = panel.getByTestId('heat-cell');
  let best = { count: -1, cell: '' };
  for (let i = 0; i < (await cells.count()); i++) {
    const count = Number(await cells.nth(i).textContent());
    if (count > best.count) best = { count, cell: await cells.nth(i).getAttribute('data-cell') };
  }
  const [l, i] = best.cell.split('-').map(Number);
  // Click the middle of that cell in the SVG (layout: the likelihood names
  // on the left, 6 top, 52 per cell, 5 rows and columns, 8 on the right).
  const svg = panel.locator('svg');
  const box = await svg.boundingBox();
  const viewBox = (await svg.getAttribute('viewBox')).split(' ').map(Number);
  const scale = box.width / viewBox[2];
  const left = viewBox[2] - 5 * 52 - 8;
  await app.page.mouse.click(box.x + (left + (i - 1) * 52 + 26) * scale, box.y + (6 + (5 - l) * 52 + 26) * scale);
  const title = app.page.getByTestId('cell-risks-title');
  await title.waitFor();
  assert.match(await text(title), new RegExp(`^Inherent: likelihood ${l}, impact ${i} — ${best.count} risks?$`));
  assert.equal(await app.page.getByTestId('cell-risk').count(), best.count);
  assert.equal(await panel.locator(`[data-cell="${best.cell}"]`).getAttribute('aria-pressed'), 'true');

  // Keyboard: focus a cell button of the current map's table and press Enter.
  const current = app.page.getByTestId('heat-map-current');
  await current.locator('summary').click();
  const button = current.locator('[data-cell="1-1"]');
  await button.focus();
  await app.page.keyboard.press('Enter');
  await title.getByText('Current residual: likelihood 1, impact 1').waitFor();
  assert.equal(await app.page.getByTestId('cell-risk').count(), Number(await button.textContent()));

  // Each listed risk links to its editor.
  const link = app.page.getByTestId('cell-risk').first().locator('a');
  if ((await link.count()) > 0) {
    assert.match(await link.getAttribute('href'), /\/risk\/R-\d{4}$/);
  }
});

test('level distribution, SoA progress and treatment charts carry their figures', async () => {
  const levels = app.page.getByTestId('level-distribution');
  assert.equal(await levels.locator('svg').count(), 1);
  const above = await levels.locator('tbody tr').last().locator('td').allTextContents();
  assert.equal(above[1].trim(), await text(app.page.getByTestId('above-current')));
  assert.equal(above[2].trim(), await text(app.page.getByTestId('above-planned')));

  const themes = app.page.getByTestId('soa-themes');
  const themeRows = await themes.locator('tbody tr th').allTextContents();
  assert.deepEqual(themeRows.slice(0, 4), ['Organizational', 'People', 'Physical', 'Technological']);
  for (const label of themeRows) {
    assert.equal(await themes.locator('svg text', { hasText: label.trim() }).count(), 1, `${label} drawn`);
  }
  const before = await app.page.getByTestId('soa-attributes').locator('tbody th').allTextContents();
  await app.page.getByTestId('soa-attribute').selectOption('property');
  await app.page.waitForFunction(() => document.querySelector('[data-testid="soa-attributes"] tbody th')?.textContent === 'Confidentiality');
  assert.notDeepEqual(await app.page.getByTestId('soa-attributes').locator('tbody th').allTextContents(), before);

  const statuses = await app.page.getByTestId('treatment-chart').locator('tbody td').allTextContents();
  assert.equal(statuses.reduce((s, n) => s + Number(n), 0), 24, 'the 24 demo actions');
  assert.ok((await app.page.getByTestId('overdue-actions').locator('li').count()) > 0, 'the demo has overdue actions');
  assert.ok((await app.page.getByTestId('top-findings').locator('li').count()) > 0);
});

test('the dashboard follows an edit: implementing a control changes the figures', async () => {
  // Technological progress, as the dashboard's table gives it.
  const technological = () => app.page.getByTestId('soa-themes').locator('tbody tr', { hasText: 'Technological' }).locator('td').last();
  const before = await text(technological());
  await nav('SoA').click();
  // An applicable technological control not started yet: implementing it
  // moves the theme's progress by a whole share of its ~30 controls.
  const row = app.page.getByTestId('soa-theme-technological').getByTestId('soa-row')
    .filter({ has: app.page.getByTestId('applicability').getByText('Applicable') })
    .filter({ has: app.page.locator('[data-testid="status-select"] option[value="not_started"]:checked') }).first();
  await row.getByTestId('status-select').selectOption('implemented');
  await home();
  await app.page.getByTestId('soa-themes').waitFor();
  assert.ok(parseFloat(await text(technological())) > parseFloat(before), `${await text(technological())} > ${before}`);
  assert.deepEqual(app.consoleErrors, []);
});

/** The smallest chart text on the page, in CSS pixels as drawn. */
const smallestChartText = () =>
  app.page.evaluate(() => {
    let smallest = Infinity;
    for (const svg of document.querySelectorAll('.chart-svg svg')) {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      for (const t of svg.querySelectorAll('text')) {
        smallest = Math.min(smallest, Number(t.getAttribute('font-size')) * scale);
      }
    }
    return smallest;
  });

test('the old dashboard address opens the home page in place of its history entry', async () => {
  const homeUrl = app.page.url();
  await nav('Assets').click();
  await app.page.getByTestId('asset-table').waitFor();
  await app.page.evaluate((url) => { location.hash = `${new URL(url).hash}/dashboard`; }, homeUrl);
  await app.page.waitForURL(homeUrl);
  await app.page.getByTestId('heat-map-inherent').locator('svg').waitFor();
  // Back skips the replaced entry and returns to the assets.
  await app.page.goBack();
  await app.page.waitForURL(/\/assets$/);
  await app.page.getByTestId('asset-table').waitFor();
  assert.equal(await navLink(app.page, 'Dashboard').count(), 0, 'no separate Dashboard link');
});

test('at 390 px the charts keep text of 12 px and more (scrolling in their box)', async () => {
  await app.page.setViewportSize({ width: 390, height: 844 });
  await home();
  await app.page.getByTestId('heat-map-planned').locator('svg').waitFor();
  const smallest = await smallestChartText();
  assert.ok(smallest >= 12, `smallest chart text at 390 px: ${smallest} px`);
  const wide = await app.page.evaluate(() => document.scrollingElement.scrollWidth);
  assert.ok(wide <= 390, `the page does not scroll sideways (${wide} px)`);
  await app.page.setViewportSize({ width: 1280, height: 900 });
});

test('chart text is at least 12 px, and at least 16 px in Presenter mode', async () => {
  await home();
  await app.page.getByTestId('heat-map-planned').locator('svg').waitFor();
  assert.ok(await app.page.locator('.chart-svg svg text').count() > 50, 'the dashboard charts have text');
  const normal = await smallestChartText();
  assert.ok(normal >= 12, `smallest chart text ${normal} px`);
  await app.page.getByTestId('presenter-toggle').click();
  assert.equal(await app.page.getByTestId('presenter-toggle').getAttribute('aria-pressed'), 'true');
  const presented = await smallestChartText();
  assert.ok(presented >= 16, `smallest chart text in Presenter mode ${presented} px`);
  await app.page.getByTestId('presenter-toggle').click();
  assert.equal(await app.page.evaluate(() => document.documentElement.dataset.presenter), 'off');
});
