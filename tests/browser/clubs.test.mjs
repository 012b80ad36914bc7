// clubs.test.mjs: learning clubs in a real browser, without JavaScript of
// our own: the clubs' home with the regulation, joining a club and
// recording its meeting through the forms, the club's page, the monthly
// monitoring with its silent clubs, and the printable casebook; every page
// axe-core clean, with screenshots.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { addUser, run, start } from '../e2e/harness.mjs';
import { axeViolations, launch, shots, signedIn } from './browser.mjs';

let srv, browser, admin, api, club, outsider;

before(async () => {
  srv = await start(['--demo']);
  await addUser(srv.db, 'club.admin', 'admin', 'Hyeoksin#2026', '동아리관리');
  const token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'club.admin'])).stdout.trim();
  api = async (p) => (await fetch(srv.url + '/api/v1' + p, { headers: { authorization: `Bearer ${token}` } })).json();
  club = (await api('/clubs?kind=general&sort=name')).items[0];
  const taken = new Set();
  for (let page = 1; page <= 4; page++) for (const m of (await api(`/club-members?per_page=100&page=${page}`)).items) taken.add(m.staff_id);
  outsider = (await api('/staff?per_page=100&sort=employee_no')).items.find((s) => !taken.has(s.id));
  browser = await launch();
  admin = await signedIn(browser, srv.url, 'club.admin');
});
after(async () => { await browser?.close(); await srv?.stop(); });

async function clean(page, name) {
  assert.deepEqual(await axeViolations(page), [], name);
  await page.screenshot({ path: path.join(shots, `clubs-${name}.png`), fullPage: true });
}

test('the clubs\' home: the regulation, 41 clubs of 369 members', async () => {
  await admin.goto(srv.url + '/clubs/home?year=2006');
  const text = await admin.textContent('main');
  assert.match(text, /영등포구 학습동아리 운영 규정[\s\S]*훈령 제83호, 2006-06-08/);
  assert.match(text.replace(/\s+/g, ''), /일반13개137명부서28개232명/);
  await clean(admin, 'home');
});

test('joining a club and recording its meeting through the forms', async () => {
  await admin.goto(`${srv.url}/club-members/new?club_id=${club.id}&_next=/clubs/${club.id}`);
  await admin.selectOption('#f-staff_id', String(outsider.id));
  await admin.selectOption('#f-role', 'member');
  await admin.fill('#f-joined_on', '2007-03-02');
  await clean(admin, 'join');
  await admin.click('main form button[type=submit]');
  await admin.waitForURL(new RegExp(`/clubs/${club.id}`));
  assert.match(await admin.textContent('main'), new RegExp(outsider.name));
  await admin.goto(`${srv.url}/club-meetings/new?club_id=${club.id}&_next=/clubs/${club.id}`);
  await admin.selectOption('#f-kind', 'meeting');
  await admin.fill('#f-held_on', '2007-03-15');
  await admin.fill('#f-topic', '3월 정기 모임');
  await admin.selectOption('#f-attendees', [String(outsider.id)]);
  await clean(admin, 'meeting-form');
  await admin.click('main form button[type=submit]');
  await admin.waitForURL(new RegExp(`/clubs/${club.id}`));
  assert.match(await admin.textContent('main'), /3월 정기 모임/);
  await clean(admin, 'club');
});

test('the monitoring month shows the silent clubs; the casebook prints a case a page', async () => {
  await admin.goto(srv.url + '/clubs/monitoring');
  await admin.fill('#month', '2007-03');
  await admin.click('main form button[type=submit]');
  const text = await admin.textContent('main');
  assert.match(text, /학습활동 모니터링\s*2007-03/);
  assert.match(text, /모임 없는 동아리\s*\d+개/);
  assert.match(text, new RegExp(club.name));
  await clean(admin, 'monitoring');
  await admin.goto(srv.url + '/clubs/casebook');
  assert.ok(await admin.locator('article.il-case').count() > 0);
  await clean(admin, 'casebook');
});
