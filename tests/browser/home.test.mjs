// home.test.mjs: the home page in a real browser (Debian's chromium driven
// by playwright-core): it renders in Korean with the KRDS stylesheet and
// the Pretendard GOV font applied, asks no other host for anything, passes
// axe-core with zero violations, and leaves a screenshot in
// build/screenshots/ for a person to look at.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { addUser, start } from '../e2e/harness.mjs';
import { axeViolations as axe, launch, shots, signedIn } from './browser.mjs';

let srv, browser;
before(async () => {
  srv = await start(['--demo']);
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
  assert.equal(await page.locator('.il-area').count(), 0, 'an anonymous visitor has no area to open');
  assert.equal((await page.textContent('.il-hero a.krds-btn')).trim(), '로그인');
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

test('a signed-in administrator\'s home: their work first, then the areas they may open', async () => {
  await addUser(srv.db, 'b.admin', 'admin');
  const page = await signedIn(browser, srv.url, 'b.admin');
  await page.goto(srv.url + '/', { waitUntil: 'networkidle' });
  const todo = await page.locator('.il-todo li').allTextContents();
  assert.ok(todo.some((t) => /^2007년 12월 추진실적 미보고 과제 18건$/.test(t.trim())), todo.join(' / '));
  assert.ok(todo.some((t) => /^채택 결정 대기 지식 65건$/.test(t.trim())), todo.join(' / ')); // the knowledge demo's 64 and the registries' benchmarking
  const areas = ['조직·직원', '혁신과제', '지식관리', '혁신교육', '학습동아리', '혁신주도그룹', '혁신마일리지', '경진대회', '행정혁신 평가', '기록·대장', '지방이양사무', '팀 업무혁신', '비전·업무계획']; // the modules' order
  assert.deepEqual(await page.locator('.il-area-title').allTextContents(), areas);
  // the registries' parts (지방이양사무, 팀 업무혁신, 비전·업무계획) are on the home page and 기록·대장's, not in the menu
  assert.deepEqual(await page.locator('.il-gnb a').allTextContents(), areas.slice(0, 10));
  await page.screenshot({ path: path.join(shots, 'home-admin.png'), fullPage: true });
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
