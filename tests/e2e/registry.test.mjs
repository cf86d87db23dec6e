// The national 防返贫监测信息系统's person-level registry as an official meets
// it, on a 1366×768 screen: Ctrl+O, the preview says how the file was read
// (person rows, kinds, households to check, refused rows by cause), Enter
// imports households with the 户主 row as head wherever it stands, members
// are kept and shown masked, and the screening view points at the members
// each policy area concerns. Fixtures: tests/fixtures/make_registry_fixtures.py
// (openpyxl), checked against the truth that script writes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, click, openApp, rect, waitSaved, waitReady, waitTextFocus } from './helpers.mjs';

let server, b, page, truth;
const work = mkdtempSync(join(tmpdir(), 'htk-registry-'));
const count = (sql) => page.evaluate((q) => window.app.query(q)[0].n, sql);

async function openWithCtrlO(file) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+O')]);
  await chooser.setFiles(file);
}

before(async () => {
  const made = spawnSync('/usr/bin/python3', [join(ROOT, 'tests/fixtures/make_registry_fixtures.py'), work]);
  assert.equal(made.status, 0, String(made.stderr));
  truth = JSON.parse(readFileSync(join(work, 'registry_persons.json'), 'utf8'));
  ({ server, b, page } = await openApp('2022-06-07', { width: 1366, height: 768 }));
  page.on('filechooser', () => {});
});
after(async () => { await b.close(); server.stop(); });

test('Ctrl+O: the person-level export is previewed as households, with what to check grouped', async () => {
  await click(page, 'nav.screening');
  await openWithCtrlO(join(work, 'registry_persons.xlsx'));
  await page.waitForFunction(() => window.app.rect('households.import.summary'));
  assert.match((await rect(page, 'households.import.shape')).text,
    /表头在第 2 行；按人员名单（每行一人）读取：41 人/);
  assert.equal((await rect(page, 'households.import.summary')).text,
    '将新增 10 户，更新 0 户；0 户与现有记录相同；10 行无法导入。家庭成员：新增 34 人，变更 0 人，移除 0 人');
  const texts = async (prefix, n) => page.evaluate(([p, k]) =>
    Array.from({ length: k }, (_, i) => window.app.rect(`${p}.${i}`)?.text).filter(Boolean), [prefix, n]);
  const kinds = await texts('households.import.kind', 10);
  assert.ok(kinds.includes('  脱贫户 → 脱贫享受政策户：4 户'), kinds.join(' / '));
  assert.ok(kinds.includes('  监测户 / 脱贫不稳定户 / 风险是否消除：否 → 监测对象（风险未消除）：1 户'), kinds.join(' / '));
  assert.match(kinds.at(-1), /^  待核实：1 户（不是系统中的户类型/);
  const notices = await texts('households.import.notice', 10);
  assert.ok(notices.some((n) => /4110231020102.*没有户主.*整户未导入/.test(n)), notices.join(' / '));
  assert.ok(notices.some((n) => /4110231020201（孙翀、孙建国）：有 2 行标为户主（第 20、21 行）/.test(n)), notices.join(' / '));
  assert.ok(notices.some((n) => /4110231020202（周暐）.*人数一栏为 5，名单中有 4 人/.test(n)), notices.join(' / '));
  const groups = await texts('households.import.group', 10);
  assert.equal(groups.length, 4, groups.join(' / '));
  assert.ok(groups.some((g) => /校验位.*：2 行（第 16、41 行）$/.test(g)), groups.join(' / '));
  await page.screenshot({ path: join(ROOT, 'build', 'e2e-registry-preview.png') });

  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.app.rect('households.count')?.text === '共 10 户');
  assert.equal(await count('SELECT count(*) AS n FROM household_member'), 34);
  // Every name imported (rare characters beyond GB2312 among them: 堃 翀 暐 赟 …)
  // can be drawn, and a frame draws none of them as the '?' fallback.
  const names = (await page.evaluate(() => window.app.query('SELECT name FROM household_member'))).map((r) => r.name).join('');
  assert.match(names, /堃/);
  assert.equal(await page.evaluate((t) => window.app.missingGlyphs(t), names), '');
  assert.equal(await page.evaluate((t) => window.app.fallbackGlyphs(t), names), '');
  // Each head is the 户主 row of its household, not the first or last row listed.
  for (const h of truth.households.filter((x) => !['no_head', 'two_heads'].includes(x.note))) {
    const [row] = await page.evaluate((code) => window.app.query(
      `SELECT head_name, id_number, population FROM household WHERE code = '${code}'`), h.code);
    assert.deepEqual(row, { head_name: h.head_name, id_number: h.head_id, population: h.member_rows }, h.code);
  }
});

test('the screening view lists the members, masked, and who each area concerns', async () => {
  await click(page, 'households.search');
  await waitTextFocus(page);
  await page.keyboard.insertText('陈赟');
  await page.waitForFunction(() => window.app.rect('households.count').text.includes('搜索到 1 户'));
  assert.match((await rect(page, 'households.row.0')).text, /^陈赟\|411023\*{8}\d{3}[\dX]\|霍庄村$/);
  await click(page, 'households.row.0');
  await page.waitForFunction(() => window.app.rect('screening.household')?.text === '陈赟');
  await page.waitForFunction(() => window.app.rect('screening.member.3'));
  const members = await page.evaluate(() => [0, 1, 2, 3].map((i) => window.app.rect(`screening.member.${i}`).text));
  // The head first; ages on the campaign's day (排查整改 starts 2022-06-02).
  assert.deepEqual(members, [
    '陈赟|户主|411023********1193|43|劳动年龄',
    '赵红霞|配偶|411023********1169|41|劳动年龄',
    '陈玥|之女|411023********1209|16|劳动年龄',
    '陈浩然|之子|411023********1231|10|义务教育',
  ]);
  assert.equal((await rect(page, 'screening.concern.3')).text, '义务教育阶段（6–15 岁）：陈浩然（10 岁，小学）');
  assert.match((await rect(page, 'screening.concern.5')).text, /^劳动年龄（男 16–59 岁、女 16–54 岁）：陈赟（43 岁[^）]*）、赵红霞（41 岁[^）]*）、陈玥（16 岁[^）]*）$/);
  assert.match((await rect(page, 'screening.concern.2')).text, /^参保核对：全家 4 人/);
  // The full numbers only when asked, as for heads.
  await click(page, 'households.show_full_id');
  await page.waitForFunction(() => window.app.rect('screening.member.1').text.includes('411023198007071169'));
  await click(page, 'households.show_full_id');
  await page.waitForFunction(() => window.app.rect('screening.member.1').text.includes('********'));
  await page.screenshot({ path: join(ROOT, 'build', 'e2e-registry-screening.png') });
});

// A file comes into the app a slice per task (4 MB; a district's 135 MB
// registry would otherwise hold the page for a second). Cut into 997-byte
// slices, a GB18030 CSV is split inside its two-byte characters and rows:
// it must read exactly as whole — the same households, nothing to change.
test('a file arriving in many small slices reads exactly as whole', async () => {
  await page.evaluate(() => { HTK.files.SLICE = 997; });
  try {
    await openWithCtrlO(join(work, 'registry_persons_gbk.csv'));
    await page.waitForFunction(() => window.app.rect('households.import.summary'));
    assert.match((await rect(page, 'households.import.summary')).text,
      /^将新增 0 户，更新 0 户；10 户与现有记录相同；.*家庭成员：新增 0 人，变更 0 人，移除 0 人$/);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !window.app.rect('households.import.dialog'));
  } finally {
    await page.evaluate(() => { HTK.files.SLICE = 4 << 20; });
  }
});

test('the same list again changes nothing; members survive a reload', async () => {
  await openWithCtrlO(join(work, 'registry_persons.xlsx'));
  await page.waitForFunction(() => window.app.rect('households.import.summary'));
  assert.match((await rect(page, 'households.import.summary')).text,
    /^将新增 0 户，更新 0 户；10 户与现有记录相同；.*家庭成员：新增 0 人，变更 0 人，移除 0 人$/);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !window.app.rect('households.import.dialog'));
  await openWithCtrlO(join(work, 'registry_persons_changed.xlsx'));
  await page.waitForFunction(() => window.app.rect('households.import.summary'));
  assert.match((await rect(page, 'households.import.summary')).text,
    /^将新增 0 户，更新 1 户；9 户与现有记录相同；.*家庭成员：新增 1 人，变更 1 人，移除 1 人$/);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.app.rect('households.message')?.text.includes('成员新增 1 人'));
  await waitSaved(page);
  await page.reload();
  await waitReady(page);
  assert.equal(await count('SELECT count(*) AS n FROM household_member'), 34);
  assert.equal(await count("SELECT count(*) AS n FROM household_member WHERE name = '王欣然'"), 1);
});
