// home.test.mjs: the home page in a real browser (Debian's chromium driven
// by playwright-core): it renders in Korean with the KRDS stylesheet and
// the Pretendard GOV font applied, asks no other host for anything, passes
// axe-core with zero violations, and leaves a screenshot in
// build/screenshots/ for a person to look at.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { start } from '../e2e/harness.mjs';
import { axeViolations as axe, launch, shots } from './browser.mjs';

let srv, browser;
before(async () => {
  srv = await start();
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); });

async function openPage(p, viewport) {
  const page = await browser.newPage({ viewport });
  const requests = [], problems = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  const res = await page.goto(srv.url + p, { waitUntil: 'networkidle' });
  return { page, res, requests, problems };
}

test('home page renders in Korean with KRDS and Pretendard GOV', async () => {
  const { page, res, requests, problems } = await openPage('/', { width: 1280, height: 900 });
  assert.equal(res.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'ko');
  assert.equal((await page.textContent('h1')).trim(), '영등포구 혁신랜드');
  assert.equal(await page.locator('.il-area').count(), 13);
  // KRDS sets the root font size to 62.5% (10px) and its skip link is hidden off-screen.
  const style = await page.evaluate(() => ({
    rootSize: getComputedStyle(document.documentElement).fontSize,
    font: getComputedStyle(document.body).fontFamily,
    krdsToken: getComputedStyle(document.documentElement).getPropertyValue('--krds-light-color-text-basic').trim(),
  }));
  assert.equal(style.rootSize, '10px');
  assert.match(style.font, /Pretendard GOV/);
  assert.notEqual(style.krdsToken, '', 'KRDS tokens are loaded');
  assert.ok(await page.evaluate(() => document.fonts.check('16px "Pretendard GOV"', '혁신')), 'font loaded');
  const origin = new URL(srv.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin)), [], 'no request leaves the server');
  assert.deepEqual(problems, [], 'no console errors (CSP included)');
  await page.screenshot({ path: path.join(shots, 'home.png'), fullPage: true });
  assert.deepEqual(await axe(page), []);
  await page.close();
});

test('home page on a phone and the 404 page pass axe-core', async () => {
  const phone = await openPage('/', { width: 390, height: 844 });
  assert.deepEqual(await axe(phone.page), []);
  await phone.page.screenshot({ path: path.join(shots, 'home-phone.png'), fullPage: true });
  await phone.page.close();
  const missing = await openPage('/no-such-page', { width: 1280, height: 900 });
  assert.equal(missing.res.status(), 404);
  assert.match(await missing.page.textContent('h1'), /페이지를 찾을 수 없습니다/);
  assert.deepEqual(await axe(missing.page), []);
  await missing.page.screenshot({ path: path.join(shots, 'not-found.png'), fullPage: true });
  await missing.page.close();
});
