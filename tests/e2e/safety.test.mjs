// Data safety as a user meets it (issue 11): a save the browser aborts is a
// failure and the page shows what is stored; two tabs never lose an edit
// without asking; leaving a page with unsaved changes asks first; a workspace
// stored in an older shape is migrated on open; files that would be altered
// on import are refused with their place.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { navLink, openApp } from './browser.mjs';

let app;
let workspace;
before(async () => {
  app = await openApp();
  workspace = await app.loadDemo();
});
after(async () => {
  await app?.close();
});

const nav = (page, name) => navLink(page, name);

/** Opens risk `id`'s editor in `page`. */
async function openRisk(page, id) {
  await page.goto(`${app.server.url}#/workspace/${encodeURIComponent(workspace)}/risk/${id}`);
  await page.getByTestId('risk-form').waitFor();
}

/** Waits until `page` has no save running. */
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('[data-testid="save-state"]')?.textContent.includes('Saving'));
}

/** The stored workspace: the page is reloaded (so it reads IndexedDB
 *  afresh, not its copy in memory) and the workspace exported. */
async function stored() {
  await app.page.goto(`${app.server.url}#/workspace/${encodeURIComponent(workspace)}`);
  await app.page.reload();
  await app.page.getByTestId('workspace-title').waitFor();
  const file = await app.exportWorkspace();
  return JSON.parse(await readFile(file, 'utf8')).workspace;
}

/** Makes `page` deaf and mute to the other tabs (as if both saved at the
 *  same moment, before either heard of the other). */
async function isolate(page) {
  await page.evaluate(() => {
    BroadcastChannel.prototype.postMessage = function () {};
    const original = Object.getOwnPropertyDescriptor(BroadcastChannel.prototype, 'onmessage');
    Object.defineProperty(BroadcastChannel.prototype, 'onmessage', {
      set() {},
      get: original.get,
      configurable: true,
    });
    window.__isolated = true;
  });
}

test('leaving a page with unsaved changes asks first; staying keeps them', async () => {
  const page = app.page;
  await openRisk(page, 'R-0001');
  const before = await page.getByTestId('risk-likelihood').inputValue();
  const changed = before === '1' ? '2' : '1';
  await page.getByTestId('risk-likelihood').selectOption(changed);
  await page.getByTestId('risk-unsaved').filter({ hasText: 'Unsaved changes' }).waitFor();

  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    dialog.dismiss();
  });
  await nav(page, 'Methodology').click();
  await page.waitForTimeout(300);
  assert.match(asked, /not saved/);
  assert.match(page.url(), /\/risk\/R-0001$/, 'still on the editor');
  assert.equal(await page.getByTestId('risk-likelihood').inputValue(), changed, 'the edit is still there');

  // Leaving on purpose drops the draft; nothing was stored.
  page.once('dialog', (dialog) => dialog.accept());
  await nav(page, 'Methodology').click();
  // The address changes before the question; the page only once answered.
  await page.getByTestId('risk-form').waitFor({ state: 'detached' });
  await openRisk(page, 'R-0001');
  assert.equal(await page.getByTestId('risk-likelihood').inputValue(), before);
  assert.equal(await page.getByTestId('risk-unsaved').textContent(), '');
  // A form without changes lets the user go without a question.
  let questions = 0;
  const count = (dialog) => { questions += 1; dialog.dismiss(); };
  page.on('dialog', count);
  await nav(page, 'Methodology').click();
  await page.waitForURL(/\/methodology$/);
  page.off('dialog', count);
  assert.equal(questions, 0, 'no question for a form without changes');

  // Closing (or reloading) a tab with unsaved changes asks too.
  const other = await app.context.newPage();
  await openRisk(other, 'R-0001');
  await other.getByTestId('risk-title').fill('Typed but not saved');
  const [kind] = await Promise.all([
    new Promise((resolve) => other.once('dialog', (dialog) => { resolve(dialog.type()); dialog.dismiss(); })),
    other.close({ runBeforeUnload: true }),
  ]);
  assert.equal(kind, 'beforeunload');
  assert.equal(other.isClosed(), false, 'staying keeps the tab');
  other.on('dialog', (dialog) => dialog.accept());
  await other.close({ runBeforeUnload: true });
});

test('two tabs: an edit of another field in the other tab is merged into the open form', async () => {
  const a = app.page;
  const b = await app.context.newPage();
  await openRisk(a, 'R-0002');
  await openRisk(b, 'R-0002');
  const likelihood = (await b.getByTestId('risk-likelihood').inputValue()) === '1' ? '3' : '1';
  await b.getByTestId('risk-likelihood').selectOption(likelihood);

  await a.getByTestId('risk-title').fill('Title changed in tab A');
  await a.getByTestId('save-risk').click();
  await a.getByTestId('notice-banner').filter({ hasText: 'Risk R-0002 saved' }).waitFor();

  // B notices, takes A's title into its form and keeps its own likelihood.
  await b.getByTestId('risk-changed-elsewhere').waitFor();
  await b.waitForFunction(() => document.querySelector('#risk-title').value === 'Title changed in tab A');
  assert.equal(await b.getByTestId('risk-likelihood').inputValue(), likelihood);
  await b.getByTestId('save-risk').click();
  await b.getByTestId('notice-banner').filter({ hasText: 'Risk R-0002 saved' }).waitFor();
  await settled(b);

  await openRisk(a, 'R-0002');
  assert.equal(await a.getByTestId('risk-title').inputValue(), 'Title changed in tab A');
  assert.equal(await a.getByTestId('risk-likelihood').inputValue(), likelihood);
  await b.close();
});

test('two tabs: the same field changed in both shows both values and lets the user choose', async () => {
  const a = app.page;
  const b = await app.context.newPage();
  await openRisk(a, 'R-0003');
  await openRisk(b, 'R-0003');
  await b.getByTestId('risk-title').fill('Title from tab B');
  await a.getByTestId('risk-title').fill('Title from tab A');
  await a.getByTestId('save-risk').click();
  await a.getByTestId('notice-banner').filter({ hasText: 'Risk R-0003 saved' }).waitFor();

  const conflict = b.getByTestId('editor-conflict');
  await conflict.waitFor();
  assert.equal(await conflict.getByTestId('editor-conflict-ours').textContent(), 'Title from tab B');
  assert.equal(await conflict.getByTestId('editor-conflict-theirs').textContent(), 'Title from tab A');
  // Saving before choosing is refused, and says why.
  await b.getByTestId('save-risk').click();
  await b.getByTestId('error-banner').filter({ hasText: 'choose which value' }).waitFor();
  await conflict.getByTestId('editor-take-theirs').click();
  assert.equal(await b.getByTestId('risk-title').inputValue(), 'Title from tab A');
  await b.getByTestId('save-risk').click();
  await b.getByTestId('notice-banner').filter({ hasText: 'Risk R-0003 saved' }).waitFor();
  await b.close();
});

test('two saves at the same moment: both edits are kept, a clash is asked about', async () => {
  const a = app.page;
  const b = await app.context.newPage();
  await openRisk(a, 'R-0004');
  await openRisk(b, 'R-0005');
  // Neither tab hears of the other's save before its own: B's save meets a
  // newer revision in IndexedDB.
  await isolate(a);
  await isolate(b);
  await a.getByTestId('risk-title').fill('Simultaneous A');
  await a.getByTestId('save-risk').click();
  await a.getByTestId('notice-banner').filter({ hasText: 'Risk R-0004 saved' }).waitFor();
  await b.getByTestId('risk-title').fill('Simultaneous B');
  await b.getByTestId('save-risk').click();
  await b.getByTestId('notice-banner').filter({ hasText: 'merged' }).waitFor();
  await settled(b);

  // Now the same field of one risk in both tabs.
  await openRisk(a, 'R-0006');
  await openRisk(b, 'R-0006');
  await isolate(a);
  await isolate(b);
  await a.getByTestId('risk-title').fill('Clash from A');
  await b.getByTestId('risk-title').fill('Clash from B');
  await a.getByTestId('save-risk').click();
  await a.getByTestId('notice-banner').filter({ hasText: 'Risk R-0006 saved' }).waitFor();
  await b.getByTestId('save-risk').click();
  const dialog = b.getByTestId('conflict-dialog');
  await dialog.waitFor();
  assert.equal(await dialog.getByTestId('conflict-ours').textContent(), 'Clash from B');
  assert.equal(await dialog.getByTestId('conflict-theirs').textContent(), 'Clash from A');
  assert.match(await b.getByTestId('save-state').textContent(), /Not saved/);
  await dialog.getByTestId('conflict-keep-ours').click();
  await dialog.waitFor({ state: 'detached' });
  await b.getByTestId('notice-banner').filter({ hasText: 'values you chose' }).waitFor();
  await b.close();

  await app.goto(`#/workspace/${encodeURIComponent(workspace)}`);
  const risks = (await stored()).risks;
  const title = (id) => risks.find((r) => r.id === id).title;
  assert.equal(title('R-0004'), 'Simultaneous A');
  assert.equal(title('R-0005'), 'Simultaneous B');
  assert.equal(title('R-0006'), 'Clash from B');
});

test('a full quota: the import and the CSV say the save failed and the stored data stays as it was', async () => {
  // A profile of its own whose quota is set before anything is stored
  // (Chromium keeps the quota it first computed for an origin), and no
  // service worker, whose copy of the build would fill the quota first.
  const own = await openApp({ serviceWorkers: 'block' });
  try {
    const page = own.page;
    await own.goto('#/matrix');
    const cdp = await own.context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: own.server.origin, quotaSize: 3_000_000 });
    const id = await own.loadDemo();
    const before = JSON.parse(await readFile(await own.exportWorkspace(), 'utf8')).workspace;

    // Random text: the browser compresses what it stores, so repeated
    // characters would take almost no room.
    const filler = (bytes) => randomBytes(bytes).toString('base64');
    const big = structuredClone(before);
    big.id = 'big-import';
    big.name = 'Too big for the quota';
    for (let n = 0; n < 3000; n += 1) {
      big.risks.push({ ...before.risks[0], id: `R-9${String(n).padStart(4, '0')}`, description: filler(1500) });
    }
    const envelope = { format: 'isms-workbench', schema_version: 1, workspace: big };
    await nav(page, 'Workspaces').click();
    await page.getByTestId('json-file').setInputFiles({
      name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(envelope)),
    });
    await page.getByTestId('import-as-new').click();
    const banner = page.getByTestId('error-banner');
    await banner.waitFor();
    assert.match(await banner.textContent(), /not saved/);
    assert.match(await banner.textContent(), /Export the workspace/);
    assert.equal(await page.getByTestId('notice-banner').filter({ hasText: 'Imported' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Too big for the quota', exact: true }).count(), 0);
    await banner.getByRole('button', { name: 'Dismiss' }).click();

    // 8,000 assets from a CSV: refused, and the register still has 41.
    await own.goto(`#/workspace/${encodeURIComponent(id)}/data`);
    await page.getByTestId('csv-kind').selectOption('assets');
    const lines = ['id,name,kind,description,confidentiality,integrity,availability'];
    for (let n = 0; n < 8000; n += 1) lines.push(`A-${5000 + n},Bulk asset ${n},hardware,${filler(300)},3,3,3`);
    await page.getByTestId('csv-file').setInputFiles({
      name: 'assets.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')),
    });
    await page.getByTestId('csv-apply').click();
    await banner.waitFor();
    assert.match(await banner.textContent(), /not saved/);
    assert.equal(await page.getByTestId('notice-banner').filter({ hasText: 'Applied' }).count(), 0);
    // The page is back to what is stored at once, and after a reload too.
    await own.goto(`#/workspace/${encodeURIComponent(id)}`);
    assert.equal(await page.getByTestId('count-assets').textContent(), '41');
    await page.reload();
    await page.getByTestId('workspace-title').waitFor();
    assert.equal(await page.getByTestId('count-assets').textContent(), '41');

    // With room again, a small edit saves, without a false "another tab".
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: own.server.origin, quotaSize: 100_000_000 });
    await page.goto(`${own.server.url}#/workspace/${encodeURIComponent(id)}/risk/R-0007`);
    await page.getByTestId('risk-title').fill('Saved after the big import failed');
    await page.getByTestId('save-risk').click();
    await page.getByTestId('notice-banner').filter({ hasText: 'Risk R-0007 saved' }).waitFor();
    assert.equal(await page.getByTestId('error-banner').count(), 0);
    await page.reload();
    await page.getByTestId('risk-form').waitFor();
    assert.equal(await page.getByTestId('risk-title').inputValue(), 'Saved after the big import failed');
    assert.deepEqual(own.consoleErrors.filter((e) => !/QuotaExceeded|Failed to load/.test(e)), []);
  } finally {
    await own.close();
  }
});

test('a workspace stored in an older shape is migrated when opened', async () => {
  const page = app.page;
  // Rewrite the stored demo as an app of schema version 0 would have left
  // it: each risk names one `asset`, effectiveness is a fraction.
  const expected = await page.evaluate(async (id) => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('isms-workbench');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = (store) => new Promise((resolve) => {
      const request = db.transaction(store).objectStore(store).getAll();
      request.onsuccess = () => resolve(request.result);
    });
    const records = (await all('records')).filter((r) => r.workspace === id);
    const header = (await all('headers')).find((h) => h.workspace === id);
    const tx = db.transaction(['records', 'headers'], 'readwrite');
    let firstRisk;
    for (const record of records) {
      const value = JSON.parse(record.json);
      if (record.collection === 'risks') {
        value.asset = value.assets[0] ?? null;
        delete value.assets;
        firstRisk ??= { id: record.id, asset: value.asset };
      } else if (record.collection === 'controls') {
        value.effectiveness = value.effectiveness / 100;
      } else continue;
      tx.objectStore('records').put({ ...record, json: JSON.stringify(value) });
    }
    tx.objectStore('headers').put({ ...header, schema_version: 0 });
    await new Promise((resolve) => { tx.oncomplete = resolve; });
    db.close();
    return firstRisk;
  }, workspace);

  await page.reload();
  await app.goto(`#/workspace/${encodeURIComponent(workspace)}`);
  assert.equal(await page.getByTestId('count-risks').textContent(), '60');
  const after = await stored();
  const risk = after.risks.find((r) => r.id === expected.id);
  assert.deepEqual(risk.assets, [expected.asset]);
  assert.ok(after.controls.every((c) => Number.isInteger(c.effectiveness) && c.effectiveness <= 100));
  const version = await page.evaluate(async (id) => {
    const db = await new Promise((resolve) => { const o = indexedDB.open('isms-workbench'); o.onsuccess = () => resolve(o.result); });
    const header = await new Promise((resolve) => {
      const r = db.transaction('headers').objectStore('headers').get(id);
      r.onsuccess = () => resolve(r.result);
    });
    db.close();
    return header.schema_version;
  }, workspace);
  assert.equal(version, 2, 'stored again in the current shape (schema version 2)');
});

test('import refuses a control outside Annex A 2022 and bytes that are not UTF-8, naming where', async () => {
  const page = app.page;
  const demo = await stored();
  await nav(page, 'Workspaces').click();
  await page.getByTestId('workspace-row').first().waitFor();
  const count = await page.getByTestId('workspace-row').count();

  const wrong = structuredClone(demo);
  wrong.soa[0].control = 'A.99.1';
  await page.getByTestId('json-file').setInputFiles({
    name: 'a99.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'isms-workbench', schema_version: 1, workspace: wrong })),
  });
  const problems = page.getByTestId('import-problems');
  await problems.waitFor();
  const text = await problems.textContent();
  assert.match(text, /\$\.workspace\.soa\[0\]\.control/);
  assert.match(text, /A\.99\.1/);
  assert.match(text, /Nothing was changed/);

  const bytes = Buffer.from(JSON.stringify({ format: 'isms-workbench', schema_version: 1, workspace: demo }));
  const at = bytes.indexOf(Buffer.from(demo.risks[0].title));
  bytes[at] = 0xff;
  await page.getByTestId('json-file').setInputFiles({ name: 'latin.json', mimeType: 'application/json', buffer: bytes });
  await problems.filter({ hasText: 'latin.json' }).waitFor();
  const utf8 = await problems.textContent();
  assert.match(utf8, /UTF-8/);
  assert.match(utf8, new RegExp(`byte ${at}\\b`));
  assert.equal(await page.getByTestId('workspace-row').count(), count, 'nothing was added');
});

test('the Data page says whether the browser keeps the data', async () => {
  await app.goto(`#/workspace/${encodeURIComponent(workspace)}/data`);
  const note = app.page.getByTestId('persistence');
  await note.waitFor();
  assert.match(await note.textContent(), /Storage: this browser/);
});

test('nothing logged an error and no request left the origin', async () => {
  const foreign = app.requests.filter((url) => !url.startsWith(app.server.origin + '/isms/') && !url.startsWith('data:') && !url.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(app.consoleErrors, []);
});
