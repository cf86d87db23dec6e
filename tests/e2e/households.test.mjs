// The household registry as a user meets it: a monitoring-system export
// dropped on any screen opens its own preview on 入户排查 (not the ledger's),
// Enter imports it, 身份证号 shows masked unless asked, search finds a
// household, and a reload keeps the registry and masks again.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, click, dropFile, openApp, rect, waitReady, waitSaved, waitTextFocus } from './helpers.mjs';

let server, b, page;
const work = mkdtempSync(join(tmpdir(), 'htk-households-'));
const households = () => page.evaluate(() => window.app.query('SELECT count(*) AS n FROM household')[0].n);

before(async () => {
  const made = spawnSync('/usr/bin/python3', [join(ROOT, 'tests/fixtures/make_ledger_fixtures.py'), work]);
  assert.equal(made.status, 0, String(made.stderr));
  ({ server, b, page } = await openApp('2022-06-07'));
});
after(async () => { await b.close(); server.stop(); });

test('a monitoring-system export is previewed as households, with every bad row explained', async () => {
  await click(page, 'nav.home');
  await dropFile(page, join(work, 'households.xlsx'), '建安区监测对象名册.xlsx');
  await page.waitForFunction(() => window.app.rect('households.import.summary'));
  assert.equal(await page.evaluate(() => window.app.rect('import.summary')), null);  // not the ledger's
  assert.match((await rect(page, 'households.import.summary')).text,
    /将新增 5 户，更新 0 户；0 户与现有记录相同；合并重复行 1 个；3 行无法导入/);
  // A 户类型 the tool does not know is kept, and said so.
  const kinds = await page.evaluate(() => [0, 1, 2, 3, 4].map((i) => window.app.rect(`households.import.kind.${i}`)?.text));
  assert.ok(kinds.some((k) => /贫困户：1 户（不是系统中的户类型，按原文保存/.test(k)), kinds.join(' / '));
  assert.match((await rect(page, 'households.import.error.0')).text, /^7:.*校验位/);
  assert.match((await rect(page, 'households.import.error.1')).text, /^8:.*存成了数字/);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.app.query('SELECT count(*) AS n FROM household')[0].n === 5);
  assert.equal(await page.evaluate(() => window.app.query('SELECT count(*) AS n FROM problem')[0].n), 0);
  assert.match((await rect(page, 'households.count')).text, /共 5 户/);
});

test('身份证号 is masked unless the user asks, and search finds a household', async () => {
  await page.waitForFunction(() => window.app.rect('households.row.0'));
  const rows = [];
  for (let i = 0; i < 4; i++) rows.push((await rect(page, `households.row.${i}`)).text);
  const zhang = rows.find((r) => r.startsWith('张某某'));
  assert.match(zhang, /^张某某\|411023\*{8}\d{3}[\dX]\|小宋村$/, rows.join(' / '));
  await click(page, 'households.show_full_id');
  await page.waitForFunction(() => /\|411023\d{11}[\dX]\|/.test(
    [0, 1, 2, 3].map((i) => window.app.rect(`households.row.${i}`).text).join('\n')));
  await click(page, 'households.show_full_id');
  await click(page, 'households.search');
  await waitTextFocus(page);
  await page.keyboard.insertText('鲁庄');
  await page.waitForFunction(() => window.app.rect('households.count').text.includes('搜索到 1 户'));
  assert.match((await rect(page, 'households.row.0')).text, /^黄某某\|/);
  await page.screenshot({ path: join(ROOT, 'build', 'e2e-households.png') });
});

test('the registry survives a reload, masked again', async () => {
  await waitSaved(page);
  await page.reload();
  await waitReady(page);
  assert.equal(await households(), 5);
  await click(page, 'nav.screening');
  await page.waitForFunction(() => window.app.rect('households.row.0'));
  assert.equal((await rect(page, 'households.show_full_id')).text, '0');
  assert.match((await rect(page, 'households.row.0')).text, /\*{8}|\|\|/);
});

test('screening a household by keyboard: 有问题 starts a ledger problem, opened with Enter', async () => {
  await click(page, 'nav.screening');
  await click(page, 'households.search');
  await waitTextFocus(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('张某某');
  await page.waitForFunction(() => window.app.rect('households.count').text.includes('搜索到 1 户'));
  await click(page, 'households.row.0');
  await page.waitForFunction(() => window.app.rect('screening.household')?.text === '张某某');
  // Leave the search box: keys now act on the points.
  await click(page, 'screening.count');
  await page.keyboard.press('1');                     // point 1 正常, on to point 2
  await page.waitForFunction(() => window.app.rect('screening.point.0').text.endsWith('|正常'));
  await page.keyboard.press('3');                     // point 2 不适用
  await page.keyboard.press('ArrowDown');             // skip point 3
  await page.keyboard.press('2');                     // point 4 有问题
  await page.waitForFunction(() => window.app.rect('screening.point.3').text.endsWith('|有问题'));
  assert.match((await rect(page, 'screening.point.1')).text, /\|不适用$/);
  assert.match((await rect(page, 'screening.point.2')).text, /\|未查$/);
  assert.match((await rect(page, 'screening.count')).text, /已查 3 \/ 35 个要点/);
  const problem = +(await rect(page, 'screening.problem')).text;
  const [row] = await page.evaluate((id) => window.app.query(
    `SELECT area, nature, description, resp_units, village, deadline FROM problem WHERE id = ${id}`), problem);
  assert.equal(row.nature, '个性问题');
  assert.equal(row.village, '小宋村');
  assert.match(row.description, /^小宋村张某某户/);
  assert.equal(row.deadline, '2022-06-29');
  const [link] = await page.evaluate(() => window.app.query(
    "SELECT count(*) AS n, max(problem_id) AS p FROM screening WHERE result = 'problem'"));
  assert.deepEqual(link, { n: 1, p: problem });
  await page.keyboard.press('Enter');                 // open it in the ledger to complete it
  await page.waitForFunction((d) => window.app.rect('editor.description')?.text === d, row.description);
  await page.screenshot({ path: join(ROOT, 'build', 'e2e-screening-problem.png') });
});

test('village points: 整村户厕改造率 from the counts, and progress per village', async () => {
  await click(page, 'nav.screening');
  await click(page, 'screening.tab.villages');
  await page.waitForFunction(() => window.app.rect('village.select'));
  assert.equal((await rect(page, 'village.select')).text, '椹涧乡 大宋村');
  const before = await page.evaluate(() => window.app.query('SELECT count(*) AS n FROM problem')[0].n);
  await click(page, 'village.toilets.done');
  await waitTextFocus(page);
  await page.keyboard.type('16');
  await page.keyboard.press('Tab');
  await page.keyboard.type('20');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => window.app.rect('village.toilets.result')?.text === '改造率 80.0%：有问题');
  assert.equal(await page.evaluate(() => window.app.query('SELECT count(*) AS n FROM problem')[0].n), before + 1);
  await click(page, 'screening.tab.progress');
  await page.waitForFunction(() => window.app.rect('progress.total'));
  // 5 households; 张某某 started (3 of 35 points); problems: his one and the first village's 户厕.
  assert.match((await rect(page, 'progress.total')).text, /^合计\|\|5\|0\|1\|4\|2$/);
  await page.screenshot({ path: join(ROOT, 'build', 'e2e-screening-progress.png') });
});

test('a village can be typed before its households are imported', async () => {
  await click(page, 'nav.screening');
  await click(page, 'screening.tab.villages');
  await click(page, 'village.new_township');
  await waitTextFocus(page);
  await page.keyboard.insertText('陈曹乡');
  await click(page, 'village.new_village');
  await waitTextFocus(page);
  await page.keyboard.insertText('新庄村');
  await click(page, 'village.add');
  await page.waitForFunction(() => window.app.query("SELECT count(*) AS n FROM village WHERE name = '新庄村'")[0].n === 1);
  await click(page, 'screening.tab.progress');
  await page.waitForFunction(() => window.app.rect('progress.total'));
});
