// Nothing typed is thrown away, on the desk officials have (1366×768 at
// 125 % zoom): leaving a new problem that is not saved yet asks 保存 / 放弃 /
// 继续编辑, and a problem being typed when the page is reloaded comes back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { click, launch, loadDemo, rect, startServer, tabTo, waitReady, waitSaved, waitTextFocus } from './helpers.mjs';

let server, b, page;
const count = () => page.evaluate(() => window.app.query('SELECT count(*) AS n FROM problem WHERE deleted = 0')[0].n);

before(async () => {
  server = await startServer();
  b = await launch({ viewport: { width: 1093, height: 614 }, deviceScaleFactor: 1.25 });
  page = b.page;
  await page.goto(server.url + '?today=2022-06-20');
  await waitReady(page);
  await loadDemo(page);
  await page.waitForFunction(() => window.app.rect('ledger.row.1'));
});
after(async () => { await b.close(); server.stop(); });

async function startTyping(text) {
  await page.keyboard.press('Alt+N');
  await waitTextFocus(page);
  await page.keyboard.insertText(text);
  await page.waitForFunction((t) => window.app.rect('editor.description')?.text === t, text);
}

test('clicking another row with a new problem typed asks first; 继续编辑 keeps it, 放弃 drops it', async () => {
  const before = await count();
  await startTyping('示例村王某户厨房漏雨未修缮');
  await click(page, 'ledger.row.1');
  await page.waitForFunction(() => window.app.rect('leave.dialog'));
  await click(page, 'leave.back');
  await page.waitForFunction(() => !window.app.rect('leave.dialog'));
  assert.equal((await rect(page, 'editor.description')).text, '示例村王某户厨房漏雨未修缮', 'the draft is still there');
  // Esc from the text field asks too.
  await click(page, 'editor.description');
  await waitTextFocus(page);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => window.app.rect('leave.dialog'));
  await click(page, 'leave.discard');
  await page.waitForFunction(() => !window.app.rect('leave.dialog') && !window.app.rect('editor.description'));
  assert.equal(await count(), before, 'nothing was stored');
});

test('保存 in the question stores a complete new problem, then goes where the user clicked', async () => {
  const before = await count();
  await page.keyboard.press('Alt+N');
  await waitTextFocus(page);
  await page.keyboard.insertText('示例村刘某户饮水管道冻裂');
  for (const [field, text] of [['measures', '本周内更换冻裂管道并加装保温层'], ['deadline', '2022-06-30'],
                               ['resp_units', '区水利局']]) {
    await tabTo(page, `editor.${field}`);
    await waitTextFocus(page);
    await page.keyboard.insertText(text);
  }
  for (const [field, option] of [['area', '饮水安全保障'], ['nature', '个性问题']]) {
    await click(page, `editor.${field}`);
    await click(page, `editor.${field}.option.${option}`);
  }
  await click(page, 'ledger.row.0');
  await page.waitForFunction(() => window.app.rect('leave.dialog'));
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => window.app.query('SELECT count(*) AS n FROM problem WHERE deleted = 0')[0].n === n,
                             before + 1);
  await page.waitForFunction(() => window.app.rect('editor.close'));  // row 0 is open for editing
  assert.notEqual((await rect(page, 'editor.description')).text, '示例村刘某户饮水管道冻裂');
});

test('a new problem half typed when the page reloads comes back in the editor', async () => {
  await click(page, 'editor.close');
  await startTyping('示例村孙某户院墙倒塌');
  await tabTo(page, 'editor.measures');
  await waitTextFocus(page);
  await page.keyboard.insertText('修复院墙');
  await page.waitForFunction(() => window.app.rect('editor.measures')?.text === '修复院墙');
  await page.reload();
  await waitReady(page);
  await click(page, 'nav.ledger');
  await page.waitForFunction(() => window.app.rect('editor.description')?.text === '示例村孙某户院墙倒塌');
  assert.equal((await rect(page, 'editor.measures')).text, '修复院墙');
  assert.match((await rect(page, 'ledger.message')).text, /已恢复上次关闭页面时未保存的新问题/);
  // Kept once: dropping it now leaves no draft for the next start.
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => window.app.rect('leave.dialog'));
  await click(page, 'leave.discard');
  await waitSaved(page);
  await page.reload();
  await waitReady(page);
  await click(page, 'nav.ledger');
  await page.waitForFunction(() => window.app.rect('ledger.row.0'));
  assert.equal(await page.evaluate(() => window.app.rect('editor.description')), null);
});
