import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { click, explained, launch, startServer, waitReady, setUnitName } from './helpers.mjs';

let server, b, page;
before(async () => {
  server = await startServer();
  b = await launch({ viewport: { width: 1400, height: 900 } });
  page = b.page;
  await page.goto(server.url + '?today=2022-06-07');
  await waitReady(page);
  await setUnitName(page, '椹涧乡');
});
after(async () => { await b.close(); server.stop(); });

test('every click on a section takes', async () => {
  for (let i = 0; i < 150; i++) {
    await click(page, 'nav.ledger');
    await explained(page, 'click-ledger', () => page.waitForFunction(() => window.app.rect('ledger.new'), null, { timeout: 8000 }),
      ['nav.ledger']);
    await click(page, 'nav.home');
    await explained(page, 'click-home', () => page.waitForFunction(() => !window.app.rect('ledger.new'), null, { timeout: 8000 }),
      ['nav.home']);
  }
});
