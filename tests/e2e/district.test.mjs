// 区级汇总 as the district office uses it: 18 units' files (ten exported by
// the app, eight made by hand, one of them a GB18030 CSV) dropped on the page
// at once, attributed and merged; dropped again, nothing changes; who
// reported; the units ranked; a seeded sample drawn twice the same, a finding
// recorded; the 抽查清单, the 通报 and the roll-up exported and read back with
// openpyxl; everything still there after a reload; a file naming no unit
// waits for the user to choose one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, BUILD, becomeDistrict, click, dropFile, openApp, rect, waitReady, waitSaved, waitTextFocus } from './helpers.mjs';

let server, b, page;
const work = mkdtempSync(join(tmpdir(), 'htk-district-'));
const files = join(work, 'files');
const TOWNSHIPS = ['椹涧乡', '灵井镇', '陈曹乡', '桂村乡', '五女店镇', '将官池镇', '榆林乡', '河街乡', '小召乡', '张潘镇',
  '苏桥镇', '蒋李集镇'];
// 12 + 5i mod 11 problems for unit i (tests/fixtures/district_fixture_rows.h).
const TOTAL = Array.from({ length: 18 }, (_, i) => 12 + (i * 5) % 11).reduce((a, b) => a + b);

before(async () => {
  let made = spawnSync(join(BUILD, 'native/tests/core/district_fixtures'), [files]);
  assert.equal(made.status, 0, String(made.stderr));
  made = spawnSync('/usr/bin/python3', [join(ROOT, 'tests/fixtures/make_district_fixtures.py'), files]);
  assert.equal(made.status, 0, String(made.stderr));
  assert.equal(readdirSync(files).length, 18);
  ({ server, b, page } = await openApp('2022-06-20'));
  await becomeDistrict(page, TOWNSHIPS);
});
after(async () => { await b.close(); server.stop(); });

// Drops every file of the folder at once, each with its own modified time.
async function dropAll() {
  const list = readdirSync(files).sort().map((name) => ({
    name, b64: readFileSync(join(files, name)).toString('base64'), time: statSync(join(files, name)).mtimeMs,
  }));
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list)
      dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { lastModified: f.time }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, list);
}

async function openpyxl(path, script) {
  const py = spawnSync('/usr/bin/python3', ['-c', `import openpyxl,sys,json\nwb=openpyxl.load_workbook(sys.argv[1])\n${script}`, path]);
  assert.equal(py.status, 0, String(py.stderr));
  return JSON.parse(String(py.stdout));
}

async function download(mark, name) {
  const [d] = await Promise.all([page.waitForEvent('download'), click(page, mark)]);
  const path = join(work, name);
  await d.saveAs(path);
  return { path, name: d.suggestedFilename() };
}

test('18 files dropped at once are attributed and merged', async () => {
  await dropAll();
  await page.waitForFunction((t) => window.app.rect('district.import.dialog')?.text.startsWith(
    `收到 18 个文件，可导入 18 个，共 ${t} 条问题`), TOTAL, { timeout: 20000 })
    .catch(async (e) => { throw new Error(e + ' ' + JSON.stringify(await rect(page, 'district.import.dialog'))); });
  await page.screenshot({ path: join(ROOT, 'build', 'e2e-district-import.png') });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.app.rect('district.summary'));
  assert.equal((await rect(page, 'district.summary')).text,
    `已导入 18 个文件：新增 ${TOTAL} 条，更新 0 条，未变 0 条，冲突 0 条，1 行无法导入`);
  await page.keyboard.press('Enter');
  const units = await page.evaluate(() => window.app.query(
    'SELECT reporting_unit AS u, count(*) AS n FROM problem GROUP BY u ORDER BY u'));
  assert.equal(units.length, 18);
  assert.equal(units.reduce((a, r) => a + r.n, 0), TOTAL);
  assert.deepEqual(units.find((r) => r.u === '区人社局'), { u: '区人社局', n: 12 + (16 * 5) % 11 });  // the GB18030 CSV
  await waitSaved(page);
});

test('dropping the same files again changes nothing', async () => {
  const history = await page.evaluate(() => window.app.query('SELECT count(*) AS n FROM problem_history')[0].n);
  await dropAll();
  await page.waitForFunction(() => window.app.rect('district.import.dialog')?.text.startsWith('收到 18 个文件'));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.app.rect('district.summary'));
  assert.equal((await rect(page, 'district.summary')).text,
    `已导入 18 个文件：新增 0 条，更新 0 条，未变 ${TOTAL} 条，冲突 0 条，1 行无法导入`);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => window.app.query('SELECT count(*) AS n FROM problem')[0].n), TOTAL);
  assert.equal(await page.evaluate(() => window.app.query('SELECT count(*) AS n FROM problem_history')[0].n), history);
  assert.equal(await page.evaluate(() => window.app.query('SELECT count(*) AS n FROM received_file')[0].n), 18);
});

test('who reported: received, late and missing per week', async () => {
  await click(page, 'district.tab.reporting');
  // 24 units expected (12 townships, 12 departments); 陈曹乡 and 区水利局 were late with week 2.
  await page.waitForFunction(() => window.app.rect('district.report.total.1'));
  assert.equal((await rect(page, 'district.report.total.1')).text, '已报 16 · 迟报 2 · 未报 6');
  assert.equal((await rect(page, 'district.report.total.0')).text, '已报 0 · 迟报 0 · 未报 24');
  assert.equal((await rect(page, 'district.report.2.1')).text, '陈曹乡 迟报 ' + (12 + 10 % 11));
  assert.equal((await rect(page, 'district.report.0.2')).text, '椹涧乡 未到期 0');
  await page.screenshot({ path: join(ROOT, 'build', 'e2e-district-reporting.png') });
});

test('units ranked; a unit opens in the merged ledger', async () => {
  await click(page, 'district.tab.units');
  await page.waitForFunction(() => window.app.rect('district.unit.0'));
  assert.match((await rect(page, 'district.unit.0')).text, /^椹涧乡 1 83\.3%$/);
  await page.screenshot({ path: join(ROOT, 'build', 'e2e-district-units.png') });
  await click(page, 'district.unit.0');
  await page.waitForFunction(() => window.app.rect('district.ledger.count')?.text === '全区共 310 条问题，筛选后 12 条');
  assert.equal((await rect(page, 'ledger.filter_unit')).text, '椹涧乡');
});

test('a seeded sample: the same seed draws the same problems; a finding is recorded', async () => {
  await click(page, 'district.tab.sample');
  const draw = async () => {
    await click(page, 'district.sample.new');
    await page.waitForFunction(() => window.app.rect('district.sample.dialog'));
    await click(page, 'district.sample.seed');
    await waitTextFocus(page);
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('20220620');
    await page.waitForFunction(() => window.app.rect('district.sample.preview')?.text === '将从 310 条问题中抽取 31 条');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !window.app.rect('district.sample.dialog'));
  };
  await draw();
  await page.waitForFunction(() => window.app.rect('district.sample.head')?.text.includes('种子 20220620'));
  assert.equal((await rect(page, 'district.sample.head')).text,
    '从 310 条问题中按 10% 抽取 31 条，按单位分层，种子 20220620；已核查 0/31 条');
  await draw();
  const picks = await page.evaluate(() => window.app.query(
    'SELECT spot_check_id AS c, group_concat(problem_id) AS ids FROM (SELECT * FROM spot_check_item ORDER BY seq) GROUP BY c'));
  assert.equal(picks.length, 2);
  assert.equal(picks[0].ids, picks[1].ids);
  assert.equal(picks[0].ids.split(',').length, 31);

  await click(page, 'district.sample.finding.0');
  await page.waitForFunction(() => window.app.rect('district.sample.pick.1'));
  await click(page, 'district.sample.pick.1');
  await page.waitForFunction(() => window.app.query(
    "SELECT count(*) AS n FROM spot_check_item WHERE finding = '整改不到位' AND checked_on = '2022-06-20'")[0].n === 1);
  await page.screenshot({ path: join(ROOT, 'build', 'e2e-district-sample.png') });

  const list = await download('district.sample.export_list', 'list.xlsx');
  assert.match(list.name, /_抽查清单_20220620\.xlsx$/);
  assert.deepEqual(await openpyxl(list.path,
    "s=wb.worksheets[0]\nprint(json.dumps({'sheets': wb.sheetnames, 'head': [c.value for c in s[2]][:3], 'rows': s.max_row - 2, 'result': s['L3'].value}))"),
    { sheets: ['抽查清单', '填写说明'], head: ['序号', '填报单位', '所属乡镇'], rows: 31, result: null });
  const results = await download('district.sample.export_results', 'results.xlsx');
  assert.deepEqual(await openpyxl(results.path,
    "s=wb.worksheets[0]\nprint(json.dumps({'sheets': wb.sheetnames, 'result': s['L3'].value, 'date': s['N3'].value}))"),
    { sheets: ['抽查结果', '各单位发现率'], result: '整改不到位', date: '2022-06-20' });
});

test('the 通报 names late units and findings; the roll-up has a sheet per unit', async () => {
  await click(page, 'district.tab.bulletin');
  await page.waitForFunction(() => window.app.rect('district.bulletin.text'));
  const text = (await rect(page, 'district.bulletin.text')).text;
  assert.match(text, /迟报2个（陈曹乡、区水利局）/);
  assert.match(text, /整改不到位1个/);
  assert.match(text, /全区共排查发现问题310个/);
  await page.screenshot({ path: join(ROOT, 'build', 'e2e-district-bulletin.png') });
  const bulletin = await download('district.bulletin.export', 'bulletin.xlsx');
  assert.deepEqual(await openpyxl(bulletin.path, "print(json.dumps(wb.sheetnames))"), ['通报', '单位排名']);
  const rollup = await download('district.rollup.export', 'rollup.xlsx');
  assert.match(rollup.name, /_全区整改台账汇总_20220620\.xlsx$/);
  const got = await openpyxl(rollup.path, [
    "out={'sheets': len(wb.sheetnames), 'first': wb.sheetnames[0], 'rows': 0}",
    "for ws in wb.worksheets[1:]:",
    "  out['rows'] += sum(1 for r in ws.iter_rows(min_row=4) if isinstance(r[0].value, (int, float)))",
    "print(json.dumps(out))"].join('\n'));
  assert.deepEqual(got, { sheets: 19, first: '汇总', rows: TOTAL });
});

test('after a reload everything is still there', async () => {
  await waitSaved(page);
  const before = (await rect(page, 'district.overview')).text;
  await page.reload();
  await waitReady(page);
  await click(page, 'nav.district');
  await page.waitForFunction(() => window.app.rect('district.overview'));
  assert.equal((await rect(page, 'district.overview')).text, before);
  assert.match(before, /^已收到 18 个文件，18\/24 个单位报送；全区问题 310 个/);
});

test('a file that names no unit waits until one is chosen', async () => {
  const path = join(work, '新台账.xlsx');
  const py = spawnSync('/usr/bin/python3', ['-c', [
    'import openpyxl,sys',
    'wb=openpyxl.Workbook(); ws=wb.active',
    "ws.append(['序号','问题类型','问题性质','问题表述','整改措施','完成时限','责任单位'])",
    "ws.append([1,'饮水安全','个性问题','椹涧乡某村水窖未清洗消毒','本周内清洗消毒并检测','2022-06-25','区水利局'])",
    'wb.save(sys.argv[1])'].join('\n'), path]);
  assert.equal(py.status, 0, String(py.stderr));
  await dropFile(page, path, '新台账.xlsx');
  await page.waitForFunction(() => window.app.rect('district.import.dialog')?.text ===
    '收到 1 个文件，可导入 0 个，共 0 条问题；1 个文件请选择填报单位');
  await page.keyboard.press('Enter');  // nothing to import yet: Enter does nothing
  assert.ok(await page.evaluate(() => window.app.rect('district.import.dialog')));
  await click(page, 'district.import.unit.0');
  await click(page, 'district.import.pick.椹涧乡');
  await page.waitForFunction(() => window.app.rect('district.import.dialog')?.text === '收到 1 个文件，可导入 1 个，共 1 条问题');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.app.rect('district.summary'));
  assert.equal((await rect(page, 'district.summary')).text, '已导入 1 个文件：新增 1 条，更新 0 条，未变 0 条，冲突 0 条');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => window.app.query(
    "SELECT count(*) AS n FROM problem WHERE reporting_unit = '椹涧乡' AND description LIKE '%水窖%'")[0].n), 1);
});
