// login.test.mjs: signing in, failing to, and signing out in a real browser,
// with axe-core clean on every page on the way and screenshots left in
// build/screenshots/.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { addUser, start } from '../e2e/harness.mjs';
import { axeViolations, launch, shots } from './browser.mjs';

let srv, browser;
before(async () => {
  srv = await start();
  await addUser(srv.db, 'hong.gildong', 'manager', 'Hyeoksin#2026', '홍길동');
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); });

const problems = [];

// axe-core's violations on the page.  The page's own console must be clean
// before; what axe itself trips over (it sets inline styles, which our CSP
// refuses) is dropped after.
async function axe(page) {
  assert.deepEqual(problems, [], 'no console errors (CSP included)');
  const found = await axeViolations(page);
  problems.length = 0;
  return found;
}

test('failed login, first login with the password change, and logout', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(m.text()); });

  await page.goto(srv.url + '/me');
  assert.match(page.url(), /\/login\?next=%2Fme|\/login\?next=\/me/, 'a protected page leads to the login page');
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: path.join(shots, 'login.png'), fullPage: true });

  await page.fill('#login', 'hong.gildong');
  await page.fill('#password', 'not-the-password');
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('[role=alert]'), /아이디 또는 비밀번호가 올바르지 않습니다/);
  assert.equal(await page.inputValue('#login'), 'hong.gildong', 'what was typed is kept');
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: path.join(shots, 'login-failed.png'), fullPage: true });

  await page.fill('#password', 'Hyeoksin#2026');
  await page.click('main button[type=submit]');
  assert.match(page.url(), /\/password$/, 'first sign-in asks for a new password');
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: path.join(shots, 'password.png'), fullPage: true });
  await page.fill('#current', 'Hyeoksin#2026');
  await page.fill('#password', 'Yeongdeungpo#07');
  await page.fill('#confirm', 'Yeongdeungpo#07');
  await page.click('main button[type=submit]');
  assert.match(page.url(), /\/me\?password=changed$/);
  assert.match(await page.textContent('main'), /비밀번호를 바꿨습니다/);
  assert.match(await page.textContent('header'), /홍길동 님 \(부서 혁신담당자\)/);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: path.join(shots, 'me.png'), fullPage: true });

  await page.click('header button:has-text("로그아웃")');
  assert.equal(new URL(page.url()).pathname, '/');
  assert.match(await page.textContent('header'), /로그인/);
  await page.goto(srv.url + '/me');
  assert.match(page.url(), /\/login/, 'signed out for real');
  assert.deepEqual(problems, []);
  await page.close();
});
