// A week's cycle without the mouse: name the unit, add a problem (choices by
// arrow keys), set its status, generate the weekly report and export it —
// Tab/Shift+Tab, Space, Enter, arrows, Ctrl+1…6 and F1 only, with the focus
// drawn where the keys act. The mouse is never moved or clicked.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { openApp, pngPixels, rect, tabTo, waitFocused, waitSaved, waitTextFocus } from './helpers.mjs';

let server, b, page;
const work = mkdtempSync(join(tmpdir(), 'htk-keyboard-'));

before(async () => { ({ server, b, page } = await openApp('2022-06-07', { width: 1366, height: 768 })); });
after(async () => { await b.close(); server.stop(); });

const frames = () => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
const count = (sql) => page.evaluate((q) => window.app.query(q)[0].n, sql);

// Opens the focused combo with Enter (the focus lands on its first option),
// moves with ↓ to the option, takes it with Enter.
const kFirstOption = { area: '住房保障', nature: '共性问题' };
async function choose(combo, option) {
  await tabTo(page, `editor.${combo}`);
  await page.keyboard.press('Enter');
  await waitFocused(page, `editor.${combo}.option.${kFirstOption[combo]}`);
  const mark = `editor.${combo}.option.${option}`;
  for (let i = 0; !(await rect(page, mark)).focused; i++) {
    assert.ok(i < 20, `${option} never got the focus`);
    await page.keyboard.press('ArrowDown');
    await frames();
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction(([c, o]) => window.app.rect(`editor.${c}`).text === o, [combo, option]);
}

// Alt+N, the fields in Tab order (the two choices by arrows), Ctrl+S: one more problem stored.
async function addByKeys({ description, area, measures, deadline, units }) {
  const before = await count('SELECT count(*) AS n FROM problem WHERE deleted = 0');
  await page.keyboard.press('Alt+N');
  await waitTextFocus(page);
  await page.keyboard.insertText(description);
  await choose('area', area);
  await choose('nature', '个性问题');
  for (const [field, text] of [['measures', measures], ['deadline', deadline], ['resp_units', units]]) {
    await tabTo(page, `editor.${field}`);
    await waitTextFocus(page);
    await page.keyboard.insertText(text);
  }
  await page.keyboard.press('Control+S');
  await page.waitForFunction((n) => window.app.query('SELECT count(*) AS n FROM problem WHERE deleted = 0')[0].n === n + 1,
                             before);
}

// The focus is drawn: a dark red frame (the theme's NavCursor) around the widget.
async function focusFrameDrawn(id) {
  const r = await rect(page, id);
  const pad = 6;
  const shot = await page.screenshot({ clip: { x: r.x - pad, y: r.y - pad, width: r.w + 2 * pad, height: r.h + 2 * pad } });
  const { px, channels } = pngPixels(shot);
  let red = 0;
  for (let i = 0; i < px.length; i += channels) if (px[i] > 150 && px[i + 1] < 70 && px[i + 2] < 70) red++;
  return red;
}

test('F1 lists the keys of every page, Ctrl+1…6 among them; Esc closes it', async () => {
  await page.keyboard.press('F1');
  await page.waitForFunction(() => window.app.rect('help.keys'));
  assert.match((await rect(page, 'help.keys')).text, /Ctrl\+1 … Ctrl\+6；Tab \/ Shift\+Tab；/);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !window.app.rect('help.keys'));
});

test('the unit is named in 设置, reached with Ctrl+6 and Tab', async () => {
  await page.keyboard.press('Control+6');
  await tabTo(page, 'settings.unit_name');
  await waitTextFocus(page);
  await page.keyboard.insertText('椹涧乡');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.app.query("SELECT value FROM settings WHERE key = 'unit_name'")[0]?.value === '椹涧乡');
});

test('a problem added, its choices made with arrows, saved with Ctrl+S, its status set with Space', async () => {
  await page.keyboard.press('Control+2');
  await page.waitForFunction(() => window.app.rect('ledger.new'));
  await addByKeys({ description: '小宋村宋某某住房未进行安全鉴定', area: '住房保障', measures: '6月10日前完成鉴定并悬挂标示牌',
                    deadline: '2022-06-10', units: '区住建局' });
  // The stored problem stays open; 整改状态 is first in its editor: back up to 整改中 and press Space.
  await page.waitForFunction(() => window.app.rect('editor.close'));
  await tabTo(page, 'editor.status.in_progress', { back: true });
  assert.ok(await focusFrameDrawn('editor.status.in_progress') > 20, 'the focus is drawn around 整改中');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => window.app.query('SELECT status FROM problem')[0].status === 'in_progress');
  assert.equal(await count("SELECT count(*) AS n FROM problem WHERE status = 'in_progress'"), 1);
});

test('the table by keyboard: Tab reaches it, ↓ moves the selection with the focus, Enter opens the editor', async () => {
  // A second problem, so that there is somewhere to move.
  await addByKeys({ description: '脱贫户李某未签约家庭医生', area: '健康保障', measures: '本周内完成签约', deadline: '2022-06-08',
                    units: '区卫健委' });
  await tabTo(page, 'ledger.search', { back: true });
  await page.keyboard.press('Escape');  // out of the search box, the focus stays on it
  await frames();
  // From the search box on, the next stops lead into the table and onto the selected row.
  const onRow = async () => (await rect(page, 'ledger.row.0')).focused || (await rect(page, 'ledger.row.1')).focused;
  for (let i = 0; !(await onRow()); i++) {
    assert.ok(i < 15, 'Tab never reached the table');
    await page.keyboard.press('Tab');
    await frames();
  }
  const selected = () => page.evaluate(() => window.app.rect('editor.description')?.text);
  const first = await selected();
  const other = first === '脱贫户李某未签约家庭医生' ? '小宋村宋某某住房未进行安全鉴定' : '脱贫户李某未签约家庭医生';
  await page.keyboard.press((await rect(page, 'ledger.row.0')).focused ? 'ArrowDown' : 'ArrowUp');
  await page.waitForFunction((d) => window.app.rect('editor.description')?.text === d, other);
  await page.keyboard.press('Enter');  // to the editor, at 整改状态
  await waitFocused(page, 'editor.status.open');
});

test('周报 by keyboard: Ctrl+4, Tab to 生成本周报告, Enter; Tab to its 导出 Excel, Enter downloads it', async () => {
  await waitSaved(page);
  await page.keyboard.press('Control+4');
  await tabTo(page, 'weekly.generate');
  assert.ok(await focusFrameDrawn('weekly.generate') > 20, 'the focus is drawn around 生成本周报告');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.app.rect('weekly.message')?.text.includes('第 1 周'));
  assert.equal(await count('SELECT count(*) AS n FROM weekly_report'), 1);
  await tabTo(page, 'weekly.export.1');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.equal(download.suggestedFilename(), '椹涧乡_整改台账_第1周_20220607.xlsx');
  const path = join(work, 'week1.xlsx');
  await download.saveAs(path);
  const py = spawnSync('/usr/bin/python3', ['-c', `import openpyxl,sys
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(sum(1 for r in ws.iter_rows(values_only=True) if any(isinstance(v, str) and '住房未进行安全鉴定' in v for v in r)))`, path]);
  assert.equal(py.status, 0, String(py.stderr));
  assert.equal(String(py.stdout).trim(), '1');
  // Nothing in this file moved or pressed the mouse.
  const s = await page.evaluate(() => window.app.status());
  assert.equal(s.input.mouse, false);
});
