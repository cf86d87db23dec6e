// Screenshots of the main screens with the demo data, at the desks officials
// have: 1366×768 at 100 % and 125 % zoom, and 1920×1080. Writes
// docs/screens/<screen>-<size>.png (referenced from README.md).
//   node web/tools/screens.mjs [out-dir]     (after web/run has built the site)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT, click, launch, rect, startServer, waitReady } from '../../tests/e2e/helpers.mjs';

const out = process.argv[2] || join(ROOT, 'docs', 'screens');
mkdirSync(out, { recursive: true });
const sizes = [
  { name: '1366x768', viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 },
  // 125 % zoom: the page sees a CSS viewport of 1093×614 drawn at 1.25 device pixels each.
  { name: '1366x768-125', viewport: { width: 1093, height: 614 }, deviceScaleFactor: 1.25 },
  { name: '1920x1080', viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 },
];
const server = await startServer();
try {
  for (const size of sizes) {
    const b = await launch({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor });
    try {
      const page = b.page;
      await page.goto(server.url + '?today=2022-06-20');
      await waitReady(page);
      await click(page, 'nav.home');
      await click(page, 'demo.load');
      await page.waitForFunction(() => window.app.rect('home.figures'));
      const shot = async (name) => {
        await page.mouse.move(2, 2);  // no tooltip in the picture
        await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
        await page.screenshot({ path: join(out, `${name}-${size.name}.png`) });
      };
      await shot('home');
      await click(page, 'nav.ledger');
      await page.waitForFunction(() => window.app.rect('ledger.row.0'));
      await shot('ledger');
      await click(page, 'ledger.row.1');
      await page.waitForFunction(() => window.app.rect('editor.description'));
      await shot('ledger-editing');
      await click(page, 'nav.screening');
      await page.waitForFunction(() => window.app.rect('households.row.0'));
      await shot('households');
      await click(page, 'nav.weekly');
      await shot('weekly');
      console.log(`${size.name}: done`);
    } finally {
      await b.close();
    }
  }
} finally {
  server.stop();
}
