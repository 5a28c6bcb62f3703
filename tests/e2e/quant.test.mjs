// The Monte Carlo simulation in the page: Web Workers, progress, cancel, and
// the figures equal to the engine's CLI on the same workspace and seed (the
// workers' shards merge exactly, so equal means equal).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cli, navLink, openApp } from './browser.mjs';

let app;
before(async () => {
  app = await openApp();
  await app.loadDemo();
});
after(async () => {
  await app?.close();
});

const nav = (name) => navLink(app.page, name);
const value = async (testId) => Number(await app.page.getByTestId(testId).getAttribute('data-value'));

test('a long simulation shows its progress, keeps the page responsive and can be cancelled', async () => {
  await nav('Quantitative').click();
  assert.match(await app.page.getByTestId('quantified-count').textContent(), /^15 open risks have quantitative inputs/);
  await app.page.getByTestId('quant-iterations').fill('5000000');
  await app.page.getByTestId('run-simulation').click();
  const progress = app.page.getByTestId('simulation-progress');
  await progress.waitFor();
  // Progress moves while the page still answers (the work is in workers).
  await app.page.waitForFunction(() => Number(document.querySelector('[data-testid="simulation-progress"]')?.value) > 0, null, { timeout: 60_000 });
  const started = Date.now();
  assert.equal(await app.page.evaluate(() => 1 + 1), 2);
  assert.ok(Date.now() - started < 1000, 'the page answers at once');
  assert.equal(await app.page.getByTestId('run-simulation').isDisabled(), true);
  await app.page.getByTestId('cancel-simulation').click();
  await app.page.getByTestId('simulation-cancelled').waitFor();
  assert.equal(await app.page.getByTestId('quant-table').count(), 0, 'no result from a cancelled run');
  assert.equal(await app.page.getByTestId('run-simulation').isDisabled(), false);
});

test('the simulated figures equal the CLI on the exported workspace with the same seed', async () => {
  for (const box of await app.page.getByTestId('quant-scenario').all()) await box.check();
  await app.page.getByTestId('quant-iterations').fill('40000');
  await app.page.getByTestId('quant-seed').fill('7');
  await app.page.getByTestId('run-simulation').click();
  await app.page.locator('[data-testid="simulation-done"][data-run="2"]').waitFor({ timeout: 120_000 });
  assert.match(await app.page.getByTestId('simulation-done').textContent(), /^Simulated 40\u202f000 years of 15 risks in [\d.]+ s with \d+ workers? \(seed 7\)\.$/);
  for (const chart of ['lec-chart', 'ale-chart', 'tornado-chart']) {
    assert.equal(await app.page.getByTestId(chart).locator('svg').count(), 1, chart);
  }

  const path = await app.exportWorkspace();
  const expected = await cli('simulate', '--workspace', path, '--scenario', 'all', '--iters', '40000', '--seed', '7');

  await nav('Quantitative').click();
  // The page keeps no result across visits: run it again, same settings.
  for (const box of await app.page.getByTestId('quant-scenario').all()) await box.check();
  await app.page.getByTestId('quant-iterations').fill('40000');
  await app.page.getByTestId('quant-seed').fill('7');
  await app.page.getByTestId('run-simulation').click();
  await app.page.getByTestId('simulation-done').waitFor({ timeout: 120_000 });

  assert.equal(expected.scenarios.length, 4, 'baseline and the three demo scenarios');
  for (const [i, scenario] of expected.scenarios.entries()) {
    assert.equal((await app.page.getByTestId(`quant-name-${i}`).textContent()).trim(), scenario.name);
    assert.equal(await value(`quant-ale-${i}`), scenario.expected_annual_loss, `ALE of ${scenario.name}`);
    assert.equal(await value(`quant-sd-${i}`), scenario.standard_deviation);
    assert.equal(await value(`quant-var95-${i}`), scenario.value_at_risk_95);
    assert.equal(await value(`quant-var99-${i}`), scenario.value_at_risk_99);
    assert.equal(await value(`quant-tvar99-${i}`), scenario.tail_value_at_risk_99);
    const rosi = await app.page.getByTestId(`quant-rosi-${i}`).getAttribute('data-value');
    if (scenario.return_on_investment) {
      assert.equal(Number(rosi), scenario.return_on_investment.rosi, `ROSI of ${scenario.name}`);
    } else {
      assert.equal(rosi, '');
    }
  }
  // One sentence says why the baseline's simulated ALE is not the point
  // estimate (the Scenarios page's figure), with both figures.
  const group = (n) => Math.round(n).toLocaleString('en-US').replaceAll(',', '\u202f');
  const why = (await app.page.getByTestId('loss-difference').textContent()).trim();
  assert.match(why, /^Why two expected losses for the baseline: the point estimate \([\d\u202f]+ EUR\) multiplies/);
  assert.ok(why.includes(`simulated ALE (${group(expected.scenarios[0].expected_annual_loss)} EUR)`), why);
  // The loss bars are labelled with the risks' titles, whole in their tooltips.
  const titles = await app.page.getByTestId('ale-chart').locator('svg text title').allTextContents();
  assert.ok(titles.length > 0 && titles.every((t) => /^R-\d{4} \S+/.test(t)), titles.join(' | '));
  // Per-risk ALE of the baseline, for every simulated risk.
  const rows = await app.page.getByTestId('ale-row').evaluateAll((list) => list.map((r) => [r.dataset.risk, Number(r.dataset.value)]));
  assert.equal(rows.length, expected.risks.length);
  const byId = Object.fromEntries(rows);
  expected.risks.forEach((risk, index) => {
    assert.equal(byId[risk.id], expected.scenarios[0].risks[index].expected_annual_loss, risk.id);
  });
  assert.deepEqual(app.consoleErrors, []);
});

test('bad settings are refused next to the field', async () => {
  await app.page.getByTestId('quant-iterations').fill('ten');
  await app.page.getByTestId('run-simulation').click();
  assert.match(await app.page.locator('#quant-iterations-error').textContent(), /whole number/);
  await app.page.getByTestId('quant-iterations').fill('10');
  await app.page.getByTestId('run-simulation').click();
  assert.match(await app.page.locator('#quant-iterations-error').textContent(), /between 1,000/);
  await app.page.getByTestId('quant-iterations').fill('20000');
  await app.page.getByTestId('quant-seed').fill('-1');
  await app.page.getByTestId('run-simulation').click();
  assert.match(await app.page.locator('#quant-seed-error').textContent(), /whole number/);
});
