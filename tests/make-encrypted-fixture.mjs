// Makes tests/fixtures/encrypted/v2.isms.enc.json: tests/fixtures/schema/v2.json
// encrypted exactly as the app's "Export encrypted" does (the envelope of
// engine/src/exchange/encrypted.rs), with Node's WebCrypto, so a test that
// decrypts it in the app proves the format has not drifted.
//
//   node tests/make-encrypted-fixture.mjs [PLAIN] [OUT] [PASSPHRASE]
//
// The fixture is committed; run this only to change it on purpose.
import { readFile, writeFile } from 'node:fs/promises';
import { webcrypto as crypto } from 'node:crypto';

export const FIXTURE_PASSPHRASE = 'correct horse battery staple';

const here = (path) => new URL(path, import.meta.url);
const [plainPath, outPath, passphrase] = [
  process.argv[2] ?? here('fixtures/schema/v2.json'),
  process.argv[3] ?? here('fixtures/encrypted/v2.isms.enc.json'),
  process.argv[4] ?? FIXTURE_PASSPHRASE,
];

const iterations = 600000;
const plain = await readFile(plainPath);
const salt = crypto.getRandomValues(new Uint8Array(16));
const nonce = crypto.getRandomValues(new Uint8Array(12));
const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
const key = await crypto.subtle.deriveKey(
  { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
  base,
  { name: 'AES-GCM', length: 256 },
  false,
  ['encrypt'],
);
const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, key, plain));
const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const envelope = {
  format: 'isms-workbench-encrypted',
  version: 1,
  kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: b64(salt) },
  cipher: { name: 'AES-GCM', nonce: b64(nonce) },
  ciphertext: b64(ciphertext),
};
await writeFile(outPath, JSON.stringify(envelope, null, 2));
console.log(`wrote ${outPath} (${ciphertext.length} bytes of ciphertext)`);
