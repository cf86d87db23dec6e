// The page's own rules: a Content-Security-Policy that allows nothing from
// elsewhere and no inline code but its own, and not one request beyond the
// page's own files, through a day's work (demo data, exports, a backup, an
// import). Any CSP violation fails the test.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { click, launch, rect, startServer, waitReady } from './helpers.mjs';

let server, b, page;
const requests = [];

before(async () => {
  server = await startServer();
  b = await launch({ viewport: { width: 1400, height: 900 } });
  page = b.page;
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('request', (r) => requests.push(r.url()));
  page.on('filechooser', () => {});
  await page.goto(server.url + '?today=2022-06-20');
  await waitReady(page);
});
after(async () => { await b.close(); server.stop(); });

test('the policy allows nothing from elsewhere and no eval', async () => {
  const policy = await page.evaluate(() =>
    document.querySelector('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'));
  assert.match(policy, /^default-src 'none'; script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|\*|https?:/);
  // It is enforced: an injected inline script does not run, and the refusal
  // reaches the listener the next test relies on.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.append(s);
  });
  await page.waitForFunction(() => window.__csp.length === 1);
  assert.equal(await page.evaluate(() => window.__ran), undefined);
  await page.evaluate(() => { window.__csp = []; });
});

test('a day of work makes no request beyond the page\'s own files and breaks no rule', async () => {
  await click(page, 'nav.home');
  await click(page, 'demo.load');
  await page.waitForFunction(() => window.app.rect('home.figures'));
  await click(page, 'nav.ledger');
  await rect(page, 'ledger.row.0');
  await click(page, 'ledger.count');
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+E')]);
  const path = await xlsx.path();
  await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+Shift+E')]);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+O')]);
  await chooser.setFiles(path);
  await page.waitForFunction(() => window.app.rect('import.summary'));
  await page.keyboard.press('Escape');
  await click(page, 'nav.settings');
  await click(page, 'settings.tab.storage');
  await Promise.all([page.waitForEvent('download'), click(page, 'backup.download')]);

  const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  assert.ok(requests.some((u) => u.endsWith('/app.wasm')), 'the wasm came from the page\'s own server');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
});
