// The ledger as a user works it: add problems by keyboard with Chinese IME
// input, export the official Excel with Ctrl+E (checked with openpyxl),
// import a GB18030 CSV with Ctrl+O + Enter, paste rows from Excel, undo/redo,
// and find everything again after a reload.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, click, dropFile, launch, rect, setUnitName, startServer, tabTo, waitReady, waitSaved, waitTextFocus } from './helpers.mjs';

let server, b, page, cdp;
const work = mkdtempSync(join(tmpdir(), 'htk-ledger-'));
const count = () => page.evaluate(() => window.app.query(
  'SELECT count(*) AS n FROM problem WHERE deleted = 0')[0].n);

before(async () => {
  server = await startServer();
  b = await launch({ viewport: { width: 1400, height: 900 } });
  page = b.page;
  await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  cdp = await b.context.newCDPSession(page);
  // Intercept file choosers from the start: enabling it lazily races the key press.
  page.on('filechooser', () => {});
  await page.goto(server.url + '?today=2022-06-07');
  await waitReady(page);
  await setUnitName(page, '椹涧乡');
  await click(page, 'nav.ledger');
  await rect(page, 'ledger.new');
});
after(async () => { await b.close(); server.stop(); });

async function ime(text) {
  await cdp.send('Input.imeSetComposition', { text: 'pinyin', selectionStart: 6, selectionEnd: 6 });
  await cdp.send('Input.insertText', { text });
}

async function pick(field, option) {
  await click(page, `editor.${field}`);
  await click(page, `editor.${field}.option.${option}`);
  await page.waitForFunction(([f, o]) => window.app.rect(`editor.${f}`).text === o, [field, option]);
}

async function addProblem({ description, area, nature, measures, deadline, units }) {
  await page.keyboard.press('Alt+N');
  await waitTextFocus(page);                       // the editor focuses 问题表述
  await ime(description);
  await page.waitForFunction((d) => window.app.rect('editor.description').text === d, description);
  await tabTo(page, 'editor.measures');           // past 问题类型, 问题性质
  await waitTextFocus(page);
  await ime(measures);
  await page.waitForFunction((m) => window.app.rect('editor.measures').text === m, measures);
  await tabTo(page, 'editor.deadline');
  await waitTextFocus(page);
  await page.keyboard.type(deadline);
  await page.waitForFunction((d) => window.app.rect('editor.deadline').text === d, deadline);
  await tabTo(page, 'editor.resp_units');
  await waitTextFocus(page);
  await ime(units);
  await page.waitForFunction((u) => window.app.rect('editor.resp_units').text === u, units);
  await pick('area', area);
  await pick('nature', nature);
  const before = await count();
  await page.keyboard.press('Control+S');
  await page.waitForFunction((n) => window.app.query(
    'SELECT count(*) AS n FROM problem WHERE deleted = 0')[0].n === n + 1, before);
}

test('add two problems by keyboard and IME', async () => {
  await addProblem({ description: '小宋村宋某某住房未进行安全鉴定', area: '住房保障', nature: '个性问题',
                     measures: '6月10日前完成鉴定并悬挂标示牌', deadline: '2022/6/10', units: '区住建局' });
  await addProblem({ description: '脱贫户李某未签约家庭医生', area: '健康保障', nature: '个性问题',
                     measures: '本周内完成签约', deadline: '2022年6月8日', units: '区卫健委' });
  const rows = await page.evaluate(() => window.app.query(
    'SELECT area, nature, description, deadline, resp_units, reporting_unit, status FROM problem ORDER BY id'));
  assert.deepEqual(rows[0], { area: '住房保障', nature: '个性问题', description: '小宋村宋某某住房未进行安全鉴定',
                              deadline: '2022-06-10', resp_units: '区住建局', reporting_unit: '椹涧乡', status: 'open' });
  assert.equal(rows[1].deadline, '2022-06-08');
  // Both rows are in the table; the one due tomorrow is flagged 临期.
  await page.waitForFunction(() => window.app.rect('ledger.row.1'));
  assert.match((await rect(page, 'ledger.count')).text, /共 2 条/);
  await page.screenshot({ path: join(ROOT, 'build/e2e-ledger.png') });
});

test('invalid deadline is refused inline and not saved', async () => {
  await click(page, 'ledger.row.0');
  await click(page, 'editor.deadline');
  await waitTextFocus(page);
  await page.keyboard.press('Control+A');
  await ime('6月底');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement.id !== 'ime');
  const stored = await page.evaluate(() => window.app.query('SELECT deadline FROM problem ORDER BY id LIMIT 1')[0]);
  assert.equal(stored.deadline, '2022-06-10', 'the stored date is unchanged');
  assert.equal((await rect(page, 'editor.deadline')).text, '6月底', 'the typed text stays for correction');
  // Fix it: the field is saved when left.
  await click(page, 'editor.deadline');
  await waitTextFocus(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2022-06-12');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.app.query(
    'SELECT deadline FROM problem ORDER BY id LIMIT 1')[0].deadline === '2022-06-12');
  const hist = await page.evaluate(() => window.app.query(
    "SELECT old_value, new_value FROM problem_history WHERE field = 'deadline'"));
  assert.deepEqual(hist, [{ old_value: '2022-06-10', new_value: '2022-06-12' }]);
});

test('Ctrl+E downloads the official workbook, readable by openpyxl', async () => {
  await click(page, 'ledger.count');  // leave any field
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+E')]);
  assert.equal(download.suggestedFilename(), '椹涧乡_整改台账_20220607.xlsx');
  const path = join(work, 'export.xlsx');
  await download.saveAs(path);
  const py = spawnSync('/usr/bin/python3', ['-c', `
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
print(ws['A1'].value)
print(ws['A2'].value)
print('|'.join(str(c.value) for c in ws[3][:7]))
for r in ws.iter_rows(min_row=4, max_row=5, values_only=True):
    print('|'.join(str(v) for v in r[:7]))
print(ws.print_title_rows, ws.page_setup.orientation)
`, path], { encoding: 'utf8' });
  assert.equal(py.status, 0, py.stderr);
  const lines = py.stdout.trim().split('\n');
  assert.match(lines[0], /整改台账$/);
  assert.equal(lines[1], '单位（盖章）：椹涧乡');
  assert.equal(lines[2], '序号|问题类型|问题性质|问题表述|整改措施|完成时限|责任单位');
  assert.equal(lines[3], '1|住房保障|个性问题|小宋村宋某某住房未进行安全鉴定|6月10日前完成鉴定并悬挂标示牌|2022-06-12 00:00:00|区住建局');
  assert.match(lines[4], /^2\|健康保障\|/);
  assert.match(lines[5], /\$?3:\$?3 landscape/);
});

test('Ctrl+O imports a GB18030 CSV after a preview; Enter confirms', async () => {
  const csv = ['单位（盖章）：,椹涧乡', '序号,问题类别,问题性质,问题描述,整改措施,整改时限,牵头单位',
               '1,饮水安全,共性问题,集中供水点水质检测报告未张贴,6月25日前张贴,2022年6月25日,区水利局',
               '2,交通,个性问题,道路破损,维修,2022-06-30,区交通局', '备注：完成时限精准到日'].join('\r\n');
  const file = join(work, '手工台账.csv');
  const iconv = spawnSync('/usr/bin/python3', ['-c',
    'import sys; open(sys.argv[2], "wb").write(sys.argv[1].encode("gb18030"))', csv, file]);
  assert.equal(iconv.status, 0);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+O')]);
  await chooser.setFiles(file);
  await page.waitForFunction(() => window.app.rect('import.summary'));
  assert.match((await rect(page, 'import.summary')).text, /新增 1 条.*1 行无法导入/);
  assert.match((await rect(page, 'import.error.0')).text, /^4:问题类型“交通”/);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !window.app.rect('import.dialog'));
  assert.equal(await count(), 3);
  const row = await page.evaluate(() => window.app.query(
    "SELECT area, deadline, reporting_unit FROM problem WHERE description LIKE '集中供水点%'")[0]);
  assert.deepEqual(row, { area: '饮水安全保障', deadline: '2022-06-25', reporting_unit: '椹涧乡' });
});

test('Esc cancels an import and changes nothing', async () => {
  const file = join(work, 'again.csv');
  writeFileSync(file, '\ufeff问题类型,问题性质,问题表述,整改措施,完成时限,责任单位\r\n' +
                      '金融扶贫,个性问题,贷款逾期,督促还款,2022-06-20,区金融工作局\r\n');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'ledger.import')]);
  await chooser.setFiles(file);
  await page.waitForFunction(() => window.app.rect('import.summary'));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !window.app.rect('import.dialog'));
  assert.equal(await count(), 3);
});

test('rows pasted from Excel are added through the same preview', async () => {
  await click(page, 'ledger.count');
  await page.evaluate(() => navigator.clipboard.writeText(
    '综合保障\t个性问题\t低保金未按时发放\t立即补发\t2022-06-18\t区民政局\n'));
  await page.keyboard.press('Control+V');
  await page.waitForFunction(() => window.app.rect('import.summary'));
  assert.match((await rect(page, 'import.summary')).text, /新增 1 条/);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.app.query(
    "SELECT count(*) AS n FROM problem WHERE deleted = 0")[0].n === 4);
});

test('undo and redo with Ctrl+Z / Ctrl+Y, and everything survives a reload', async () => {
  await click(page, 'ledger.count');
  await page.keyboard.press('Control+Z');   // the paste
  await page.waitForFunction(() => window.app.query('SELECT count(*) AS n FROM problem WHERE deleted = 0')[0].n === 3);
  await page.keyboard.press('Control+Y');
  await page.waitForFunction(() => window.app.query('SELECT count(*) AS n FROM problem WHERE deleted = 0')[0].n === 4);
  await page.keyboard.press('Control+Z');
  await page.waitForFunction(() => window.app.query('SELECT count(*) AS n FROM problem WHERE deleted = 0')[0].n === 3);
  await waitSaved(page);
  await page.reload();
  await waitReady(page);
  await click(page, 'nav.ledger');
  await page.waitForFunction(() => window.app.rect('ledger.row.2'));
  assert.match((await rect(page, 'ledger.count')).text, /共 3 条/);
  assert.equal((await rect(page, 'ledger.row.0')).text, '小宋村宋某某住房未进行安全鉴定');
});

test('text still being typed is written when the page is hidden or closed', async () => {
  await click(page, 'ledger.row.0');
  await click(page, 'editor.measures');
  await waitTextFocus(page);
  await page.keyboard.press('Control+End');
  await ime('，已通知户主');
  await page.waitForFunction(() => window.app.rect('editor.measures').text.endsWith('已通知户主'));
  // No Enter, no Tab: the field is still active when the page is left (the
  // browser sends pagehide when a tab closes; a test cannot wait through a real one).
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  await waitSaved(page);
  await page.reload();
  await waitReady(page);
  const m = await page.evaluate(() => window.app.query('SELECT measures FROM problem ORDER BY id LIMIT 1')[0].measures);
  assert.match(m, /，已通知户主$/);
  await click(page, 'nav.ledger');
  await rect(page, 'ledger.row.0');
});

test('Delete asks first, and Ctrl+Z brings the row back', async () => {
  await click(page, 'ledger.row.0');
  await click(page, 'ledger.count');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.app.query('SELECT count(*) AS n FROM problem WHERE deleted = 0')[0].n === 2);
  await page.keyboard.press('Control+Z');
  await page.waitForFunction(() => window.app.query('SELECT count(*) AS n FROM problem WHERE deleted = 0')[0].n === 3);
});

const drop = (path, name) => dropFile(page, path, name);

test('a hand-made workbook dropped on the page is previewed and imported', async () => {
  const dir = join(work, 'fixtures');
  const made = spawnSync('/usr/bin/python3', [join(ROOT, 'tests/fixtures/make_ledger_fixtures.py'), dir]);
  assert.equal(made.status, 0, String(made.stderr));
  await click(page, 'nav.home');  // dropping works from any screen
  const before = await count();
  await drop(join(dir, 'hand_made.xlsx'), '椹涧乡手工台账.xlsx');
  await page.waitForFunction(() => window.app.rect('import.summary'));
  // Five good rows (one already came in from the CSV test: same unit, same 问题表述).
  const summary = (await rect(page, 'import.summary')).text;
  const [, added, updated, same] = summary.match(/新增 (\d+) 条，更新 (\d+) 条；(\d+) 条与现有记录相同；2 行无法导入/);
  assert.equal(+added + +updated + +same, 5, summary);
  assert.match((await rect(page, 'import.error.0')).text, /^10:问题类型“交通”/);
  assert.match((await rect(page, 'import.error.1')).text, /^11:.*“6月底”要精准到日/);
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => window.app.query(
    'SELECT count(*) AS n FROM problem WHERE deleted = 0')[0].n === n, before + +added);
  // Dropping the same file again changes nothing.
  await drop(join(dir, 'hand_made.xlsx'), '椹涧乡手工台账.xlsx');
  await page.waitForFunction(() => window.app.rect('import.summary'));
  assert.match((await rect(page, 'import.summary')).text, /新增 0 条，更新 0 条；5 条与现有记录相同/);
  await page.keyboard.press('Escape');
});

test('a zip bomb is refused with a clear message and changes nothing', async () => {
  const before = await count();
  await drop(join(work, 'fixtures', 'bomb.xlsx'), 'bomb.xlsx');
  await page.waitForFunction(() => window.app.rect('ledger.message'));
  await page.waitForFunction(() => window.app.rect('ledger.message').text.includes('解压后超过'), null, { timeout: 5000 })
    .catch(async (e) => { throw new Error('message: ' + (await rect(page, 'ledger.message')).text); });
  assert.equal(await count(), before);
});
