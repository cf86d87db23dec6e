// 备份与恢复 as a user meets it: 首页 reminds that nothing was ever backed up,
// one click downloads the whole database (read back by Python's sqlite3), a
// broken file is refused without change, Esc changes nothing, Enter puts the
// backup back — and that survives a reload.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, click, dropFile, openApp, rect, setUnitName, setting, waitReady, waitSaved, waitTextFocus } from './helpers.mjs';

let server, b, page;
const work = mkdtempSync(join(tmpdir(), 'htk-backup-'));
const households = () => page.evaluate(() => window.app.query('SELECT count(*) AS n FROM household')[0].n);
let backupPath;

before(async () => {
  const made = spawnSync('/usr/bin/python3', [join(ROOT, 'tests/fixtures/make_ledger_fixtures.py'), work]);
  assert.equal(made.status, 0, String(made.stderr));
  ({ server, b, page } = await openApp('2022-06-07'));
  await setUnitName(page, '椹涧乡');
  await dropFile(page, join(work, 'households.xlsx'), '名册.xlsx');
  await page.waitForFunction(() => window.app.rect('households.import.summary'));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.app.query('SELECT count(*) AS n FROM household')[0].n === 5);
});
after(async () => { await b.close(); server.stop(); });

test('首页 asks for a first backup; one click downloads the whole database', async () => {
  await click(page, 'nav.home');
  assert.match((await rect(page, 'home.backup_due')).text, /^本机的数据还从未备份过/);
  const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'home.backup')]);
  assert.equal(download.suggestedFilename(), '椹涧乡_回头看备份_20220607.db');
  backupPath = join(work, 'backup.db');
  await download.saveAs(backupPath);
  assert.equal(readFileSync(backupPath).subarray(0, 16).toString('latin1'), 'SQLite format 3\0');
  // An independent reader: Python's sqlite3 opens it and finds the data.
  const py = spawnSync('/usr/bin/python3', ['-c', `import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("PRAGMA integrity_check").fetchone()[0], c.execute("SELECT count(*) FROM household").fetchone()[0],
      c.execute("SELECT value FROM settings WHERE key = 'unit_name'").fetchone()[0])`, backupPath]);
  assert.equal(String(py.stdout).trim(), 'ok 5 椹涧乡', String(py.stderr));
  await page.waitForFunction(() => !window.app.rect('home.backup_due'));
  assert.equal(await setting(page, 'last_backup_on'), '2022-06-07');
});

test('a broken backup is refused and changes nothing', async () => {
  const half = join(work, 'half.db');
  const bytes = readFileSync(backupPath);
  writeFileSync(half, bytes.subarray(0, Math.floor(bytes.length / 2)));
  await dropFile(page, half, '椹涧乡_回头看备份_20220607.db');
  assert.match((await rect(page, 'restore.error')).text, /已损坏/);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !window.app.rect('restore.dialog'));
  assert.equal(await households(), 5);
});

test('restoring shows what the backup holds; Esc keeps today\'s data, Enter puts the backup back', async () => {
  await click(page, 'nav.settings');
  await click(page, 'settings.unit_name');
  await waitTextFocus(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('灵井镇');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.app.query("SELECT value FROM settings WHERE key = 'unit_name'")[0]?.value === '灵井镇');
  await click(page, 'settings.tab.storage');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'backup.restore')]);
  await chooser.setFiles(backupPath);
  assert.match((await rect(page, 'restore.summary')).text, /^单位：椹涧乡\n问题 0 条，农户 5 户，排查记录 0 条，周报 0 份/);
  // Checked in a Web Worker (app/web_worker), the broken file before it too.
  assert.equal(await page.evaluate(() => performance.getEntriesByName('htk-db-check-done').length), 2);
  await page.screenshot({ path: join(ROOT, 'build', 'e2e-restore.png') });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => window.app.rect('backup.message')?.text === '已取消恢复，数据没有改变。');
  assert.equal(await setting(page, 'unit_name'), '灵井镇');

  await dropFile(page, backupPath, 'backup.db');
  await rect(page, 'restore.summary');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.app.rect('backup.message')?.text === '已从“backup.db”恢复数据。');
  assert.equal(await setting(page, 'unit_name'), '椹涧乡');
  assert.match((await rect(page, 'status.unit')).text, /椹涧乡/);  // every screen read it again
  assert.equal(await households(), 5);
  await waitSaved(page);
  await page.reload();
  await waitReady(page);
  assert.equal(await setting(page, 'unit_name'), '椹涧乡');
  assert.equal(await households(), 5);
});
