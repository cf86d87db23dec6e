// 设置 as a district office sets up a campaign: 18 townships pasted as a list,
// the phase dates moved (a wrong date refused, nothing changed), a check point
// reworded and one added, and a list of villages imported from a sheet.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, click, dropFile, openApp, rect, waitReady, waitSaved, waitTextFocus } from './helpers.mjs';

let server, b, page;
const work = mkdtempSync(join(tmpdir(), 'htk-settings-'));
const query = (sql) => page.evaluate((q) => window.app.query(q), sql);

// 建安区's township-level units, as one might copy them from a document.
const TOWNSHIPS = '椹涧乡、灵井镇、陈曹乡、桂村乡、五女店镇、将官池镇、榆林乡、河街乡、小召乡、张潘镇、苏桥镇、蒋李集镇、' +
  '艾庄回族乡、尚集镇、长村张乡、丁庄街道、新元街道、北海街道';

before(async () => {
  const made = spawnSync('/usr/bin/python3', [join(ROOT, 'tests/fixtures/make_ledger_fixtures.py'), work]);
  assert.equal(made.status, 0, String(made.stderr));
  ({ server, b, page } = await openApp('2022-05-25'));
});
after(async () => { await b.close(); server.stop(); });

// Replaces what a text field holds, as a user selecting all and typing would.
async function retype(id, text) {
  await click(page, id);
  await waitTextFocus(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.waitForFunction((i) => window.app.rect(i).text === '', id);
  await page.keyboard.insertText(text);
  await page.waitForFunction(([i, t]) => window.app.rect(i).text === t, [id, text]);
}

test('18 townships pasted as a list, one removed, repeats skipped', async () => {
  await click(page, 'nav.settings');
  await click(page, 'settings.tab.townships');
  await click(page, 'townships.text');
  await waitTextFocus(page);
  await page.keyboard.insertText(TOWNSHIPS);
  await click(page, 'townships.add');
  await page.waitForFunction(() => window.app.rect('townships.count')?.text === '乡镇（街道）：18 个');
  await click(page, 'townships.text');
  await waitTextFocus(page);
  await page.keyboard.insertText('椹涧乡，区住建局');
  await click(page, 'townships.add');
  await page.waitForFunction(() => /已有：椹涧乡、区住建局/.test(window.app.rect('townships.message')?.text));
  await click(page, 'townships.remove.五女店镇');
  await page.waitForFunction(() => window.app.rect('townships.count')?.text === '乡镇（街道）：17 个');
  const rows = await query("SELECT name FROM unit WHERE kind = 'township' ORDER BY id");
  assert.deepEqual(rows.map((r) => r.name), TOWNSHIPS.split('、').filter((t) => t !== '五女店镇'));
  await page.screenshot({ path: join(ROOT, 'build', 'e2e-settings-townships.png') });
});

test('phase dates: a wrong one is refused and changes nothing, a right one is used everywhere', async () => {
  await click(page, 'settings.tab.campaign');
  await retype('campaign.phase.rectify.end', '2022-05-01');
  await click(page, 'campaign.save');
  await page.waitForFunction(() => window.app.rect('campaign.message')?.text === '排查整改的结束日期早于开始日期');
  await retype('campaign.phase.rectify.end', '6月底');
  await click(page, 'campaign.save');
  await page.waitForFunction(() => window.app.rect('campaign.message')?.text.startsWith('排查整改的结束日期：'));
  assert.deepEqual(await query("SELECT end_date FROM campaign_phase WHERE code = 'rectify'"), [{ end_date: '2022-06-29' }]);

  await retype('campaign.phase.rectify.end', '2022年7月6日');
  await retype('campaign.phase.accept.start', '2022-07-07');
  await retype('campaign.phase.accept.end', '2022-07-10');
  await click(page, 'campaign.save');
  await page.waitForFunction(() => window.app.rect('campaign.message')?.text === '已保存活动信息');
  assert.deepEqual(await query("SELECT code, start_date, end_date FROM campaign_phase ORDER BY seq"), [
    { code: 'mobilize', start_date: '2022-05-30', end_date: '2022-06-01' },
    { code: 'rectify', start_date: '2022-06-02', end_date: '2022-07-06' },
    { code: 'accept', start_date: '2022-07-07', end_date: '2022-07-10' }]);
  // The fields show what was saved, in one form.
  await page.waitForFunction(() => window.app.rect('campaign.phase.rectify.end')?.text === '2022-07-06');
  // The weekly reports follow: 排查整改 now has 5 weeks.
  await click(page, 'nav.weekly');
  await click(page, 'weekly.tab.reports');
  assert.match((await rect(page, 'weekly.weeks')).text, /第 5 周 6月30日—7月6日 $/);
});

test('a check point reworded and one added; the count follows', async () => {
  await click(page, 'nav.settings');
  await click(page, 'settings.tab.checklist');
  await page.waitForFunction(() => window.app.rect('checklist.count')?.text === '8 个方面，39 条排查要点');
  await click(page, 'checklist.area.1');
  const [first] = await query("SELECT p.id FROM check_point p JOIN area a ON a.id = p.area_id WHERE a.no = 1 ORDER BY p.no LIMIT 1");
  await click(page, `checklist.edit.${first.id}`);
  await retype('checklist.edit.text', '是否存在住房安全等级鉴定不准确的问题');
  await click(page, 'checklist.edit.save');
  await page.waitForFunction((id) => window.app.rect(`checklist.point.${id}`)?.text === '是否存在住房安全等级鉴定不准确的问题', first.id);
  await click(page, 'checklist.add.1');
  await click(page, 'checklist.edit.short');
  await waitTextFocus(page);
  await page.keyboard.insertText('房屋加固');
  await click(page, 'checklist.edit.text');
  await waitTextFocus(page);
  await page.keyboard.insertText('加固改造后是否存在新的安全隐患');
  await click(page, 'checklist.add.save');
  await page.waitForFunction(() => window.app.rect('checklist.count')?.text === '8 个方面，40 条排查要点');
  assert.deepEqual(await query("SELECT p.no, p.short, p.scope FROM check_point p JOIN area a ON a.id = p.area_id WHERE a.no = 1 ORDER BY p.no DESC LIMIT 1"),
    [{ no: 6, short: '房屋加固', scope: 'household' }]);
  await page.screenshot({ path: join(ROOT, 'build', 'e2e-settings-checklist.png') });
});

test('a list of villages imported from a sheet, previewed first; townships come along', async () => {
  await dropFile(page, join(work, 'villages.xlsx'), '村名单.xlsx');
  await page.waitForFunction(() => window.app.rect('villages.import.summary'));
  assert.equal((await rect(page, 'villages.import.summary')).text,
    '将新增 6 个村（3 个乡镇）；1 个村已在名单中；1 行无法导入');
  assert.match((await rect(page, 'villages.import.error.0')).text, /^9:.*没有填写村名/);
  assert.equal((await query('SELECT count(*) AS n FROM village'))[0].n, 0);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.app.query('SELECT count(*) AS n FROM village')[0].n === 6);
  assert.equal((await query("SELECT count(*) AS n FROM unit WHERE kind = 'township'"))[0].n, 17);  // all three listed already
  await waitSaved(page);
  await page.reload();
  await waitReady(page);
  await click(page, 'nav.settings');
  await click(page, 'settings.tab.townships');
  await page.waitForFunction(() => window.app.rect('townships.count')?.text === '乡镇（街道）：17 个');
});
