// Typing into an ImGui field through the hidden-textarea bridge: Chinese via
// IME composition, plain typing, editing keys, Enter/Tab, and the clipboard.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { click, launch, setting, shownText, startServer, tabTo, waitReady, waitSaved, waitTextFocus } from './helpers.mjs';

let server, b, page;
before(async () => {
  server = await startServer();
  b = await launch();
  page = b.page;
  await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.goto(server.url);
  await waitReady(page);
  await click(page, 'nav.settings');
});
after(async () => { await b.close(); server.stop(); });

// Focuses the unit-name field and empties it.
async function clearUnitField() {
  await click(page, 'settings.unit_name');
  await waitTextFocus(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.waitForFunction(() => window.app.rect('settings.unit_name').text === '');
}

async function fieldIs(expected) {
  // On a timeout, say what the field held (a paste lost or doubled shows here).
  await page.waitForFunction((e) => window.app.rect('settings.unit_name').text === e, expected, { timeout: 15000 })
    .catch(async (e) => {
      assert.fail(`the field holds ${JSON.stringify(await page.evaluate(() => window.app.rect('settings.unit_name').text))}, ` +
                  `expected ${JSON.stringify(expected)} (${e.message.split('\n')[0]})`);
    });
  assert.equal(await shownText(page, 'settings.unit_name'), expected);
}

// Waits until the system clipboard holds `expected` (15 s at most).
async function clipboardIs(expected) {
  const until = Date.now() + 15000;
  let text;
  while ((text = await page.evaluate(() => navigator.clipboard.readText())) !== expected) {
    if (Date.now() > until) assert.fail(`the clipboard holds ${JSON.stringify(text)}, expected ${JSON.stringify(expected)}`);
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(ok)));  // the app's next frame
  }
}

test('Chinese through IME composition lands exactly once', async () => {
  await clearUnitField();
  const cdp = await b.context.newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'zhen', selectionStart: 4, selectionEnd: 4 });
  await cdp.send('Input.imeSetComposition', { text: '椹涧', selectionStart: 2, selectionEnd: 2 });
  // Nothing reaches the field while composing.
  assert.equal(await shownText(page, 'settings.unit_name'), '');
  await cdp.send('Input.insertText', { text: '椹涧' });
  await cdp.send('Input.imeSetComposition', { text: 'xiang', selectionStart: 5, selectionEnd: 5 });
  await cdp.send('Input.insertText', { text: '乡' });
  await fieldIs('椹涧乡');
  await waitSaved(page);
  assert.equal(await setting(page, 'unit_name'), '椹涧乡');
});

test('keyboard.insertText lands once; ASCII typing is not doubled', async () => {
  await clearUnitField();
  await page.keyboard.insertText('区住建局');
  await fieldIs('区住建局');
  await page.keyboard.type('abc 12');
  await fieldIs('区住建局abc 12');
});

test('Backspace, arrows, Home and End edit where the caret is', async () => {
  await clearUnitField();
  await page.keyboard.type('abcd');
  await page.keyboard.press('Backspace');          // abc
  await page.keyboard.press('Home');
  await page.keyboard.type('X');                   // Xabc
  await page.keyboard.press('End');
  await page.keyboard.type('Y');                   // XabcY
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');          // Xab|cY
  await page.keyboard.press('Backspace');          // Xa|cY
  await page.keyboard.press('ArrowRight');         // Xac|Y
  await page.keyboard.insertText('中');
  await fieldIs('Xac中Y');
});

test('Enter and Tab leave the field and give the keyboard back', async () => {
  await clearUnitField();
  await page.keyboard.insertText('陈曹乡');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement.id !== 'ime');
  await fieldIs('陈曹乡');
  // Tab moves on, past the three 角色 choices, to the next field (填报人): the keyboard stays in the app.
  await click(page, 'settings.unit_name');
  await waitTextFocus(page);
  assert.equal(await tabTo(page, 'settings.contact_name'), 4);
  await waitTextFocus(page);
  await page.keyboard.insertText('胡鹏');
  await page.waitForFunction(() => window.app.rect('settings.contact_name').text.endsWith('胡鹏'));
  await fieldIs('陈曹乡');
  await waitSaved(page);
  assert.equal(await setting(page, 'unit_name'), '陈曹乡');
  assert.match(await setting(page, 'contact_name'), /胡鹏$/);
});

test('Ctrl+V pastes the system clipboard; Ctrl+C copies the selection out', async () => {
  await clearUnitField();
  await page.evaluate(() => navigator.clipboard.writeText('区医疗保障局'));
  await page.keyboard.press('Control+V');
  await fieldIs('区医疗保障局');
  // Something else on the clipboard first, so that the copy is seen only once
  // the app has made it; read from here (page.waitForFunction does not wait
  // for an async predicate: its promise passed at once). Before, the app's
  // copy could land after the writeText below, and both pastes gave
  // 区医疗保障局 (the test's rare CI failure).
  await page.evaluate(() => navigator.clipboard.writeText('-'));
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await clipboardIs('区医疗保障局');
  // Paste replaces the selection, and pasting twice gives the text twice (no loss, no doubling).
  await page.evaluate(() => navigator.clipboard.writeText('区卫健委'));
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.keyboard.press('Control+V');
  await fieldIs('区卫健委区卫健委');
});

test('the IME textarea follows the caret', async () => {
  await clearUnitField();
  const field = await page.evaluate(() => window.app.rect('settings.unit_name'));
  const at = () => page.evaluate(() => {
    const r = document.getElementById('ime').getBoundingClientRect();
    return { x: r.left, y: r.top };
  });
  await page.waitForFunction((f) => {
    const r = document.getElementById('ime').getBoundingClientRect();
    return Math.abs(r.top - f.y) < f.h && r.left >= f.x - 2;
  }, field);
  const start = await at();
  await page.keyboard.type('abcdef');
  await page.waitForFunction((x0) => document.getElementById('ime').getBoundingClientRect().left > x0 + 20, start.x);
  const end = await at();
  assert.ok(end.x > start.x + 20, `caret moved right: ${start.x} -> ${end.x}`);
  assert.ok(Math.abs(end.y - start.y) < 2, 'same line');
});
