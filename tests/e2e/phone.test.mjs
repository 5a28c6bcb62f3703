// Phones: at 390 x 844 (a common phone's CSS viewport) no page of the demo
// workspace scrolls sideways. Wide content (a long table) may scroll inside
// its own box, but the page itself must fit the screen. A failure names the
// page and the elements that stick out past the right edge.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoPages, openApp, openRecord } from './browser.mjs';

let app;
let workspace;
before(async () => {
  app = await openApp();
  await app.page.setViewportSize({ width: 390, height: 844 });
  workspace = await app.loadDemo();
});
after(async () => {
  await app?.close();
});

/** The page's scroll and client widths, and the widest elements past its right edge. */
const overflow = () =>
  app.page.evaluate(() => {
    const root = document.scrollingElement;
    const limit = root.clientWidth;
    // Elements inside a box that scrolls sideways on its own do not widen the page.
    const clipped = (el) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if (x === 'auto' || x === 'scroll' || x === 'hidden' || x === 'clip') return true;
      }
      return false;
    };
    const sticking = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > limit + 0.5 && !clipped(el))
      .map((el) => {
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        const id = el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : '';
        return `${el.tagName.toLowerCase()}${cls}${id} (right ${Math.round(el.getBoundingClientRect().right)})`;
      })
      .slice(0, 6);
    return { scroll: root.scrollWidth, client: limit, sticking };
  });

test('at 390 x 844 no page of the demo workspace scrolls horizontally', async () => {
  const problems = [];
  for (const [name, hash, ready, open] of demoPages(workspace)) {
    await app.goto(hash);
    if (open) await openRecord(app.page, ...open);
    await app.page.locator(ready).first().waitFor();
    const { scroll, client, sticking } = await overflow();
    assert.ok(client > 300 && client <= 390, `${name}: a phone-sized viewport (${client} px)`);
    if (scroll > client) {
      problems.push(`${name}: ${scroll} px wide in ${client} px: ${sticking.join(', ')}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('at 390 x 844 the open menu fits the screen too', async () => {
  await app.goto(`#/workspace/${encodeURIComponent(workspace)}/risks`);
  await app.page.getByTestId('menu-toggle').click();
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Methodology', exact: true }).waitFor();
  const { scroll, client, sticking } = await overflow();
  assert.ok(scroll <= client, `${scroll} px wide in ${client} px: ${sticking.join(', ')}`);
  await app.page.getByTestId('menu-toggle').click();
});
