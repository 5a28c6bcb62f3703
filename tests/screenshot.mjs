// Screenshots of the built app for a human to look at (not a test).
//   node tests/screenshot.mjs OUT_DIR [hash ...]     e.g. '' '#/matrix'
// Serves dist/ under /isms/ like the end-to-end tests, optionally creates a
// workspace first (SEED_WORKSPACE=name) or loads the demo organisation
// (DEMO=1; `{ws}` in a hash stands for its id), and writes one PNG per page.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openApp } from './e2e/browser.mjs';

const [outDir = 'screenshots', ...hashes] = process.argv.slice(2);
await mkdir(outDir, { recursive: true });
const app = await openApp();
// VIEWPORT=390x844 for a phone; 1280x800 otherwise.
const [width, height] = (process.env.VIEWPORT ?? '1280x800').split('x').map(Number);
await app.page.setViewportSize({ width, height });
try {
  await app.goto();
  if (process.env.SEED_WORKSPACE) {
    for (const name of process.env.SEED_WORKSPACE.split(',')) {
      await app.page.getByLabel('New workspace').fill(name);
      await app.page.getByRole('button', { name: 'Create' }).click();
      // Creating opens the workspace; come back for the next one.
      await app.page.getByTestId('workspace-title').waitFor();
      await app.goto();
    }
  }
  let workspace = '';
  if (process.env.DEMO) {
    await app.page.getByTestId('load-demo').click();
    await app.page.getByTestId('workspace-title').waitFor();
    workspace = app.page.url().split('#/workspace/')[1];
  }
  for (const theme of (process.env.THEMES ?? 'light').split(',')) {
    await app.page.evaluate((t) => localStorage.setItem('isms-workbench.theme', JSON.stringify(t)), theme);
    // The theme is read when the app starts: start it again.
    await app.page.reload();
    await app.page.waitForSelector('.app-header');
    for (const pattern of hashes.length ? hashes : ['']) {
      const hash = pattern.replace('{ws}', workspace);
      await app.goto(hash);
      await app.page.waitForTimeout(300);
      const name = (pattern.replace('{ws}', 'ws').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home') + `-${theme}-${width}.png`;
      await app.page.screenshot({ path: join(outDir, name), fullPage: true });
      console.log(join(outDir, name));
    }
  }
  if (app.consoleErrors.length) console.log('console errors:', app.consoleErrors);
} finally {
  await app.close();
}
