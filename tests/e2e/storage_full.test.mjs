// A full disk, for real: Chromium's quota for the page's origin is set below
// what one save needs (DevTools' Storage.overrideQuotaForOrigin), so IndexedDB
// refuses every write with QuotaExceededError. The user is told at once, keeps
// working in the open page, gets the data out as a backup and as the Excel
// ledger, and once there is space again everything is saved.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { click, launch, rect, setUnitName, setting, shownText, startServer, waitReady, waitSaved } from './helpers.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.stop());

const problems = (page) => page.evaluate(() => window.app.query('SELECT count(*) AS n FROM problem')[0].n);

test('storage full: told at once, nothing typed is lost, backup and export still work', async () => {
  const b = await launch();
  const work = mkdtempSync(join(tmpdir(), 'htk-full-'));
  try {
    const page = b.page;
    const cdp = await b.context.newCDPSession(page);
    const origin = new URL(server.url).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
    await page.goto(server.url + '?today=2022-06-07');
    await waitReady(page);

    await setUnitName(page, '壬镇');
    await page.waitForFunction(() => window.app.status().save === 'failed');
    const notice = await shownText(page, 'savefail.notice');
    assert.match(notice, /还没有保存到浏览器中（浏览器存储空间已满/);
    assert.match(notice, /下载备份/);
    assert.match(await shownText(page, 'status.save'), /保存失败：浏览器存储空间已满/);

    // Work goes on in the page.
    await click(page, 'nav.home');
    await click(page, 'demo.load');
    await page.waitForFunction(() => window.app.query('SELECT count(*) AS n FROM problem')[0].n > 0);
    const n = await problems(page);
    assert.equal(await shownText(page, 'status.unit'), '壬镇');

    // The backup holds everything typed since.
    const [db] = await Promise.all([page.waitForEvent('download'), click(page, 'savefail.backup')]);
    assert.equal(db.suggestedFilename(), '壬镇_回头看备份_20220607.db');
    await db.saveAs(join(work, 'b.db'));
    const py = spawnSync('/usr/bin/python3', ['-c', `import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("PRAGMA integrity_check").fetchone()[0], c.execute("SELECT count(*) FROM problem").fetchone()[0],
      c.execute("SELECT value FROM settings WHERE key = 'unit_name'").fetchone()[0])`, join(work, 'b.db')]);
    assert.equal(String(py.stdout).trim(), `ok ${n} 壬镇`, String(py.stderr));

    // So does the ledger export (Ctrl+E on 整改台账, as any day).
    await click(page, 'nav.ledger');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+E')]);
    assert.equal(xlsx.suggestedFilename(), '壬镇_整改台账_20220607.xlsx');
    await xlsx.saveAs(join(work, 'l.xlsx'));
    const rows = spawnSync('/usr/bin/python3', ['-c', `import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(sum(1 for r in ws.iter_rows(min_row=1, values_only=True) if isinstance(r[0], int)))`, join(work, 'l.xlsx')]);
    assert.equal(String(rows.stdout).trim(), String(n), String(rows.stderr));
    assert.equal(await page.evaluate(() => window.app.status().save), 'failed', 'still not stored');

    // Space again: 立即重试保存 stores it all; the notice goes; a reload has it.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await click(page, 'savefail.retry');
    await waitSaved(page);
    await page.waitForFunction(() => !window.app.rect('savefail.notice'));
    await page.reload();
    await waitReady(page);
    assert.equal(await setting(page, 'unit_name'), '壬镇');
    assert.equal(await problems(page), n);
  } finally { await b.close(); }
});
