// mileage.test.mjs: innovation mileage in a real browser, without
// JavaScript of our own: the leaderboards of 2006, an administrator's
// manual award and its correction from the entry's page, a bulk award
// pasted from a spreadsheet column, the year's MVPs, and an employee's own
// mileage; every page axe-core clean, with screenshots.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { addUser, run, start } from '../e2e/harness.mjs';
import { axeViolations, launch, shots, signedIn } from './browser.mjs';

let srv, browser, admin, member, people;

before(async () => {
  srv = await start(['--demo']);
  await addUser(srv.db, 'kang.admin', 'admin', 'Hyeoksin#2026', '강관리');
  const memberId = await addUser(srv.db, 'yoon.staff', 'member', 'Hyeoksin#2026', '윤직원');
  const token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'kang.admin'])).stdout.trim();
  const api = (p, init = {}) => fetch(srv.url + '/api/v1' + p, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
  people = (await (await api('/staff?per_page=100&sort=employee_no')).json()).items;
  const r = await api(`/staff/${people[0].id}`, { method: 'PATCH', body: JSON.stringify({ user_id: memberId }) });
  assert.equal(r.status, 200);
  browser = await launch();
  admin = await signedIn(browser, srv.url, 'kang.admin');
  member = await signedIn(browser, srv.url, 'yoon.staff');
});
after(async () => { await browser?.close(); await srv?.stop(); });

async function clean(page, name) {
  assert.deepEqual(await axeViolations(page), [], name);
  await page.screenshot({ path: path.join(shots, `mileage-${name}.png`), fullPage: true });
}

test('leaderboards of 2006: people and departments', async () => {
  await admin.goto(srv.url + '/mileage-entries/leaderboard');
  await admin.selectOption('#period', '2006');
  await admin.click('main form button[type=submit]');
  assert.match(await admin.textContent('main'), /1,292명[\s\S]*2,991\.5/);
  assert.equal(await admin.locator('main ul.il-list li').count(), 9, 'the year\'s nine MVPs');
  await clean(admin, 'leaderboard');
  await admin.selectOption('#by', 'dept');
  await admin.selectOption('#level', 'bureau');
  await admin.click('main form button[type=submit]');
  assert.match(await admin.textContent('main table'), /국/);
  await clean(admin, 'leaderboard-departments');
});

test('a manual award, corrected from its own page', async () => {
  await admin.goto(srv.url + '/mileage-entries/new');
  await admin.selectOption('#f-staff_id', String(people[1].id));
  await admin.fill('#f-points', '2.5');
  await admin.fill('#f-earned_on', '2007-03-15');
  await admin.fill('#f-reason', '혁신 아이디어 제안 채택');
  await clean(admin, 'award-form');
  await admin.click('main form button[type=submit]');
  await admin.waitForURL(/\/mileage-entries\/\d+$/);
  assert.match(await admin.textContent('main'), /2\.5[\s\S]*혁신 아이디어 제안 채택/);
  await admin.fill('#points', '-1');
  await admin.fill('#reason', '같은 제안 중복 부여');
  await admin.click('text=정정 기록');
  await admin.waitForURL(/\/mileage-entries\/\d+$/);
  assert.match(await admin.textContent('main'), /-1점[\s\S]*같은 제안 중복 부여/);
  await clean(admin, 'entry');
});

test('a bulk award pasted from a spreadsheet column, all or nothing', async () => {
  await admin.goto(srv.url + '/mileage-entries/bulk');
  await clean(admin, 'bulk');
  await admin.fill('#numbers', `${people[2].employee_no}\n${people[3].employee_no}\n99999999`);
  await admin.fill('#points', '1');
  await admin.fill('#earned_on', '2007-04-02');
  await admin.fill('#reason', '혁신교육 이수');
  await admin.click('main form button[type=submit]');
  assert.match(await admin.textContent('[role=alert]'), /없는 번호입니다: 99999999/);
  await clean(admin, 'bulk-refused');
  await admin.fill('#numbers', `${people[2].employee_no}\n${people[3].employee_no}`);
  await admin.click('main form button[type=submit]');
  assert.match(await admin.textContent('[role=status]'), /2명에게 부여했습니다/);
});

test('the year\'s MVPs and an employee\'s own mileage', async () => {
  await admin.goto(srv.url + '/mileage-rewards/mvps?period=2006');
  assert.match(await admin.textContent('main'), /9명, 포상금 1,800,000원/);
  await clean(admin, 'mvps');
  await admin.goto(srv.url + '/mileage-rewards/mvps?period=2007-04');
  assert.equal(await admin.locator('input[name^=pick_]:checked').count(), 2, 'the two of the bulk award, tied, picked');
  await clean(admin, 'mvps-candidates');
  await admin.goto(srv.url + '/mileage-rules');
  await clean(admin, 'rules');
  await member.goto(srv.url + '/');
  await member.click('text=혁신마일리지');
  await member.waitForURL(/\/mileage-entries\/mine$/);
  assert.match(await member.textContent('main'), /누적 점수/);
  await clean(member, 'mine');
});
