// The data layer as a user meets it: the demo organisation, JSON export and
// import through real files, bad files that change nothing, CSV round trips,
// snapshots, and two tabs on one workspace.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { navLink, openApp } from './browser.mjs';

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

const DEMO = 'Larkmoor Health Technologies (demo)';
const rows = () => app.page.locator('[data-testid="workspace-row"]');
const rowNamed = (name) => rows().filter({ has: app.page.getByRole('link', { name, exact: true }) });

async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

async function openData(page = app.page) {
  await navLink(page, 'Data').click();
  await page.getByTestId('export-json').waitFor();
}

/** The export without its export time, which differs between two exports. */
const comparable = (text) => {
  const envelope = JSON.parse(text);
  delete envelope.exported_at;
  return envelope;
};

let firstExport;

test('the demo organisation loads in one click as a new workspace', async () => {
  await app.goto();
  await app.page.getByTestId('load-demo').click();
  await app.page.getByTestId('workspace-title').waitFor();
  assert.equal(await app.page.getByTestId('workspace-title').textContent(), DEMO);
  assert.equal(await app.page.getByTestId('count-assets').textContent(), '41');
  assert.equal(await app.page.getByTestId('count-risks').textContent(), '60');
});

test('export, reload, delete, import the file: the same workspace comes back', async () => {
  await openData();
  firstExport = await download(app.page, 'export-json');
  assert.match(firstExport.name, /^larkmoor-health-technologies-demo-\d{4}-\d{2}-\d{2}\.isms\.json$/);
  const envelope = JSON.parse(firstExport.text);
  assert.equal(envelope.format, 'isms-workbench');
  assert.equal(envelope.workspace.risks.length, 60);

  await app.page.reload();
  await app.goto('#/workspaces');
  await app.page.getByRole('button', { name: `Delete ${DEMO}` }).click();
  await app.page.getByRole('alertdialog').getByRole('button', { name: 'Delete workspace' }).click();
  await rowNamed(DEMO).waitFor({ state: 'detached' });

  await app.page.getByTestId('json-file').setInputFiles({
    name: firstExport.name,
    mimeType: 'application/json',
    buffer: Buffer.from(firstExport.text),
  });
  await app.page.getByTestId('import-ready').waitFor();
  await app.page.getByTestId('import-as-new').click();
  await app.page.getByTestId('workspace-title').waitFor();
  await openData();
  const again = await download(app.page, 'export-json');
  assert.deepEqual(comparable(again.text), comparable(firstExport.text));
});

test('a malformed file is refused with a message, and nothing changes', async () => {
  await app.goto('#/workspaces');
  const before = await rows().count();
  await app.page.getByTestId('json-file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "isms-workbench", "schema_version": 1, "workspace": {'),
  });
  const problems = app.page.getByTestId('import-problems');
  await problems.waitFor();
  assert.match(await problems.textContent(), /not valid JSON/);
  assert.match(await problems.textContent(), /Nothing was changed/);
  await app.page.reload();
  await app.page.waitForSelector('[data-testid="workspace-row"]');
  assert.equal(await rows().count(), before);
});

test('dangling references and out-of-scale values are listed with their paths', async () => {
  const envelope = JSON.parse(firstExport.text);
  envelope.workspace.risks[0].controls = ['A.99.99'];
  envelope.workspace.risks[1].likelihood = 9;
  await app.goto('#/workspaces');
  const before = await rows().count();
  await app.page.getByTestId('json-file').setInputFiles({
    name: 'dangling.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(envelope)),
  });
  const problems = app.page.getByTestId('import-problems');
  await problems.waitFor();
  const text = await problems.textContent();
  assert.match(text, /\$\.workspace\.risks\[0\]\.controls\[0\]/);
  assert.match(text, /A\.99\.99/);
  assert.match(text, /\$\.workspace\.risks\[1\]/);
  assert.equal(await rows().count(), before);
});

test('a newer schema version is refused, an older one is migrated', async () => {
  const newer = JSON.parse(firstExport.text);
  newer.schema_version = 99;
  await app.goto('#/workspaces');
  await app.page.getByTestId('json-file').setInputFiles({
    name: 'future.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(newer)),
  });
  await app.page.getByTestId('import-problems').waitFor();
  assert.match(await app.page.getByTestId('import-problems').textContent(), /99/);

  const older = await readFile(new URL('../fixtures/schema/v0.json', import.meta.url));
  await app.page.getByTestId('json-file').setInputFiles({ name: 'v0.json', mimeType: 'application/json', buffer: older });
  await app.page.getByTestId('import-ready').waitFor();
  assert.match(await app.page.getByTestId('import-ready').textContent(), /schema version 0, migrated/);
});

test('CSV: export, edit one cell, preview shows exactly that change, apply saves it', async () => {
  await app.goto('#/workspaces');
  await app.page.getByRole('link', { name: DEMO, exact: true }).first().click();
  await app.page.getByTestId('workspace-title').waitFor();
  await openData();
  const csv = await download(app.page, 'export-csv-assets');
  assert.ok(csv.text.startsWith('\uFEFF'), 'UTF-8 with BOM');
  const lines = csv.text.split('\r\n');
  const header = lines[0].replace('\uFEFF', '').split(',');
  const nameColumn = header.findIndex((h) => /name/i.test(h));
  assert.ok(nameColumn >= 0, `a name column in ${header}`);
  const cells = lines[1].split(',');
  const oldName = cells[nameColumn];
  cells[nameColumn] = 'Renamed in a spreadsheet';
  lines[1] = cells.join(',');

  await app.page.getByTestId('csv-kind').selectOption('assets');
  await app.page.getByTestId('csv-file').setInputFiles({
    name: 'assets.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n')),
  });
  const preview = app.page.getByTestId('csv-preview');
  await preview.waitFor();
  assert.match(await preview.textContent(), /0 to add, 1 to update, 40 unchanged/);
  assert.match(await preview.textContent(), /Renamed in a spreadsheet/);
  await app.page.getByTestId('csv-apply').click();
  await app.page.getByTestId('notice-banner').waitFor();

  await app.page.reload();
  await app.page.getByTestId('export-json').waitFor();
  const after = JSON.parse((await download(app.page, 'export-json')).text);
  const names = after.workspace.assets.map((a) => a.name);
  assert.ok(names.includes('Renamed in a spreadsheet'));
  assert.ok(!names.includes(oldName.replace(/^"|"$/g, '')));
});

test('CSV problems are listed by row and column, and nothing is written', async () => {
  await app.page.getByTestId('csv-kind').selectOption('risks');
  await app.page.getByTestId('csv-file').setInputFiles({
    name: 'risks.csv', mimeType: 'text/csv',
    buffer: Buffer.from('id,title,assets,likelihood,impact\r\nR-9001,Bad row,NO-SUCH-ASSET,12,3\r\n'),
  });
  const problems = app.page.getByTestId('csv-problems');
  await problems.waitFor();
  const text = await problems.textContent();
  assert.match(text, /Nothing was changed/);
  assert.match(text, /NO-SUCH-ASSET/);
  assert.ok((await problems.locator('tbody tr').count()) >= 2, 'both problems listed');
});

test('snapshots: save, change, see the difference, restore', async () => {
  await app.page.getByLabel('Snapshot name').fill('Before scope change');
  await app.page.getByRole('button', { name: 'Save snapshot' }).click();
  await app.page.getByTestId('snapshot-row').filter({ hasText: 'Before scope change' }).waitFor();

  await app.page.getByTestId('nav-open-workspace').click();
  await app.page.getByLabel('Scope of the ISMS').fill('Only the Wrenpath platform.');
  await app.page.getByRole('button', { name: 'Save scope' }).click();
  await app.page.getByRole('button', { name: 'Save scope' }).isDisabled();
  await openData();

  await app.page.getByRole('button', { name: 'Compare with now: Before scope change' }).click();
  const difference = app.page.getByTestId('diff');
  await difference.waitFor();
  assert.match(await difference.textContent(), /scope/);
  assert.match(await difference.textContent(), /Only the Wrenpath platform\./);

  await app.page.getByRole('button', { name: 'Restore Before scope change' }).click();
  await app.page.getByRole('alertdialog').getByRole('button', { name: 'Restore snapshot' }).click();
  await app.page.getByTestId('notice-banner').filter({ hasText: 'Restored' }).waitFor();
  // The state before the restore was kept as a snapshot of its own.
  await app.page.getByTestId('snapshot-row').filter({ hasText: 'Before restoring' }).waitFor();
  await app.page.getByTestId('nav-open-workspace').click();
  assert.notEqual(await app.page.getByLabel('Scope of the ISMS').inputValue(), 'Only the Wrenpath platform.');
});

test('two tabs on one workspace: a change in one appears in the other', async () => {
  const first = app.page;
  await first.getByTestId('nav-open-workspace').click();
  await first.getByTestId('workspace-title').waitFor();
  const second = await app.context.newPage();
  await second.goto(first.url());
  await second.getByTestId('workspace-title').waitFor();

  await first.getByLabel('Scope of the ISMS').fill('Scope edited in the first tab.');
  await first.getByRole('button', { name: 'Save scope' }).click();

  await second.getByTestId('notice-banner').filter({ hasText: 'another tab' }).waitFor();
  await second.waitForFunction(
    () => document.querySelector('#scope')?.value === 'Scope edited in the first tab.',
  );
  // And the other way round, so neither tab is left stale.
  await second.getByLabel('Scope of the ISMS').fill('Scope edited in the second tab.');
  await second.getByRole('button', { name: 'Save scope' }).click();
  await first.waitForFunction(() => document.querySelector('#scope')?.value === 'Scope edited in the second tab.');
  await second.close();
});

test('nothing logged an error and no request left the origin', async () => {
  const foreign = app.requests.filter((url) => !url.startsWith(app.server.origin + '/isms/') && !url.startsWith('data:') && !url.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(app.consoleErrors, []);
});
