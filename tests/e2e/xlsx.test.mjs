// Excel workbooks as a user meets them: the demo downloaded from the Data page
// as .xlsx and read back with another library than the one that wrote it
// (exceljs here; the app writes with rust_xlsxwriter), a workbook edited with
// exceljs imported through the preview, and a broken file that changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { openApp, navLink } from './browser.mjs';

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

async function download(testId) {
  const [file] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

async function exportJson() {
  const { bytes } = await download('export-json');
  const envelope = JSON.parse(bytes.toString('utf8'));
  delete envelope.exported_at;
  return envelope;
}

/** The 1-based column of each header of the sheet's first row. */
function columns(sheet) {
  const found = {};
  sheet.getRow(1).eachCell((cell, number) => {
    found[cell.value] = number;
  });
  return found;
}

/** The sheet's row whose first cell is `id`. */
function rowWithId(sheet, id) {
  for (let number = 2; number <= sheet.rowCount; number += 1) {
    if (sheet.getRow(number).getCell(1).value === id) return sheet.getRow(number);
  }
  throw new Error(`no row ${id} in ${sheet.name}`);
}

async function importFile(kind, name, buffer) {
  await app.page.getByTestId('csv-kind').selectOption(kind);
  await app.page.getByTestId('csv-file').setInputFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
}

let workbookBytes;
let before_;

test('the demo downloads as one workbook that another library reads: sheets, cells, dates, colours', async () => {
  await app.loadDemo();
  await navLink(app.page, 'Data').click();
  await app.page.getByTestId('export-json').waitFor();
  before_ = await exportJson();
  const workspace = before_.workspace;

  const file = await download('export-xlsx');
  assert.match(file.name, /^larkmoor-health-technologies-demo-\d{4}-\d{2}-\d{2}\.xlsx$/);
  workbookBytes = file.bytes;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(workbookBytes);
  assert.deepEqual(book.worksheets.map((s) => s.name), [
    'Assets', 'Risks', 'Statement of Applicability', 'Treatment plan', 'Documents', 'Objectives',
    'Measurements', 'Audits', 'Audit findings', 'Nonconformities', 'Corrective actions', 'Incidents',
    'Management reviews', 'Review actions',
  ]);

  const risks = book.getWorksheet('Risks');
  assert.equal(risks.rowCount, workspace.risks.length + 1);
  assert.equal(risks.views[0].state, 'frozen', 'the header row stays in view');
  assert.equal(risks.views[0].ySplit, 1);
  const at = columns(risks);
  for (const name of ['ID', 'Title', 'Likelihood', 'Review date', 'Inherent level', 'Current level', 'Planned level']) {
    assert.ok(at[name], `a ${name} column in ${Object.keys(at)}`);
  }
  assert.ok(risks.getColumn(at.Title).width > 20, 'the title column is widened to its text');
  assert.ok(risks.getRow(1).getCell(1).font?.bold, 'a bold header');

  const risk = workspace.risks[0];
  const row = rowWithId(risks, risk.id);
  assert.equal(row.getCell(at.Title).value, risk.title);
  assert.equal(row.getCell(at.Likelihood).value, risk.likelihood, 'a number, not text');

  // A review date is a real date cell with a date format.
  const dated = workspace.risks.find((r) => r.review_date);
  const dateCell = rowWithId(risks, dated.id).getCell(at['Review date']);
  assert.ok(dateCell.value instanceof Date, `a date, not ${typeof dateCell.value}`);
  assert.equal(dateCell.value.toISOString().slice(0, 10), dated.review_date);
  assert.equal(dateCell.numFmt, 'yyyy-mm-dd');

  // Level cells are filled with the methodology's colour for their level.
  const levels = workspace.methodology.levels;
  let coloured = 0;
  for (let number = 2; number <= risks.rowCount; number += 1) {
    const cell = risks.getRow(number).getCell(at['Inherent level']);
    const level = levels.find((l) => l.name === cell.value);
    assert.ok(level, `a level name, not ${cell.value}`);
    assert.equal(cell.fill?.type, 'pattern');
    assert.equal(cell.fill.fgColor.argb, `FF${level.colour.slice(1).toUpperCase()}`);
    coloured += 1;
  }
  assert.equal(coloured, workspace.risks.length);

  // The other registers with their rows and cells.
  const assets = book.getWorksheet('Assets');
  const assetAt = columns(assets);
  assert.equal(assets.rowCount, workspace.assets.length + 1);
  assert.equal(rowWithId(assets, workspace.assets[0].id).getCell(assetAt.Name).value, workspace.assets[0].name);
  const soa = book.getWorksheet('Statement of Applicability');
  assert.equal(soa.rowCount, workspace.soa.length + 1);
  const plan = book.getWorksheet('Treatment plan');
  assert.equal(plan.rowCount, workspace.actions.length + 1);
  const measurements = book.getWorksheet('Measurements');
  const measured = workspace.objectives.reduce((sum, o) => sum + o.measurements.length, 0);
  assert.equal(measurements.rowCount, measured + 1);
  const measurementDate = measurements.getRow(2).getCell(columns(measurements).Date).value;
  assert.ok(measurementDate instanceof Date);
});

test('a workbook edited with exceljs is previewed, then applied', async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(workbookBytes);
  const workspace = before_.workspace;
  const risk = workspace.risks[2];
  const asset = workspace.assets[1];
  const risks = book.getWorksheet('Risks');
  rowWithId(risks, risk.id).getCell(columns(risks).Title).value = 'Edited in Excel: supplier outage';
  const assets = book.getWorksheet('Assets');
  rowWithId(assets, asset.id).getCell(columns(assets).Name).value = 'Renamed in Excel';
  const edited = Buffer.from(await book.xlsx.writeBuffer());

  await importFile('risks', 'edited.xlsx', edited);
  const preview = app.page.getByTestId('csv-preview');
  await preview.waitFor();
  const text = await preview.textContent();
  assert.match(text, new RegExp(`0 to add, 1 to update, ${workspace.risks.length - 1} unchanged`));
  assert.match(text, /Edited in Excel: supplier outage/);
  assert.match(text, /Columns not used: Inherent level, Current level, Planned level/);
  await app.page.getByTestId('csv-apply').click();
  await app.page.getByTestId('notice-banner').filter({ hasText: 'Applied 1 row(s)' }).waitFor();

  await importFile('assets', 'edited.xlsx', edited);
  await app.page.getByTestId('csv-preview').filter({ hasText: 'Renamed in Excel' }).waitFor();
  assert.match(
    await app.page.getByTestId('csv-preview').textContent(),
    new RegExp(`0 to add, 1 to update, ${workspace.assets.length - 1} unchanged`),
  );
  await app.page.getByTestId('csv-apply').click();
  await app.page.getByTestId('notice-banner').filter({ hasText: 'Applied 1 row(s)' }).waitFor();

  // Stored: after a reload the export holds both edits and nothing else changed.
  await app.page.reload();
  await app.page.getByTestId('export-json').waitFor();
  const after = (await exportJson()).workspace;
  assert.equal(after.risks.find((r) => r.id === risk.id).title, 'Edited in Excel: supplier outage');
  assert.equal(after.assets.find((a) => a.id === asset.id).name, 'Renamed in Excel');
  const expected = structuredClone(workspace);
  expected.risks.find((r) => r.id === risk.id).title = 'Edited in Excel: supplier outage';
  expected.assets.find((a) => a.id === asset.id).name = 'Renamed in Excel';
  assert.deepEqual(after.risks, expected.risks);
  assert.deepEqual(after.assets, expected.assets);
  before_ = await exportJson();
});

test('a broken workbook gets a clear message and changes nothing', async () => {
  await importFile('risks', 'broken.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
  const problems = app.page.getByTestId('csv-problems');
  await problems.waitFor();
  const text = await problems.textContent();
  assert.match(text, /“broken\.xlsx” was not imported/);
  assert.match(text, /not an Excel workbook/);
  assert.match(text, /Nothing was changed/);

  // A workbook without the register's sheet names the sheets it has.
  const other = new ExcelJS.Workbook();
  other.addWorksheet('Budget').addRow(['Line', 'Amount']);
  other.addWorksheet('Notes').addRow(['Anything']);
  await importFile('soa', 'budget.xlsx', Buffer.from(await other.xlsx.writeBuffer()));
  await app.page.getByTestId('csv-problems').filter({ hasText: 'budget.xlsx' }).waitFor();
  assert.match(await app.page.getByTestId('csv-problems').textContent(), /no sheet named “Statement of Applicability” \(its sheets: “Budget”, “Notes”\)/);

  assert.deepEqual(await exportJson(), before_);
  const foreign = app.requests.filter((url) => !url.startsWith(app.server.origin + '/isms/') && !url.startsWith('data:') && !url.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(app.consoleErrors, []);
});
