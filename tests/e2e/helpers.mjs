// helpers.mjs — shared set-up for the end-to-end tests: a static server for
// the built site, Debian's Chromium driven by playwright-core, and waits on
// the page's own signals (body[data-ready], window.app.status()).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

// Starts web/serve.py on a free port; returns {url, stop()}.
export async function startServer() {
  const proc = spawn('/usr/bin/python3', [join(ROOT, 'web/serve.py'), '--root', SITE, '--port', '0'],
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
                               deviceScaleFactor = 1 } = {}) {
  const dir = profile || mkdtempSync(join(tmpdir(), 'htk-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    viewport,
    deviceScaleFactor,
    locale: 'zh-CN',
  });
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return {
    context, page, dir, errors,
    close: async ({ keepProfile = false } = {}) => {
      await context.close();
      if (!keepProfile && !profile) rmSync(dir, { recursive: true, force: true });
    },
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

export async function click(page, id) {
  const r = await rect(page, id);
  await page.mouse.click(r.x + Math.min(r.w / 2, 40), r.y + r.h / 2);
}

// Waits until the IME textarea holds the keyboard (an ImGui text field is active).
export async function waitTextFocus(page) {
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'ime');
}

export function setting(page, key) {
  return page.evaluate((k) => {
    const rows = window.app.query(`SELECT value FROM settings WHERE key = '${k}'`);
    return rows.length ? rows[0].value : null;
  }, key);
}
