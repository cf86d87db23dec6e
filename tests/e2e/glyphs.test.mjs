// Every CJK character can be drawn: the rare characters of people's names
// typed through the IME bridge, the whole U+4E00–U+9FA5 range (GBK), in the
// served page and in the offline .html; the pixels show real glyphs, not '?'.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { OFFLINE_URL, click, launch, pngPixels, shownText, startServer, waitReady, waitTextFocus } from './helpers.mjs';

// Characters of names that GB2312 (the first-frame font) lacks.
const RARE = '堃玥喆珺赟垚彧翀暐洺琇昇镕烜焜犇';
const CJK = Array.from({ length: 0x9FA5 - 0x4E00 + 1 }, (_, i) => String.fromCharCode(0x4E00 + i)).join('');
// What the field would show if the font lacked them: ImGui draws a missing
// character as its fallback glyph, '?', with the fallback's advance.
const FALLBACK = '?'.repeat([...RARE].length);

let server;
before(async () => { server = await startServer(); });
after(() => server.stop());

test('missingGlyphs: nothing of U+4E00–U+9FA5 is missing; Extension B is reported', async () => {
  const b = await launch();
  try {
    await b.page.goto(server.url);
    await waitReady(b.page);
    assert.equal(await b.page.evaluate((t) => window.app.missingGlyphs(t), RARE), '');
    const missing = await b.page.evaluate((t) => window.app.missingGlyphs(t), CJK);
    assert.equal(missing, '', `${[...missing].length} of ${CJK.length} characters missing`);
    assert.equal(await b.page.evaluate(() => window.app.missingGlyphs('中\u{20000}')), '\u{20000}');
    // A sample rasterised at the UI's size: a glyph of its own each, not the fallback.
    const sample = CJK.split('').filter((_, i) => i % 97 === 0).join('') + RARE;
    assert.equal(await b.page.evaluate((t) => window.app.fallbackGlyphs(t), sample), '');
  } finally { await b.close(); }
});

test('the offline .html draws the whole range too', async () => {
  const b = await launch();
  try {
    await b.page.goto(OFFLINE_URL);
    await waitReady(b.page);
    assert.equal(await b.page.evaluate((t) => window.app.missingGlyphs(t), CJK), '');
    assert.equal(await b.page.evaluate((t) => window.app.fallbackGlyphs(t), RARE), '');
  } finally { await b.close(); }
});

// Types `text` into 设置's unit-name field by IME composition, leaves the
// field (no caret), and returns a screenshot of the field.
async function typeAndShoot(b, text) {
  const page = b.page;
  await click(page, 'settings.unit_name');
  await waitTextFocus(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.waitForFunction(() => window.app.rect('settings.unit_name').text === '');
  const cdp = await b.context.newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'xingming', selectionStart: 8, selectionEnd: 8 });
  await cdp.send('Input.insertText', { text });
  await page.waitForFunction((t) => window.app.rect('settings.unit_name').text === t, text);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement.id !== 'ime');
  await cdp.detach();
  const r = await page.evaluate(() => window.app.rect('settings.unit_name'));
  // Two frames, so the canvas shows the field without its caret.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  return pngPixels(await page.screenshot({ clip: { x: r.x, y: r.y, width: r.w, height: r.h } }));
}

// Pixels that differ between two screenshots of the same size.
function differing(a, b) {
  assert.equal(a.px.length, b.px.length);
  let n = 0;
  for (let i = 0; i < a.px.length; i += a.channels) {
    if (a.px[i] !== b.px[i] || a.px[i + 1] !== b.px[i + 1] || a.px[i + 2] !== b.px[i + 2]) n++;
  }
  return n;
}

// WebGL 1 uploads new glyphs another way (app/third_party/patches/imgui/).
for (const [scale, query] of [[1, ''], [2, ''], [1, '?webgl=1']]) {
  test(`rare name characters typed through the IME are drawn as themselves (devicePixelRatio ${scale}${query})`, async () => {
    const b = await launch({ deviceScaleFactor: scale });
    try {
      await b.page.goto(server.url + query);
      await waitReady(b.page);
      await click(b.page, 'nav.settings');
      const rare = await typeAndShoot(b, RARE);
      assert.equal(await shownText(b.page, 'settings.unit_name'), RARE);
      assert.equal(await b.page.evaluate((t) => window.app.fallbackGlyphs(t), RARE), '');
      const fallback = await typeAndShoot(b, FALLBACK);
      const same = await typeAndShoot(b, RARE);
      assert.equal(differing(rare, same), 0, 'the same text draws the same pixels');
      const diff = differing(rare, fallback);
      assert.ok(diff > 150 * scale * scale, `rare characters differ from the fallback in ${diff} pixels only`);
    } finally { await b.close(); }
  });
}
