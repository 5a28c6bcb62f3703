// Files for other hands, as a user meets them on the Data page: the
// passphrase-encrypted export (refused with a wrong passphrase or a doctored
// file, restoring exactly with the right one; the committed fixture still
// decrypts, so the format cannot drift) and the OSCAL downloads, which must
// equal what the `isms oscal` command line makes of the same workspace.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { openApp, cli, navLink } from './browser.mjs';

const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

const FIXTURE_PASSPHRASE = 'correct horse battery staple'; // tests/make-encrypted-fixture.mjs
const PASSPHRASE = 'larkmoor export passphrase 2026';
const fixture = (path) => readFile(new URL(`../fixtures/${path}`, import.meta.url));

async function download(testId) {
  const [file] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

async function openData() {
  await navLink(app.page, 'Data').click();
  await app.page.getByTestId('export-json').waitFor();
}

/** The export without its export time, which differs between two exports. */
const comparable = (text) => {
  const envelope = JSON.parse(text);
  delete envelope.exported_at;
  return envelope;
};

async function chooseFile(name, buffer) {
  await app.page.getByTestId('json-file').setInputFiles({ name, mimeType: 'application/json', buffer });
}

let plain;
let sealed;

test('the encrypted export asks for a long passphrase twice, and the file hides the workspace', async () => {
  await app.loadDemo();
  await openData();
  plain = await download('export-json');

  await app.page.getByTestId('export-encrypted').click();
  await app.page.getByTestId('encrypt-passphrase').fill('too short');
  await app.page.getByTestId('encrypt-confirmation').fill('too short');
  await app.page.getByTestId('encrypt-download').click();
  assert.match(await app.page.getByTestId('encrypt-passphrase-error').textContent(), /at least 12 characters \(this one has 9\)/);

  await app.page.getByTestId('encrypt-passphrase').fill(PASSPHRASE);
  await app.page.getByTestId('encrypt-confirmation').fill(`${PASSPHRASE}!`);
  await app.page.getByTestId('encrypt-download').click();
  assert.match(await app.page.getByTestId('encrypt-confirmation-error').textContent(), /differ/);

  await app.page.getByTestId('encrypt-confirmation').fill(PASSPHRASE);
  sealed = await download('encrypt-download');
  assert.match(sealed.name, /^larkmoor-health-technologies-demo-\d{4}-\d{2}-\d{2}\.isms\.enc\.json$/);
  const envelope = JSON.parse(sealed.text);
  assert.equal(envelope.format, 'isms-workbench-encrypted');
  assert.equal(envelope.version, 1);
  assert.deepEqual(
    { ...envelope.kdf, salt: Buffer.from(envelope.kdf.salt, 'base64').length },
    { name: 'PBKDF2', hash: 'SHA-256', iterations: 600000, salt: 16 },
  );
  assert.equal(envelope.cipher.name, 'AES-GCM');
  assert.equal(Buffer.from(envelope.cipher.nonce, 'base64').length, 12);
  // The plaintext plus the 16-byte tag.
  assert.equal(Buffer.from(envelope.ciphertext, 'base64').length, Buffer.byteLength(plain.text) + 16);
  assert.ok(!sealed.text.includes('Larkmoor'), 'nothing readable in the file');
  await app.page.getByTestId('notice-banner').filter({ hasText: 'encrypted export' }).waitFor();
});

test('a wrong passphrase and doctored files are refused, and nothing changes', async () => {
  // A change after the export, which a restore must undo.
  await app.page.getByTestId('nav-open-workspace').click();
  await app.page.getByLabel('Scope of the ISMS').fill('Only the Wrenpath platform.');
  await app.page.getByRole('button', { name: 'Save scope' }).click();
  await openData();
  const changed = await download('export-json');
  assert.equal(JSON.parse(changed.text).workspace.scope, 'Only the Wrenpath platform.');

  await chooseFile(sealed.name, Buffer.from(sealed.text));
  await app.page.getByTestId('import-locked').waitFor();
  await app.page.getByTestId('import-passphrase').fill('not the passphrase at all');
  await app.page.getByTestId('import-decrypt').click();
  const error = app.page.getByTestId('import-passphrase-error');
  await error.filter({ hasText: 'passphrase is wrong' }).waitFor();
  assert.match(await error.textContent(), /Nothing was imported/);
  assert.equal(await app.page.getByTestId('import-ready').count(), 0);

  // One changed character of the ciphertext: the tag check fails.
  const envelope = JSON.parse(sealed.text);
  const at = 100;
  const swapped = envelope.ciphertext[at] === 'A' ? 'B' : 'A';
  const tampered = { ...envelope, ciphertext: envelope.ciphertext.slice(0, at) + swapped + envelope.ciphertext.slice(at + 1) };
  await chooseFile('tampered.isms.enc.json', Buffer.from(JSON.stringify(tampered)));
  await app.page.getByTestId('import-locked').waitFor();
  await app.page.getByTestId('import-passphrase').fill(PASSPHRASE);
  await app.page.getByTestId('import-decrypt').click();
  await error.filter({ hasText: 'changed after it was encrypted' }).waitFor();

  // Damage found before any passphrase is asked for.
  for (const [name, edit, message] of [
    ['bad-base64', (e) => ({ ...e, cipher: { ...e.cipher, nonce: 'not*base64!!' } }), /"nonce" is not base64/],
    ['newer', (e) => ({ ...e, version: 2 }), /version 2, made by a newer ISMS Workbench/],
    ['weak', (e) => ({ ...e, kdf: { ...e.kdf, iterations: 1000 } }), /iteration count 1000 is outside/],
  ]) {
    await chooseFile(`${name}.isms.enc.json`, Buffer.from(JSON.stringify(edit(envelope))));
    const problems = app.page.getByTestId('import-problems');
    await problems.filter({ hasText: name }).waitFor();
    assert.match(await problems.textContent(), message);
    assert.match(await problems.textContent(), /Nothing was changed/);
  }

  await app.page.reload();
  await app.page.getByTestId('export-json').waitFor();
  assert.deepEqual(comparable((await download('export-json')).text), comparable(changed.text));
});

test('the right passphrase restores the workspace exactly as it was exported', async () => {
  await chooseFile(sealed.name, Buffer.from(sealed.text));
  await app.page.getByTestId('import-passphrase').fill(PASSPHRASE);
  await app.page.getByTestId('import-decrypt').click();
  await app.page.getByTestId('import-ready').waitFor();
  assert.match(await app.page.getByTestId('import-ready').textContent(), /41 assets, 60 risks/);
  await app.page.getByTestId('import-replace').click();
  await app.page.getByRole('alertdialog').getByRole('button', { name: 'Replace workspace' }).click();
  await app.page.getByTestId('notice-banner').filter({ hasText: 'Replaced the workspace' }).waitFor();
  await app.page.reload();
  await app.page.getByTestId('export-json').waitFor();
  assert.deepEqual(comparable((await download('export-json')).text), comparable(plain.text));
});

test('the committed fixture decrypts to the same import as its plain file', async () => {
  await app.goto('#/workspaces');
  await chooseFile('v2.json', await fixture('schema/v2.json'));
  await app.page.getByTestId('import-ready').waitFor();
  const expected = (await app.page.getByTestId('import-ready').textContent()).replace('v2.json', 'FILE');

  await chooseFile('v2.isms.enc.json', await fixture('encrypted/v2.isms.enc.json'));
  await app.page.getByTestId('import-locked').waitFor();
  await app.page.getByLabel('Passphrase').fill(FIXTURE_PASSPHRASE);
  await app.page.getByTestId('import-decrypt').click();
  await app.page.getByTestId('import-ready').waitFor();
  const decrypted = (await app.page.getByTestId('import-ready').textContent()).replace('v2.isms.enc.json', 'FILE');
  assert.equal(decrypted, expected);
  assert.match(decrypted, /is valid: workspace/);
});

test('the OSCAL downloads equal what isms oscal makes of the same workspace', async () => {
  await app.page.getByRole('link', { name: 'Larkmoor Health Technologies (demo)', exact: true }).first().click();
  await app.page.getByTestId('workspace-title').waitFor();
  await openData();
  const exported = join(tmpdir(), `isms-oscal-${process.pid}.json`);
  await writeFile(exported, (await download('export-json')).text);
  const roots = { profile: 'profile', ssp: 'system-security-plan', poam: 'plan-of-action-and-milestones', ar: 'assessment-results' };
  for (const [kind, root] of Object.entries(roots)) {
    const file = await download(`export-oscal-${kind}`);
    assert.match(file.name, new RegExp(`^larkmoor-health-technologies-demo-\\d{4}-\\d{2}-\\d{2}-oscal-${kind}\\.json$`));
    const document = JSON.parse(file.text);
    const stamp = document[root].metadata['last-modified'];
    assert.match(stamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    const expected = await cli('oscal', '--kind', kind, exported, '--generated', stamp);
    assert.deepEqual(document, expected, kind);
    assert.match(await app.page.getByTestId('oscal-status').textContent(), new RegExp(`Downloaded ${file.name}`));
  }
});

test('the passphrase forms, with their messages showing, have no serious accessibility problem', async () => {
  await app.page.getByTestId('export-encrypted').click();
  await app.page.getByTestId('encrypt-passphrase').fill('short');
  await app.page.getByTestId('encrypt-download').click();
  await app.page.getByTestId('encrypt-passphrase-error').waitFor();
  assert.equal(await app.page.getByTestId('encrypt-passphrase').getAttribute('aria-invalid'), 'true');
  await chooseFile('v2.isms.enc.json', await fixture('encrypted/v2.isms.enc.json'));
  await app.page.getByTestId('import-passphrase').fill('wrong');
  await app.page.getByTestId('import-decrypt').click();
  await app.page.getByTestId('import-passphrase-error').filter({ hasText: 'wrong' }).waitFor();
  await app.page.evaluate(AXE_SOURCE);
  const serious = await app.page.evaluate(async () => {
    const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  });
  assert.deepEqual(serious, []);
});

test('an OSCAL document with nothing to put in it is not downloaded, and says why', async () => {
  await app.goto('#/workspaces');
  await app.page.getByLabel('New workspace').fill('Nothing yet');
  await app.page.getByRole('button', { name: 'Create' }).click();
  await app.page.getByTestId('workspace-title').waitFor();
  await openData();
  let downloads = 0;
  app.page.on('download', () => downloads++);
  await app.page.getByTestId('export-oscal-ar').click();
  const status = app.page.getByTestId('oscal-status');
  await status.filter({ hasText: 'no assessment results yet' }).waitFor();
  assert.equal(await status.getAttribute('role'), 'alert');
  await app.page.getByTestId('export-oscal-poam').click();
  await status.filter({ hasText: 'would be empty' }).waitFor();
  assert.equal(downloads, 0);
});

test('nothing logged an error and no request left the origin', async () => {
  const foreign = app.requests.filter((url) => !url.startsWith(app.server.origin + '/isms/') && !url.startsWith('data:') && !url.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(app.consoleErrors, []);
});
