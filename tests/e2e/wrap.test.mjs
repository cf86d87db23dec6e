// Multi-line fields wrap as the user types (ImGuiInputTextFlags_WordWrap,
// app/third_party/patches/imgui/0003): the ledger editor's 问题表述 at
// 1366×768, where the editor is narrow. Where the caret is drawn is read from
// the IME textarea, which the page puts at ImGui's caret (PlatformImeData);
// how many lines the text takes from the field's `.lines` test mark.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { click, launch, loadDemo, rect, startServer, waitReady, waitSaved, waitTextFocus } from './helpers.mjs';

// 70 characters, no newline: five or so lines in the editor at 1366×768.
const LONG = '示例甲村张某某户住房为C级危房，2021年已纳入危房改造计划但至今未开工，' +
             '户主长期在外务工无人监管施工进度，村两委未按月跟踪上报进展情况';
const PASTE = '经核实，该户改造资金已拨付到位，因施工队伍短缺延误工期；乡镇已协调施工队伍进场，' +
              '村两委每周入户督促一次，确保六月底前完工并通过竣工验收，相关佐证资料同步归档备查。';

let server, b, page, cdp;
before(async () => {
  server = await startServer();
  b = await launch({ viewport: { width: 1366, height: 768 } });
  page = b.page;
  await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  cdp = await b.context.newCDPSession(page);
  await page.goto(server.url + '?today=2022-06-20');
  await waitReady(page);
  await loadDemo(page);
  await click(page, 'ledger.row.1');
  await page.waitForFunction(() => window.app.rect('editor.description'));
});
after(async () => { await b.close(); server.stop(); });

const nextFrame = () => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok())));

// Waits (frame by frame, 15 s at most) until probe()'s value passes ok(); fails saying what it was.
async function until(what, probe, ok) {
  const end = Date.now() + 15000;
  let v;
  while (!ok(v = await probe())) {
    if (Date.now() > end) assert.fail(`${what}: ${JSON.stringify(v)}`);
    await nextFrame();
  }
  return v;
}

// The field, its value and line count, and the caret: its line (0 = the first, from `home`, the caret at the
// field's start) and x from the line's start, in CSS px; `h` is a line's height.
let home = null;
async function state() {
  const s = await page.evaluate(() => {
    const r = document.getElementById('ime').getBoundingClientRect();
    const field = window.app.rect('editor.description');
    const lines = window.app.rect('editor.description.lines');
    return { x: r.left, y: r.top, h: r.height, field, text: field && field.text, lines: lines ? Number(lines.text) : 0 };
  });
  if (home) {
    s.line = Math.round((s.y - home.y) / s.h);
    s.dx = s.x - home.x;
  }
  return s;
}

async function descriptionIs(text) {
  return until('the field holds', async () => (await state()).text, (t) => t === text);
}

async function ime(text) {
  await cdp.send('Input.imeSetComposition', { text: 'pinyin', selectionStart: 6, selectionEnd: 6 });
  await cdp.send('Input.insertText', { text });
}

// Focuses 问题表述 with the caret at its start, and records where that is.
async function focusAtStart() {
  await click(page, 'editor.description');
  await waitTextFocus(page);
  await page.keyboard.press('Control+Home');
  const f = await rect(page, 'editor.description');
  home = null;
  home = await until('the caret at the field\'s start', state,
                     (s) => s.y >= f.y && s.y < f.y + s.h && s.x >= f.x && s.x < f.x + 12);
}

test('a long Chinese text typed through the IME wraps: the caret goes down a line at each wrap, never right of the field', async () => {
  await focusAtStart();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await descriptionIs('');
  // Typed a few characters at a time, as a user picks them in the IME: the caret is on the last line each time.
  let typed = '';
  const seen = [];
  for (const piece of LONG.match(/.{1,6}/gu)) {
    await ime(piece);
    typed += piece;
    await descriptionIs(typed);
    const s = await until(`the caret after ${typed.length} characters`, state,
                          (v) => v.lines >= 1 && v.line === v.lines - 1 && v.field.h >= v.lines * v.h);
    seen.push(s.line);
    assert.ok(s.x < s.field.x + s.field.w - s.h, `caret x ${s.x} inside the field (${s.field.x}..${s.field.x + s.field.w})`);
  }
  const s = await state();
  assert.ok(s.lines >= 4, `${s.lines} lines`);
  // Lines are filled: the text wraps at the field's width, not early.
  assert.ok(s.lines <= Math.ceil(LONG.length / Math.floor((s.field.w - 40) / s.h)) + 1, `${s.lines} lines`);
  // The caret went down a line at a time as the text reached the field's edge.
  assert.deepEqual(seen, [...seen].sort((a, c) => a - c), `caret lines ${seen}`);
  assert.deepEqual([...new Set(seen)], [...Array(s.lines).keys()], `caret lines ${seen}`);
  // Wrapping is display only: the text has no newline, and is stored as typed once the field is left.
  assert.equal(s.text, LONG);
  await click(page, 'ledger.count');
  await page.waitForFunction((t) => window.app.query(
    "SELECT description FROM problem WHERE description LIKE '示例甲村张某某户%'").map((r) => r.description)[0] === t, LONG);
  await waitSaved(page);
  const stored = await page.evaluate(() => window.app.query(
    "SELECT description FROM problem WHERE description LIKE '示例甲村张某某户%'")[0].description);
  assert.equal(stored, LONG);
  assert.ok(!stored.includes('\n'));
  // The whole text shows without scrolling once the field is left (drawn wrapped while inactive too).
  const left = await state();
  assert.equal(left.lines, s.lines);
  assert.ok(left.field.h >= left.lines * left.h, `field ${left.field.h} px for ${left.lines} lines`);
});

test('Home, End, Up and Down move by visual line; the end of a line is not the next line\'s start', async () => {
  await focusAtStart();
  const { lines } = await state();
  assert.ok(lines >= 4);
  // End: the end of the first line, drawn there (the same position is also the second line's start).
  await page.keyboard.press('End');
  const end0 = await until('End on line 1', state, (v) => v.dx > 100);
  assert.equal(end0.line, 0, 'End stays on the first line');
  // Typed there, a character lands where Home on the second line would put it.
  await page.keyboard.type('X');
  const atEnd = (await until('X typed', state, (v) => v.text.includes('X'))).text.indexOf('X');
  assert.ok(atEnd > 10 && atEnd < 30, `End at character ${atEnd}`);
  await page.keyboard.press('Backspace');
  await descriptionIs(LONG);
  // Down: the second line; Home: its start, which is where End of the first line was.
  await page.keyboard.press('Control+Home');
  await until('Control+Home', state, (v) => v.line === 0 && Math.abs(v.dx) < 2);
  await page.keyboard.press('ArrowDown');
  await until('Down to line 2', state, (v) => v.line === 1);
  await page.keyboard.press('Home');
  await until('Home on line 2', state, (v) => v.line === 1 && Math.abs(v.dx) < 2);
  await page.keyboard.type('Y');
  await until('Y typed', state, (v) => v.text.includes('Y'));
  assert.equal((await state()).text.indexOf('Y'), atEnd, 'line 2 starts where line 1 ends');
  await page.keyboard.press('Backspace');
  await descriptionIs(LONG);
  // End on line 2, then Up: the end of line 1 (not the start of line 2).
  await page.keyboard.press('End');
  await until('End on line 2', state, (v) => v.line === 1 && v.dx > 100);
  await page.keyboard.press('ArrowUp');
  await until('Up to the end of line 1', state, (v) => v.line === 0 && v.dx > 100);
  // Down to the last line, and no further; Up from there goes back up a line at a time.
  for (let i = 1; i < lines; i++) {
    await page.keyboard.press('ArrowDown');
    await until(`Down to line ${i + 1}`, state, (v) => v.line === i);
  }
  await page.keyboard.press('ArrowDown');
  await until('Down on the last line: the text\'s end', state, (v) => v.line === lines - 1);
  await page.keyboard.press('ArrowUp');
  await until('Up from the last line', state, (v) => v.line === lines - 2);
  // Control+End: the text's end, on the last line.
  await page.keyboard.press('Control+End');
  await until('Control+End', state, (v) => v.line === lines - 1);
});

test('a click on the second line puts the caret there; IME composition in the middle of a wrapped line', async () => {
  await focusAtStart();
  const s0 = await state();
  // A click four characters into the second line.
  const x = s0.field.x + 8 + 4.5 * s0.h, y = home.y + 1.5 * s0.h;
  await page.mouse.click(x, y);
  const s = await until('the caret on the clicked line', state, (v) => v.line === 1 && v.dx > 2 * s0.h);
  assert.ok(s.dx < 6 * s.h, `caret ${s.dx} px into the line`);
  // The IME's window is at the caret while composing, and nothing reaches the field until it is committed.
  await cdp.send('Input.imeSetComposition', { text: 'zhongjian', selectionStart: 9, selectionEnd: 9 });
  const composing = await state();
  assert.equal(composing.text, LONG);
  assert.equal(composing.line, 1);
  await cdp.send('Input.insertText', { text: '中间' });
  const t = await until('the committed text', state, (v) => v.text.includes('中间'));
  const at = t.text.indexOf('中间');
  assert.equal(t.text.replace('中间', ''), LONG);
  assert.ok(at > 14 && at < 40, `inserted at character ${at}, on the second line`);
  // The caret follows the inserted characters on that line (or at the next line's start when they filled it).
  assert.ok(t.line === 1 || (t.line === 2 && t.dx < 2 * t.h), `caret line ${t.line}`);
  // Ctrl+Z takes the characters back out one by one.
  await page.keyboard.press('Control+Z');
  await page.keyboard.press('Control+Z');
  await descriptionIs(LONG);
});

test('Ctrl+V of a long text wraps it; Ctrl+Z restores the text before', async () => {
  await focusAtStart();
  await page.keyboard.press('Control+End');
  const before = await until('caret at the end', state, (v) => v.line === v.lines - 1);
  await page.evaluate((t) => navigator.clipboard.writeText(t), PASTE);
  await page.keyboard.press('Control+V');
  const after = await until('the pasted text', state, (v) => v.text === LONG + PASTE && v.lines > before.lines + 2);
  assert.ok(!after.text.includes('\n'));
  // The field grows up to eight lines, then scrolls to keep the caret in view (the caret stays inside it).
  assert.ok(after.y >= after.field.y && after.y + after.h <= after.field.y + after.field.h + 1,
            `caret ${after.y} inside the field ${after.field.y}..${after.field.y + after.field.h}`);
  await page.keyboard.press('Control+Z');
  const undone = await until('Ctrl+Z undoes the paste', state, (v) => v.text === LONG && v.lines === before.lines);
  assert.equal(undone.line, before.lines - 1);
  // Leaving the field stores the text of before, unchanged.
  await click(page, 'ledger.count');
  await waitSaved(page);
  const stored = await page.evaluate(() => window.app.query(
    "SELECT description FROM problem WHERE description LIKE '示例甲村张某某户%'")[0].description);
  assert.equal(stored, LONG);
});
