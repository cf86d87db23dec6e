// helpers.mjs — shared set-up for the end-to-end tests: a static server for
// the built site, Debian's Chromium driven by playwright-core, and waits on
// the page's own signals (body[data-ready], window.app.status()).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
export const { chromium } = require('playwright-core');

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILD = process.env.HTK_BUILD || join(ROOT, 'build');
export const SITE = join(BUILD, 'wasm/site');
export const OFFLINE_HTML = join(BUILD, 'wasm/offline/回头看整改台账.html');
export const OFFLINE_URL = pathToFileURL(OFFLINE_HTML).href;

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-unsafe-swiftshader',
];

// Starts web/serve.py on a free port (serving `root`, the built site by
// default); returns {url, stop()}.
export async function startServer(root = SITE) {
  const proc = spawn('/usr/bin/python3', [join(ROOT, 'web/serve.py'), '--root', root, '--port', '0'],
                     { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((ok, fail) => {
    let buf = '';
    proc.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/serving (http:\/\/\S+)/);
      if (m) ok(m[1]);
    });
    proc.on('exit', (code) => fail(new Error('serve.py exited ' + code)));
  });
  return { url, stop: () => proc.kill() };
}

// A browser with its own fresh profile (persistent, so IndexedDB survives a
// restart when the same profile is reopened). Returns {context, page, dir, close()}.
export async function launch({ profile, extraArgs = [], viewport = { width: 1280, height: 800 },
                               deviceScaleFactor = 1, bypassCSP = false } = {}) {
  const dir = profile || mkdtempSync(join(tmpdir(), 'htk-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    viewport,
    deviceScaleFactor,
    bypassCSP,
    locale: 'zh-CN',
  });
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  explainTimeouts(page);
  return {
    context, page, dir, errors,
    close: async ({ keepProfile = false } = {}) => {
      await context.close();
      if (!keepProfile && !profile) rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A wait that times out says what the page showed: the app's status (input
// waiting, the last clicks and what was under them) and a screenshot.
function explainTimeouts(page) {
  const wait = page.waitForFunction.bind(page);
  page.waitForFunction = async (...args) => {
    try {
      return await wait(...args);
    } catch (e) {
      if (e.name !== 'TimeoutError') throw e;
      const status = await page.evaluate(() => window.app && window.app.status()).catch((x) => String(x));
      const file = join(BUILD, 'fail-timeout.png');
      await page.screenshot({ path: file }).catch(() => {});
      e.message += `\n  status: ${JSON.stringify(status)}\n  screenshot: ${file}`;
      throw e;
    }
  };
}

export async function waitReady(page, timeout = 30000) {
  await page.waitForFunction(() => document.body.dataset.ready === '1' || document.body.dataset.fatal,
                             null, { timeout });
  const fatal = await page.evaluate(() => document.body.dataset.fatal || '');
  if (fatal) throw new Error('page failed to start: ' + fatal);
}

// Waits until every committed write is in IndexedDB.
export async function waitSaved(page) {
  await page.waitForFunction(() => window.app && window.app.status().save === 'saved');
}

export async function rect(page, id) {
  const handle = await page.waitForFunction((i) => window.app && window.app.rect(i), id);
  return handle.jsonValue();
}

// Clicks a marked widget once it has stayed in place for a frame (the
// layout may still be settling after the previous action).
export async function click(page, id) {
  let prev = null;
  for (let i = 0; i < 60; i++) {
    const r = await rect(page, id);
    if (prev && r.x === prev.x && r.y === prev.y && r.w === prev.w && r.h === prev.h) {
      // The pointer arrives first, as a hand moves it: some ImGui widgets (tabs)
      // only take a press on an item that was already hovered in the last frame.
      const x = r.x + Math.min(r.w / 2, 40), y = r.y + Math.max(1, r.h) / 2;
      await page.mouse.move(x, y);
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      await page.mouse.click(x, y);
      // Returned once the page has the events; the app acts on them in its
      // next frame (a field takes the keyboard then): wait for that frame.
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      return;
    }
    prev = r;
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  }
  throw new Error('widget ' + id + ' never settled');
}

// Drops a file on the page as a user dragging it from the desktop would.
export async function dropFile(page, path, name) {
  const b64 = readFileSync(path).toString('base64');
  await page.evaluate(({ name, b64 }) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], name));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { name, b64 });
}

// Waits until the IME textarea holds the keyboard (an ImGui text field is active).
export async function waitTextFocus(page) {
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'ime');
}

// Waits until the marked widget has the keyboard focus.
export async function waitFocused(page, id) {
  await page.waitForFunction((i) => { const r = window.app && window.app.rect(i); return r && r.focused; }, id);
}

// Presses Tab (Shift+Tab when back) until the marked widget has the keyboard
// focus, one press per drawn frame; the number of presses it took. Throws
// after `max` presses: a widget the keyboard cannot reach is a bug.
export async function tabTo(page, id, { back = false, max = 40 } = {}) {
  for (let n = 0; n <= max; n++) {
    const r = await page.evaluate((i) => window.app.rect(i), id);
    if (r && r.focused) return n;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    // The app moves the focus in its next frame; the mark says so in the one after.
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(ok)))));
  }
  throw new Error(`${id} not reached with ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

export function setting(page, key) {
  return page.evaluate((k) => {
    const rows = window.app.query(`SELECT value FROM settings WHERE key = '${k}'`);
    return rows.length ? rows[0].value : null;
  }, key);
}

// What a marked widget showed in the last frame (e.g. a field's value).
export async function shownText(page, id) {
  return (await rect(page, id)).text;
}

// Decodes a PNG screenshot (8-bit RGB/RGBA, as Chromium writes) into
// {width, height, channels, px} (rows of pixels, no filter bytes).
export function pngPixels(buf) {
  let pos = 8, width = 0, height = 0, channels = 4;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), type = buf.toString('ascii', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      channels = data[9] === 6 ? 4 : data[9] === 2 ? 3 : 0;
      if (data[8] !== 8 || !channels) throw new Error('unsupported PNG format');
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat)), stride = width * channels;
  const px = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)], src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? px[y * stride + x - channels] : 0;
      const b = y > 0 ? px[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? px[(y - 1) * stride + x - channels] : 0;
      let v = src[x];
      if (f === 1) v += a; else if (f === 2) v += b; else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
                          v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      px[y * stride + x] = v & 255;
    }
  }
  return { width, height, channels, px };
}

// {width, height, distinctColors, nonBackground} of a PNG screenshot: enough
// to tell a drawn screen from a blank one without trusting our own renderer.
export function pngStats(buf) {
  const { width, height, channels, px } = pngPixels(buf);
  const colors = new Map();
  for (let i = 0; i < px.length; i += channels) {
    const k = (px[i] << 16) | (px[i + 1] << 8) | px[i + 2];
    colors.set(k, (colors.get(k) || 0) + 1);
  }
  const background = Math.max(...colors.values());
  return { width, height, distinctColors: colors.size, nonBackground: width * height - background };
}

// A served app in a fresh browser at ?today=<today>, ready, with file choosers
// intercepted from the start (enabling that lazily races the key press).
export async function openApp(today, viewport = { width: 1400, height: 900 }) {
  const server = await startServer();
  const b = await launch({ viewport });
  b.page.on('filechooser', () => {});
  await b.page.goto(server.url + '?today=' + today);
  await waitReady(b.page);
  return { server, b, page: b.page };
}

// Makes this profile the 区办 (设置 → 角色) and lists `townships` in 设置 → 乡镇与单位.
export async function becomeDistrict(page, townships) {
  await click(page, 'nav.settings');
  await click(page, 'settings.role.district');
  await page.waitForFunction(() => window.app.rect('settings.role.district')?.text === 'selected');
  await click(page, 'settings.tab.townships');
  await click(page, 'townships.text');
  await waitTextFocus(page);
  await page.keyboard.insertText(townships.join('\n'));
  await click(page, 'townships.add');
  await page.waitForFunction((n) => window.app.rect('townships.count')?.text === `乡镇（街道）：${n} 个`,
                             townships.length);
}

// Loads the demo data from 首页 and opens 整改台账.
export async function loadDemo(page) {
  await click(page, 'nav.home');
  await click(page, 'demo.load');
  await page.waitForFunction(() => window.app.rect('home.figures'));
  await click(page, 'nav.ledger');
}

// Types the unit's name in 设置 and confirms it.
export async function setUnitName(page, name) {
  await click(page, 'nav.settings');
  await click(page, 'settings.unit_name');
  await waitTextFocus(page);
  await page.keyboard.insertText(name);
  await page.keyboard.press('Enter');
}

// Replaces the unit's name in 设置 as typed, leaving the field active (the
// name is stored as it changes).
export async function typeUnitName(page, text) {
  await click(page, 'nav.settings');
  await click(page, 'settings.unit_name');
  await waitTextFocus(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  await page.waitForFunction((t) => window.app.rect('settings.unit_name').text === t, text);
}
