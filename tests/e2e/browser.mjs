// Shared set-up for the end-to-end tests: Debian's Chromium driven by
// playwright-core, the app's dist/ served under a sub-path by tests/serve.mjs,
// and a record of every console error and every request the page makes.
import { chromium } from 'playwright-core';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startServer } from '../serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '..');
const run = promisify(execFile);
export const DIST = process.env.DIST ?? join(here, '..', '..', 'dist');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium tries to reach the internet.
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * Starts the server and a persistent Chromium profile (so IndexedDB survives
 * reloads and new pages, as for a real user). Call `close()` when done.
 * `root` serves another build folder than DIST; `serviceWorkers: 'block'`
 * keeps the app's service worker (and its cache of the build) out.
 */
export async function openApp({ root = DIST, serviceWorkers = 'allow' } = {}) {
  const server = await startServer({ root, base: '/isms/' });
  const profile = await mkdtemp(join(tmpdir(), 'isms-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    serviceWorkers,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  const consoleErrors = [];
  const requests = [];
  const watch = (page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    page.on('request', (request) => requests.push(request.url()));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    server,
    context,
    page,
    consoleErrors,
    requests,
    /** Opens `hash` (such as '#/matrix') and waits for the app to mount. */
    async goto(hash = '', target = page) {
      await target.goto(server.url + hash);
      await target.waitForSelector('.app-header');
    },
    /** Loads the demo organisation from the home page; returns its workspace id. */
    async loadDemo() {
      await this.goto();
      await page.getByTestId('load-demo').click();
      await page.getByTestId('workspace-title').waitFor();
      return decodeURIComponent(page.url().split('#/workspace/')[1]);
    },
    /** The open workspace's export, downloaded from the Data page into a
     *  file of the profile's folder; returns its path. */
    async exportWorkspace() {
      await navLink(page, 'Data').click();
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
      const path = join(profile, `export-${Date.now()}.json`);
      await writeFile(path, await readFile(await file.path()));
      return path;
    },
    async close() {
      await context.close();
      await server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The lines of a CSV text as RFC 4180 reads them (quoted cells, doubled
 * quotes, commas and line breaks inside quotes). */
export function parseCsv(text) {
  const out = [];
  let line = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { line.push(cell); cell = ''; } else if (c === '\r') { /* skip */ } else if (c === '\n') { line.push(cell); out.push(line); line = []; cell = ''; } else cell += c;
  }
  if (cell || line.length) { line.push(cell); out.push(line); }
  return out;
}

/**
 * The main navigation's link `name`. On a desktop the workspace's pages sit
 * in groups whose links show once the group's button is pressed, on a phone
 * behind the "Menu" button: `click()` opens what hides the link first.
 */
export function navLink(page, name) {
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true, includeHidden: true });
  return {
    async click() {
      if (!(await link.isVisible())) {
        const menu = page.getByTestId('menu-toggle');
        if (await menu.isVisible()) {
          if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
        } else {
          const group = page.locator('.nav-group').filter({ has: page.getByRole('link', { name, exact: true, includeHidden: true }) });
          await group.locator('.nav-group-toggle').click();
        }
      }
      await link.click();
    },
    getAttribute: (attribute) => link.getAttribute(attribute),
    count: () => link.count(),
  };
}

/** Opens record `id` of a register table (rows `rowTestid`): its row's "⋯" menu, then "Open". */
export async function openRecord(page, rowTestid, id) {
  const row = page.locator(`[data-testid="${rowTestid}"][data-id="${id}"]`);
  await row.getByTestId('row-menu').click();
  await row.getByRole('button', { name: `Open ${id}` }).click();
}

/**
 * Every page of the app with the demo workspace `workspace` open: its name,
 * its hash and an element that shows it has finished rendering, and for a
 * register table the [row test id, record id] to open first.
 */
export function demoPages(workspace) {
  const ws = `#/workspace/${encodeURIComponent(workspace)}`;
  return [
    ['workspaces', '#/', '[data-testid="workspace-list"], [data-testid="load-demo"]'],
    ['matrix', '#/matrix', '.risk-matrix'],
    ['home', ws, '[data-testid="heat-map-inherent"] svg'],
    ['scenarios', `${ws}/scenarios`, '[data-testid="comparison"]'],
    ['quantitative', `${ws}/quant`, '[data-testid="run-simulation"]'],
    ['data', `${ws}/data`, '[data-testid="export-json"]'],
    ['assets', `${ws}/assets`, '[data-testid="asset-row"]'],
    ['risks', `${ws}/risks`, '[data-testid="risk-row"]'],
    ['risk editor', `${ws}/risk/R-0001`, '[data-testid="risk-form"]'],
    ['new risk', `${ws}/risks/new`, '[data-testid="risk-form"]'],
    ['soa', `${ws}/soa`, '[data-testid="soa-row"]'],
    ['plan', `${ws}/plan`, '[data-testid="action-row"]'],
    ['people', `${ws}/people`, '[data-testid="people-table"]'],
    ['methodology', `${ws}/methodology`, '[data-testid="current-methodology"]'],
    ['findings', `${ws}/findings`, '[data-testid="findings-total"]'],
    ['reports', `${ws}/reports`, '[data-testid="report-list"]'],
    ['soa report', `${ws}/reports/soa`, '[data-testid="soa-report-row"]'],
    ['risk register report', `${ws}/reports/risks`, '[data-testid="risk-report-row"]'],
    ['treatment plan report', `${ws}/reports/plan`, '[data-testid="plan-report-row"]'],
    ['summary report', `${ws}/reports/summary`, '[data-testid="summary-figures"]'],
    ['clauses', `${ws}/clauses`, '[data-testid="clause-row"]'],
    ['documents', `${ws}/documents`, '[data-testid="document-row"]'],
    // The cycle registers are tables: one record is opened to show its card.
    ['objectives', `${ws}/objectives`, '[data-testid="objective-trend"] svg', ['objective-row', 'OBJ-0001']],
    ['audits', `${ws}/audits`, '[data-testid="finding-row"]', ['audit-row', 'AUD-0001']],
    ['nonconformities', `${ws}/nonconformities`, '[data-testid="nc-card"]', ['nc-row', 'NC-0002']],
    ['incidents', `${ws}/incidents`, '[data-testid="incident-card"]', ['incident-row', 'INC-0003']],
    ['reviews', `${ws}/reviews`, '[data-testid="review-card"]', ['review-row', 'MR-0001']],
    ['management-review pack', `${ws}/reports/review-pack`, '[data-testid="pack-nonconformities"]'],
    ['clause readiness report', `${ws}/reports/clauses`, '[data-testid="clause-report-row"]'],
    ['internal audit report', `${ws}/reports/audits`, '[data-testid="finding-report-row"]'],
    ['nonconformity register report', `${ws}/reports/nonconformities`, '[data-testid="nc-report-row"]'],
  ];
}

/** Runs the engine's `isms` command line (built by `cargo test` before the
 *  e2e step, or now) and parses the JSON it prints. */
export async function cli(...args) {
  const { stdout } = await run('cargo', ['run', '--quiet', '-p', 'isms-engine', '--bin', 'isms', '--', ...args], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}
