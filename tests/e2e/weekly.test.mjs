// 周报 as a unit makes them: week 1 frozen from the ledger, a problem done and
// another overdue by week 3, the changes shown, and both weeks exported as the
// official ledger with a statistics sheet (read back with openpyxl); week 1
// exported again still shows week 1.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, click, dropFile, openApp, rect, setUnitName, waitReady, waitSaved, waitTextFocus } from './helpers.mjs';

let server, b, page;
const work = mkdtempSync(join(tmpdir(), 'htk-weekly-'));

before(async () => {
  const made = spawnSync('/usr/bin/python3', [join(ROOT, 'tests/fixtures/make_ledger_fixtures.py'), work]);
  assert.equal(made.status, 0, String(made.stderr));
  ({ server, b, page } = await openApp('2022-06-07'));
  await setUnitName(page, '椹涧乡');
  await dropFile(page, join(work, 'gbk.csv'), '台账.csv');
  await page.waitForFunction(() => window.app.rect('import.summary'));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.app.query('SELECT count(*) AS n FROM problem')[0].n === 5);
});
after(async () => { await b.close(); server.stop(); });

async function openpyxl(path, script) {
  const py = spawnSync('/usr/bin/python3', ['-c', `import openpyxl,sys,json\nwb=openpyxl.load_workbook(sys.argv[1])\n${script}`, path]);
  assert.equal(py.status, 0, String(py.stderr));
  return JSON.parse(String(py.stdout));
}
const stats = `s=wb.worksheets[1]\nprint(json.dumps({'sheets': wb.sheetnames, 'total': s['B3'].value, 'done': s['B4'].value, 'overdue': s['B7'].value, 'date': wb.worksheets[0]['E2'].value}))`;

test('week 1 freezes the ledger', async () => {
  await click(page, 'nav.weekly');
  await click(page, 'weekly.generate');
  await page.waitForFunction(() => window.app.rect('weekly.message')?.text.includes('第 1 周'));
  assert.match((await rect(page, 'weekly.diff')).text, /^新增 5 条，完成 0 条，新超期 0 条，仍未完成 0 条$/);
  await waitSaved(page);
});

test('week 3 shows what changed and both weeks export as they were', async () => {
  // A problem done in the ledger, then the calendar moves on to week 3.
  const [first] = await page.evaluate(() => window.app.query("SELECT id FROM problem WHERE deadline = '2022-06-10'"));
  await click(page, 'nav.ledger');
  await click(page, 'ledger.row.0');
  await click(page, 'editor.status.done');
  await page.waitForFunction((id) => window.app.query(`SELECT status FROM problem WHERE id = ${id}`)[0].status === 'done', first.id);
  await waitSaved(page);
  await page.goto(server.url + '?today=2022-06-16');
  await waitReady(page);
  // 首页 points out week 2, which ended without a report.
  await click(page, 'nav.home');
  assert.match((await rect(page, 'home.missed_reports')).text, /^第 2 周的周报还没有生成（各周截至 6月15日）/);
  await click(page, 'nav.weekly');
  await click(page, 'weekly.generate');
  await page.waitForFunction(() => window.app.rect('weekly.message')?.text.includes('第 3 周'));
  // 6-10 done; 6-15 now overdue.
  assert.match((await rect(page, 'weekly.diff')).text, /^新增 0 条，完成 1 条，新超期 1 条，仍未完成 4 条$/);

  let [download] = await Promise.all([page.waitForEvent('download'), click(page, 'weekly.export.3')]);
  assert.equal(download.suggestedFilename(), '椹涧乡_整改台账_第3周_20220616.xlsx');
  const week3 = join(work, 'week3.xlsx');
  await download.saveAs(week3);
  assert.deepEqual(await openpyxl(week3, stats),
    { sheets: ['整改台账（第3周）', '本周统计'], total: 5, done: 1, overdue: 1, date: '2022 年 6 月 16 日' });

  [download] = await Promise.all([page.waitForEvent('download'), click(page, 'weekly.export.1')]);
  assert.equal(download.suggestedFilename(), '椹涧乡_整改台账_第1周_20220607.xlsx');
  const week1 = join(work, 'week1.xlsx');
  await download.saveAs(week1);
  assert.deepEqual(await openpyxl(week1, stats),
    { sheets: ['整改台账（第1周）', '本周统计'], total: 5, done: 0, overdue: 0, date: '2022 年 6 月 7 日' });
  await page.screenshot({ path: join(ROOT, 'build', 'e2e-weekly.png') });
});

test('首页 shows the phase, the figures, each area by status and the weeks', async () => {
  await click(page, 'nav.home');
  await page.waitForFunction(() => window.app.rect('home.figures'));
  assert.equal((await rect(page, 'home.today')).text, '今天 6月16日，排查整改阶段第 3 周，本阶段还剩 14 天');
  assert.equal((await rect(page, 'home.figures')).text, '问题 5 条：已完成 1（完成率 20.0%），整改中 0，待整改 4');
  assert.equal((await rect(page, 'home.warnings')).text, '1|0');  // 6-15 overdue; none due within 3 days
  assert.match((await rect(page, 'home.area.0')).text, /^住房保障：共 2 条，已完成 1，整改中 0，待整改 1$/);
  // Found in week 1 (entered 6-07, no 发现日期), one done in week 3 (6-16? no: done on 6-07).
  assert.match((await rect(page, 'home.week.0')).text, /^第1周：新发现 5 条，完成 1 条$/);
  const bar = await rect(page, 'home.area.0');
  await page.mouse.move(bar.x + 5, bar.y + bar.h / 2);
  await page.screenshot({ path: join(ROOT, 'build', 'e2e-home-dashboard.png') });
});

test('总结验收: the 整改报告 draft from the ledger, edited, kept, exported with the signed final ledger', async () => {
  await click(page, 'nav.weekly');
  await click(page, 'weekly.tab.final');
  await click(page, 'report.generate');
  await page.waitForFunction(() => window.app.rect('report.text'));
  const text = (await rect(page, 'report.text')).text;
  assert.match(text, /^椹涧乡关于建安区/);
  assert.match(text, /共排查发现问题 5 个/);
  // An edit typed into the draft is kept across a reload.
  await click(page, 'report.text');
  await waitTextFocus(page);
  await page.keyboard.press('Control+Home');
  await page.keyboard.insertText('（草稿）');
  await click(page, 'report.generate');  // leaving the box keeps the text; this asks before replacing it
  await page.keyboard.press('Escape');
  await waitSaved(page);
  await page.reload();
  await waitReady(page);
  await click(page, 'nav.weekly');
  await click(page, 'weekly.tab.final');
  await page.waitForFunction(() => window.app.rect('report.text')?.text.startsWith('（草稿）椹涧乡关于'));

  let [download] = await Promise.all([page.waitForEvent('download'), click(page, 'report.export_txt')]);
  assert.equal(download.suggestedFilename(), '椹涧乡_整改报告_20220616.txt');
  const txt = join(work, 'report.txt');
  await download.saveAs(txt);
  assert.match(readFileSync(txt, 'utf8'), /^\ufeff（草稿）椹涧乡关于/);
  [download] = await Promise.all([page.waitForEvent('download'), click(page, 'report.export_xlsx')]);
  const xlsx = join(work, 'final.xlsx');
  await download.saveAs(xlsx);
  const got = await openpyxl(xlsx, `s=wb.worksheets[0]\nv=[str(c.value) for r in s.iter_rows() for c in r if c.value]\nprint(json.dumps({'sheets': wb.sheetnames, 'signed': '主要负责同志签字：' in v, 'stamp': '（单位公章）' in v, 'title': wb['整改报告']['A1'].value}))`);
  assert.deepEqual(got, { sheets: ['整改台账（最终）', '整改报告'], signed: true, stamp: true,
    title: '（草稿）椹涧乡关于建安区 2022 年度第一轮巩固拓展脱贫攻坚成果行业政策落实“回头看”工作的整改报告' });
  await page.screenshot({ path: join(ROOT, 'build', 'e2e-report.png') });
});

test('动员部署: the 工作方案 is kept as typed and shows whether it was on time', async () => {
  await click(page, 'nav.weekly');
  await click(page, 'weekly.tab.plan');
  await page.waitForFunction(() => window.app.rect('plan.state'));
  assert.equal((await rect(page, 'plan.state')).text, '已逾期 15 天，尚未报送（应于6月1日前报送）');  // today is 6-16
  await click(page, 'plan.content');
  await waitTextFocus(page);
  await page.keyboard.insertText('对照八个方面39个要点逐户排查');
  await click(page, 'plan.date');
  await waitTextFocus(page);
  await page.keyboard.insertText('6月31日');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => window.app.rect('plan.date_error'));
  await click(page, 'plan.date');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('2022/5/31');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => window.app.rect('plan.state').text === '已按时报送（5月31日）');
  const [row] = await page.evaluate(() => window.app.query('SELECT content, submitted_on FROM work_plan'));
  assert.deepEqual(row, { content: '对照八个方面39个要点逐户排查', submitted_on: '2022-05-31' });
  const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'plan.export')]);
  assert.equal(download.suggestedFilename(), '椹涧乡_工作方案_20220616.xlsx');
  const path = join(work, 'plan.xlsx');
  await download.saveAs(path);
  assert.deepEqual(await openpyxl(path, "s=wb.worksheets[0]\nprint(json.dumps([s['A3'].value, s['B3'].value, s['B6'].value]))"),
    ['排查的具体内容', '对照八个方面39个要点逐户排查', '2022年5月31日']);
});
