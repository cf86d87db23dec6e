// Heavy work runs a slice per frame with a progress dialog and 取消 (core/task.h,
// ui/task_runner.h). On a CPU slowed eightfold (an office PC that is slower and
// busier than ours), writing a 20,000-row import, a registry's import and
// merging a district's files take many frames: the dialog says what is being done, Esc cancels and leaves
// the data exactly as it was, and done it is one undo step.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { persons, toCsv } from '../bench/district_data.mjs';
import { becomeDistrict, openApp } from './helpers.mjs';

const work = mkdtempSync(join(tmpdir(), 'htk-tasks-'));
const VIEW = { width: 1366, height: 768 };

// A hand-typed ledger: title, seal line, header, rows.
function ledgerCsv(unit, rows, first = 0) {
  let s = '\ufeff整改台账\n单位（盖章）：' + unit + '\n序号,问题类型,问题性质,问题表述,整改措施,完成时限,责任单位,所属村,整改状态\n';
  for (let i = first; i < first + rows; i++) {
    s += `${i + 1},就业扶贫,个性问题,第${i + 1}户家庭劳动力未实现稳定就业需开发公益岗位,推荐到县内企业务工并跟踪稳岗情况,` +
         `2022-06-28,${unit},第${(i % 40) + 1}村,整改中\n`;
  }
  return s;
}

let app, page, cdp;
before(async () => {
  app = await openApp('2022-06-15', VIEW);
  page = app.page;
  cdp = await page.context().newCDPSession(page);
});
after(async () => {
  await app?.b.close();
  app?.server.stop();
});

const problems = () => page.evaluate(() => window.app.query('SELECT count(*) AS n FROM problem WHERE deleted = 0')[0].n);
const task = () => page.evaluate(() => window.app.status().task);
const slow = (rate) => cdp.send('Emulation.setCPUThrottlingRate', { rate });
async function open(path) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+O')]);
  await chooser.setFiles(path);
}
// Waits for a task to be under way with its dialog drawn; returns what the dialog says.
async function waitTaskShown(stage) {
  const h = await page.waitForFunction((stage) => {
    const t = window.app.status().task, r = window.app.rect('task.stage');
    return t.running && r && r.text.includes(stage) ? r.text : null;
  }, stage, { timeout: 120000 });
  return h.jsonValue();
}
const waitTaskEnded = (n) => page.waitForFunction((n) => {
  const t = window.app.status().task;
  return !t.running && t.ended >= n;
}, n, { timeout: 240000 });

test('a 20,000-row import is written over many frames; Esc cancels it and nothing changes; done it is one undo step', async () => {
  const file = join(work, '陈曹乡_整改台账.csv');
  writeFileSync(file, ledgerCsv('陈曹乡', 20000));
  await open(file);
  await page.waitForFunction(() => window.app.rect('import.dialog'), null, { timeout: 120000 });
  const before = (await task()).ended;

  await slow(8);
  await page.keyboard.press('Enter');
  const shown = await waitTaskShown('正在写入台账');
  assert.match(shown, /正在写入台账… \d+%/);
  await page.keyboard.press('Escape');
  await waitTaskEnded(before + 1);
  await slow(1);
  assert.equal(await problems(), 0, 'a cancelled import leaves no row');
  await page.waitForFunction(() => window.app.rect('ledger.message')?.text.includes('已取消导入'));

  // Again, to the end: one undo step takes all 20,000 rows back.
  await open(file);
  await page.waitForFunction(() => window.app.rect('import.dialog'), null, { timeout: 120000 });
  await slow(8);
  await page.keyboard.press('Enter');
  await waitTaskShown('正在写入台账');
  await waitTaskEnded(before + 2);
  await slow(1);
  assert.equal(await problems(), 20000);
  const t = await task();
  assert.ok(t.steps > 1, `written over ${t.steps} frames, not in one`);
  await page.waitForFunction(() => window.app.rect('ledger.count')?.text === '共 20000 条问题');
  await page.keyboard.press('Control+Z');
  await page.waitForFunction(() => window.app.query('SELECT count(*) AS n FROM problem WHERE deleted = 0')[0].n === 0);
});

test('a registry import is read, checked and written on the task runner; Esc while writing changes nothing', async () => {
  const { header, rows } = persons(4000);
  const file = join(work, '建安区_防返贫监测_人员名单.csv');
  writeFileSync(file, toCsv(header, rows));
  const households = () => page.evaluate(() => window.app.query('SELECT count(*) AS n FROM household')[0].n);
  const members = () => page.evaluate(() => window.app.query('SELECT count(*) AS n FROM household_member')[0].n);
  const before = (await task()).ended;

  await slow(8);
  await open(file);
  // Read and checked in the task dialog (reading and checking are one bar), then the preview.
  assert.match(await waitTaskShown('正在'), /^正在(读取文件|逐户核对)… \d+%$/);
  await page.waitForFunction(() => window.app.rect('households.import.summary'), null, { timeout: 240000 });
  assert.ok((await task()).steps > 1, 'planned over several frames');
  assert.match((await page.evaluate(() => window.app.rect('households.import.summary').text)), /^将新增 4000 户，更新 0 户/);
  await page.keyboard.press('Enter');
  assert.match(await waitTaskShown('正在写入名册'), /^正在写入名册… \d+%$/);
  await page.keyboard.press('Escape');
  await waitTaskEnded(before + 2);
  await slow(1);
  assert.equal(await households(), 0, 'a cancelled write leaves no household');
  assert.equal(await members(), 0);
  await page.waitForFunction(() => window.app.rect('households.message')?.text.includes('已取消导入，数据没有改变'));

  // Again, to the end.
  await open(file);
  await page.waitForFunction(() => window.app.rect('households.import.summary'), null, { timeout: 240000 });
  await slow(8);
  await page.keyboard.press('Enter');
  await waitTaskShown('正在写入名册');
  await waitTaskEnded(before + 4);
  await slow(1);
  assert.ok((await task()).steps > 1, 'written over several frames');
  assert.equal(await households(), 4000);
  assert.equal(await members(), rows.length);
  await page.waitForFunction(() => window.app.rect('households.message')?.text.startsWith('已导入“建安区_防返贫监测_人员名单.csv”：新增 4000 户'));
});

test('a task whose next slice the browser never ran is stepped by a frame and goes on (the watchdog)', async () => {
  const file = join(work, '灵井镇_整改台账.csv');
  writeFileSync(file, ledgerCsv('灵井镇', 6000, 30000));
  await open(file);
  await page.waitForFunction(() => window.app.rect('import.dialog'), null, { timeout: 120000 });
  const before = (await task()).ended, rows = await problems();
  await page.evaluate(() => performance.clearMarks('htk-task-pump-stalled'));
  await slow(8);
  await page.keyboard.press('Enter');
  await waitTaskShown('正在写入台账');
  // The next message that would run a slice is lost.
  await page.evaluate(() => {
    const port = HTK.betweenFrames.channel.port1, run = port.onmessage;
    port.onmessage = () => { port.onmessage = run; };
  });
  await waitTaskEnded(before + 1);
  await slow(1);
  assert.equal(await problems(), rows + 6000);
  assert.ok(await page.evaluate(() => performance.getEntriesByName('htk-task-pump-stalled').length > 0),
    'the frame saw the slices stop and started them again');
});

test('区级汇总: a merge of several units\' files cancelled half-way leaves the ledger and the received files as they were', async () => {
  const towns = ['陈曹乡', '灵井镇', '椹涧乡', '新元街道'];
  await becomeDistrict(page, towns);
  const files = towns.map((t, i) => {
    const f = join(work, `${t}_整改台账_第2周.csv`);
    writeFileSync(f, ledgerCsv(t, 3000, i * 3000));
    return f;
  });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+O')]);
  await chooser.setFiles(files);
  await page.waitForFunction((n) => window.app.rect('district.import.dialog')?.text.startsWith(`收到 ${n} 个文件，可导入 ${n} 个`),
                             files.length, { timeout: 120000 });
  const before = (await task()).ended;
  const received = () => page.evaluate(() => window.app.query('SELECT count(*) AS n FROM received_file')[0].n);
  const startFiles = await received(), startRows = await problems();

  await slow(8);
  await page.keyboard.press('Enter');
  assert.match(await waitTaskShown('正在合并'), /正在合并“.+_整改台账_第2周\.csv”… \d+%/);
  await page.keyboard.press('Escape');
  await waitTaskEnded(before + 1);
  await slow(1);
  assert.equal(await problems(), startRows);
  assert.equal(await received(), startFiles);
  // The files wait in the dialog; Enter merges them all.
  await page.waitForFunction((n) => window.app.rect('district.import.dialog')?.text.startsWith(`收到 ${n} 个文件`), files.length);
  await page.keyboard.press('Enter');
  await waitTaskEnded(before + 2);
  await page.waitForFunction(() => window.app.rect('district.summary')?.text.startsWith('已导入 4 个文件：新增 12000 条'));
  assert.equal(await received(), startFiles + 4);
  assert.ok((await task()).steps >= 4, 'a file per frame at most');
});
