// 示例数据: a newcomer loads the demo from 首页, sees it on every screen, and
// removes it in one step; their own problem stays.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, click, openApp, rect, waitReady, waitSaved, waitTextFocus } from './helpers.mjs';

let server, b, page;
const n = (sql) => page.evaluate((q) => window.app.query(q)[0].n, sql);

before(async () => {
  ({ server, b, page } = await openApp('2022-06-20'));
});
after(async () => { await b.close(); server.stop(); });

test('load the demo from 首页, see it everywhere, remove it in one step', async () => {
  await click(page, 'nav.home');
  await click(page, 'demo.load');
  await page.waitForFunction(() => window.app.rect('home.figures'));
  assert.equal(await n('SELECT count(*) AS n FROM household WHERE demo = 1'), 36);
  assert.equal(await n('SELECT count(*) AS n FROM problem'), 9);
  assert.equal(await n('SELECT count(*) AS n FROM weekly_report'), 3);
  assert.match((await rect(page, 'home.figures')).text, /^问题 9 条：已完成 3/);
  await page.screenshot({ path: join(ROOT, 'build', 'e2e-demo-home.png') });
  await click(page, 'nav.weekly');
  await page.waitForFunction(() => window.app.rect('weekly.export.3'));
  await click(page, 'nav.screening');
  await click(page, 'screening.tab.progress');
  await page.waitForFunction(() => window.app.rect('progress.total'));
  assert.match((await rect(page, 'progress.total')).text, /^合计\|\|36\|9\|0\|27\|9$/);
  await waitSaved(page);

  // It survives a reload, and goes in one step.
  await page.reload();
  await waitReady(page);
  await click(page, 'nav.settings');
  await click(page, 'settings.tab.storage');
  await click(page, 'demo.remove');
  await page.waitForFunction(() => window.app.rect('demo.load'));
  assert.equal(await n('SELECT count(*) AS n FROM household'), 0);
  assert.equal(await n('SELECT count(*) AS n FROM problem'), 0);
  assert.equal(await n('SELECT count(*) AS n FROM screening'), 0);
  assert.equal(await n('SELECT count(*) AS n FROM weekly_report'), 0);
  await click(page, 'nav.home');
  await page.waitForFunction(() => window.app.rect('home.empty'));
});

test('新一轮: the next campaign starts empty with the same checklist, and the first is one click away', async () => {
  await click(page, 'nav.home');
  await click(page, 'demo.load');
  await page.waitForFunction(() => window.app.rect('home.figures'));
  await click(page, 'nav.settings');
  await click(page, 'settings.tab.campaign');
  await click(page, 'campaign.next_code');
  await waitTextFocus(page);
  await page.keyboard.insertText('2023-1');
  await click(page, 'campaign.next_name');
  await waitTextFocus(page);
  await page.keyboard.insertText('建安区 2023 年度第一轮“回头看”');
  await click(page, 'campaign.create_next');
  await page.waitForFunction(() => window.app.rect('campaign.current')?.text === '建安区 2023 年度第一轮“回头看”');
  const campaigns = await page.evaluate(() => window.app.query(
    "SELECT c.code, (SELECT count(*) FROM check_point p JOIN area a ON a.id = p.area_id WHERE a.campaign_id = c.id) AS points, " +
    "(SELECT start_date FROM campaign_phase WHERE campaign_id = c.id AND code = 'rectify') AS start FROM campaign c ORDER BY c.id"));
  assert.deepEqual(campaigns, [{ code: '2022-1', points: 39, start: '2022-06-02' }, { code: '2023-1', points: 39, start: '2023-06-02' }]);
  await click(page, 'nav.home');
  await page.waitForFunction(() => window.app.rect('home.empty'));  // no problems in the new round
  // Back to the first round: its problems are all there.
  await click(page, 'nav.settings');
  await click(page, 'campaign.switch.2022-1');
  await page.waitForFunction(() => window.app.rect('campaign.current')?.text.startsWith('建安区 2022'));
  await click(page, 'nav.home');
  await page.waitForFunction(() => window.app.rect('home.figures')?.text.startsWith('问题 9 条'));
});
