// browser.mjs: what the browser tests share: Debian's chromium driven by
// playwright-core, axe-core, and the folder screenshots go to.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from '../e2e/harness.mjs';

// The browser-test tools are installed with the web assets, in web/node_modules.
const require = createRequire(path.join(root, 'web/package.json'));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const shots = path.join(root, 'build/screenshots');

export async function launch() {
  mkdirSync(shots, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}

// axe-core's violations on the page, one line each.
export async function axeViolations(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
    .violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`));
}

// A new page signed in as login (created with the password Hyeoksin#2026),
// its first password change done, as a person would do it.
export async function signedIn(browser, base, login) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(base + '/login');
  await page.fill('#login', login);
  await page.fill('#password', 'Hyeoksin#2026');
  await page.click('main button[type=submit]');
  await page.fill('#current', 'Hyeoksin#2026');
  await page.fill('#password', 'Yeongdeungpo#07');
  await page.fill('#confirm', 'Yeongdeungpo#07');
  await page.click('main button[type=submit]');
  return page;
}
