// Scenarios as a consultant builds them in front of a client: a new scenario
// with a few changes, compared with the baseline, the figures checked
// against the engine's CLI on the exported workspace; the optimiser's answer
// saved as a scenario; a scenario applied after a snapshot.
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
const text = async (locator) => (await locator.textContent()).trim();
const cell = (key, column) => app.page.getByTestId(`cmp-${key}-${column}`);
const number = async (key, column) => Number((await text(cell(key, column))).replace(/[\s\u202f%]/g, ''));
const NAME = 'Finish MFA and tidy suppliers';


test('a new scenario collects changes without touching the registers', async () => {
  await nav('Scenarios').click();
  assert.equal(await app.page.getByTestId('scenario-row').count(), 3, 'the demo has three scenarios');

  await app.page.getByTestId('create-scenario').click();
  assert.equal(await text(app.page.locator('#scenario-name-error')), 'Give the scenario a name.');
  await app.page.getByTestId('scenario-name').fill(NAME);
  await app.page.getByTestId('create-scenario').click();
  const editor = app.page.getByTestId('scenario-editor');
  await editor.waitFor();
  assert.equal(await editor.getByTestId('no-changes').count(), 1);

  // Implement A.8.5 (secure authentication) and A.5.19 (supplier security).
  for (const control of ['A.8.5', 'A.5.19']) {
    await editor.getByTestId('change-kind').selectOption('status');
    await editor.getByTestId('change-control').fill(control);
    await editor.getByTestId('change-status').selectOption('implemented');
    await editor.getByTestId('add-change').click();
  }
  // Link A.8.16 (monitoring) to R-0001; transfer 60 % of R-0002.
  await editor.getByTestId('change-kind').selectOption('link');
  await editor.getByTestId('change-risk').fill('R-0001');
  await editor.getByTestId('change-control').fill('A.8.16');
  await editor.getByTestId('add-change').click();
  await editor.getByTestId('change-kind').selectOption('treatment');
  await editor.getByTestId('change-risk').fill('R-0002');
  await editor.getByTestId('change-decision').selectOption('transfer');
  await editor.getByTestId('change-transferred').fill('60');
  await editor.getByTestId('add-change').click();
  // A control that does not exist is refused next to the field.
  await editor.getByTestId('change-kind').selectOption('status');
  await editor.getByTestId('change-control').fill('A.9.99');
  await editor.getByTestId('add-change').click();
  assert.match(await text(editor.locator('#change-control-error')), /There is no control/);
  // Everyday words find controls as one types: no "There is no control".
  await editor.getByTestId('change-control').fill('multi-factor');
  const matches = editor.getByTestId('change-control-matches').locator('li');
  assert.match(await text(matches.first()), /^A\.8\.5 Secure authentication/);
  assert.match(await text(matches.nth(1)), /^A\.5\.17 /);
  // Adding without choosing is never a silent guess: the page names the control it takes.
  assert.match(await text(editor.getByTestId('change-control-taken')), /takes A\.8\.5 Secure authentication/);
  await editor.getByTestId('change-control').fill('SSO');
  assert.match(await text(matches.first()), /^A\.5\.16 /);
  await editor.getByTestId('change-control').fill('');
  assert.equal(await editor.getByTestId('change-control').getAttribute('aria-invalid'), 'true');

  const changes = await editor.getByTestId('scenario-change').allTextContents();
  assert.equal(changes.length, 4, changes.join(' | '));
  assert.match(changes[0], /^A\.8\.5 .*: status implemented/);
  assert.match(changes[3], /^R-0002 .*: transfer 60 % of the impact/);

  // The registers are untouched: the SoA still shows A.8.5 as it was.
  const row = app.page.locator('[data-testid="scenario-row"]', { hasText: NAME });
  assert.equal(await text(row.locator('td.number-cell')), '4');
});

test('the comparison shows the engine CLI figures for the same workspace and date', async () => {
  const comparison = app.page.getByTestId('comparison');
  assert.equal(await text(app.page.getByTestId('cmp-name-0')), 'Baseline');
  assert.equal(await text(app.page.getByTestId('cmp-name-1')), NAME);
  assert.equal(await comparison.getByTestId('comparison-heat-map').count(), 2);
  assert.equal(await comparison.getByTestId('comparison-heat-map').locator('svg').count(), 2);

  // Export the workspace exactly as stored and ask the CLI.
  const path = await app.exportWorkspace();
  const today = await app.page.evaluate(() => new Date().toISOString().slice(0, 10));
  const { comparison: expected } = await cli('scenario', path, NAME, '--today', today);
  assert.equal(expected.columns.length, 2);

  await nav('Scenarios').click();
  await app.page.getByTestId('comparison').waitFor();
  for (const [column, summary] of expected.columns.entries()) {
    assert.equal(await text(app.page.getByTestId(`cmp-name-${column}`)), summary.name);
    assert.equal(await number('above-current', column), summary.current_above_appetite, `above now, ${summary.name}`);
    assert.equal(await number('above-planned', column), summary.planned_above_appetite, `above planned, ${summary.name}`);
    assert.equal(await number('changed', column), summary.risks_changed);
    assert.equal(await number('applicable', column), summary.soa_applicable);
    assert.equal(await text(cell('progress', column)), `${(summary.implementation_progress * 100).toFixed(1)} %`);
    // Certification readiness with its parts, not the SoA-only figure.
    const figure = summary.certification.figure;
    assert.equal(await text(cell('readiness', column)), figure == null ? 'not assessed' : `${figure.toFixed(0)} %`);
    assert.match(await text(cell('readiness-parts', column)), /^clauses .*, SoA .*, nonconformities /);
    assert.equal(await number('one-off', column), summary.cost.one_off);
    assert.equal(await number('yearly', column), summary.cost.yearly);
    for (const [level, count] of summary.distributions.current.counts.entries()) {
      assert.equal(await number(`level${level}`, column), count, `level ${level} of ${summary.name}`);
    }
  }
  assert.ok(expected.columns[1].risks_changed > 0, 'the changes move some risks');
  // The risks whose level changes, each a link to its editor; changed
  // figures marked with the difference from today.
  const changedRisks = app.page.getByTestId('changed-risks').first().getByTestId('changed-risk');
  assert.equal(await changedRisks.count(), expected.columns[1].risks_changed);
  const [firstId] = expected.columns[1].changed_risks[0];
  assert.match(await changedRisks.first().getByRole('link').getAttribute('href'), new RegExp(`/risk/${firstId}$`));
  assert.match(await text(changedRisks.first()), / → /);
  const above = expected.columns.map((c) => c.current_above_appetite);
  const delta = app.page.getByTestId('cmp-above-current-1-delta');
  if (above[1] !== above[0]) {
    assert.equal(await text(delta), `${above[1] > above[0] ? '+' : '−'}${Math.abs(above[1] - above[0])}`);
  } else {
    assert.equal(await delta.count(), 0);
  }
  assert.ok((await app.page.locator('.comparison-table td.changed').count()) > 0, 'changed cells are marked');
  assert.equal(await text(cell('own-cost', 0)), '—');
  assert.match(await text(cell('own-cost', 1)), /^[\d\u202f]+ \/ [\d\u202f]+$/);

  // Simulated losses beside the qualitative figures, equal to the CLI's
  // simulation of the same workspace, scenario and seed.
  await app.page.getByTestId('simulate-comparison').click();
  await app.page.getByTestId('cmp-sim-ale-1').waitFor({ timeout: 120_000 });
  const simulated = await cli('simulate', '--workspace', path, '--scenario', NAME, '--iters', '50000', '--seed', '20240601');
  for (const [column, report] of simulated.scenarios.entries()) {
    assert.equal(await number('sim-ale', column), Math.round(report.expected_annual_loss), `ALE of ${report.name}`);
    assert.equal(await number('sim-var95', column), Math.round(report.value_at_risk_95));
    const rosi = (await text(cell('sim-rosi', column)));
    assert.equal(rosi, report.return_on_investment ? `${(report.return_on_investment.rosi * 100).toFixed(0)} %` : '\u2014');
  }
  assert.ok(simulated.scenarios[1].expected_annual_loss < simulated.scenarios[0].expected_annual_loss, 'MFA lowers the expected loss');
  // Why the baseline's point estimate and simulated ALE differ, with both figures.
  const why = await text(app.page.getByTestId('loss-difference'));
  assert.ok(why.includes(`point estimate (${await text(cell('ale', 0))} EUR)`), why);
  assert.ok(why.includes(`simulated ALE (${await text(cell('sim-ale', 0))} EUR)`), why);
});

test('the optimiser answer becomes a scenario that is compared at once', async () => {
  await app.page.getByTestId('optimise-appetite').click();
  const answer = app.page.getByTestId('optimiser-answer');
  await answer.waitFor();
  const chosen = await answer.getByTestId('optimiser-choice').count();
  assert.ok(chosen > 0, 'some actions are chosen');
  assert.match(await text(answer.getByTestId('optimiser-summary')), new RegExp(`^${chosen} actions? chosen, first-year cost`));
  await answer.getByTestId('optimiser-save').click();
  await app.page.getByTestId('cmp-name-2').getByText('Optimiser: cheapest way to appetite').waitFor();
  const row = app.page.locator('[data-testid="scenario-row"]', { hasText: 'Optimiser: cheapest way to appetite' });
  assert.ok(Number(await text(row.locator('td.number-cell'))) > 0);
  assert.ok(await number('above-current', 2) <= await number('above-current', 0));

  // A budget that is not a number is refused next to the field.
  await app.page.getByTestId('optimiser-budget').fill('lots');
  await app.page.getByTestId('optimise-budget').click();
  assert.ok((await text(app.page.locator('#optimiser-budget-error'))).length > 0);
  await app.page.getByTestId('optimiser-budget').fill('20000');
  await app.page.getByTestId('optimise-budget').click();
  await app.page.getByTestId('optimiser-summary').getByText(/first-year cost/).waitFor();
});

test('applying a scenario asks first, takes a snapshot, and the registers then match the scenario', async () => {
  const levels = async (column) => {
    const counts = [];
    for (let level = 0; level < 4; level++) counts.push(await number(`level${level}`, column));
    return counts;
  };
  const scenarioLevels = await levels(1);
  const baselineLevels = await levels(0);
  const baselineAbove = await number('above-current', 0);
  assert.notDeepEqual(scenarioLevels, baselineLevels, 'the scenario moves risks between levels');
  const row = app.page.locator('[data-testid="scenario-row"]', { hasText: NAME });
  await row.getByTestId('apply-scenario').click();
  const dialog = app.page.getByRole('alertdialog');
  assert.match(await dialog.textContent(), /snapshot/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await dialog.count(), 0);
  assert.equal(await number('above-current', 0), baselineAbove, 'cancel changes nothing');

  await row.getByTestId('apply-scenario').click();
  await dialog.getByRole('button', { name: 'Take a snapshot and apply' }).click();
  await app.page.getByText(/Applied 4 changes of/).waitFor();
  // The baseline is now what the scenario was.
  await app.page.waitForFunction((n) => document.querySelector('[data-testid="cmp-level0-0"]')?.textContent.trim() === String(n), scenarioLevels[0]);
  assert.deepEqual(await levels(0), scenarioLevels);
  await nav('Data').click();
  await app.page.getByText(`Before applying \u201c${NAME}\u201d`).first().waitFor();
  assert.deepEqual(app.consoleErrors, []);
});

test('presenter mode enlarges the type and can be turned off', async () => {
  const size = () => app.page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const normal = await size();
  await app.page.getByTestId('presenter-toggle').click();
  assert.equal(await app.page.getByTestId('presenter-toggle').getAttribute('aria-pressed'), 'true');
  assert.ok((await size()) > normal * 1.2);
  await app.page.getByTestId('presenter-toggle').click();
  assert.equal(await size(), normal);
});
