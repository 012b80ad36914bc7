// people.test.mjs: innovation education and the innovation-leading groups
// in a real browser, without JavaScript of our own: the 2006 completion
// status with the seed's courses, the attendance upload form, the groups'
// overview of 101 members, a group's page, and a join the group's rule
// refuses, with its reason under the field; every page axe-core clean, with
// screenshots.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { addUser, run, start } from '../e2e/harness.mjs';
import { axeViolations, launch, shots, signedIn } from './browser.mjs';

let srv, browser, admin, api;

before(async () => {
  srv = await start(['--demo']);
  await addUser(srv.db, 'people.admin', 'admin');
  const token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'people.admin'])).stdout.trim();
  api = async (p) => (await fetch(srv.url + '/api/v1' + p, { headers: { authorization: `Bearer ${token}` } })).json();
  browser = await launch();
  admin = await signedIn(browser, srv.url, 'people.admin');
});
after(async () => { await browser?.close(); await srv?.stop(); });

async function clean(page, name) {
  assert.deepEqual(await axeViolations(page), [], name);
  await page.screenshot({ path: path.join(shots, `people-${name}.png`), fullPage: true });
}

test('the 2006 completion status shows the seed\'s courses, and the attendance form is clean', async () => {
  await admin.goto(srv.url + '/courses/status?year=2006');
  // the table of courses: course, kind, target population, completed, …
  const rows = await admin.$$eval('main table tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.replace(/\s+/g, ' ').trim())));
  const completed = (title) => rows.find((r) => r[0] === title)?.[3];
  assert.equal(completed('행정혁신특별교육'), '230');
  assert.equal(completed('5급 간부 특별혁신교육'), '50');
  assert.equal(completed('신규직원 현장학습 및 맞춤식 혁신특별교육'), '134');
  await clean(admin, 'status');
  await admin.goto(srv.url + '/enrolments/attendance');
  assert.equal(await admin.locator('main input[type=file]').count(), 1);
  await clean(admin, 'attendance');
});

test('the groups\' overview and a group\'s page', async () => {
  await admin.goto(srv.url + '/groups/overview?year=2006');
  assert.match((await admin.textContent('main')).replace(/\s+/g, ''), /101구성원/);
  await clean(admin, 'overview');
  const sprout = (await api('/groups?per_page=100')).items.find((g) => g.name === '혁신새싹그룹');
  await admin.goto(`${srv.url}/groups/${sprout.id}/record`);
  assert.match(await admin.textContent('h1'), /혁신새싹그룹/);
  await clean(admin, 'group');
});

test('joining a 6급 to 혁신새싹그룹 is refused with the rule under the field', async () => {
  const sprout = (await api('/groups?per_page=100')).items.find((g) => g.name === '혁신새싹그룹');
  const six = (await api('/staff?grade=g6&per_page=1')).items[0];
  await admin.goto(`${srv.url}/group-members/new?group_id=${sprout.id}`);
  await admin.selectOption('#f-group_id', String(sprout.id));
  await admin.selectOption('#f-staff_id', String(six.id));
  await admin.fill('#f-joined_on', '2007-03-02');
  await admin.click('main form button[type=submit]');
  assert.match(await admin.textContent('main'), /6급은 혁신새싹그룹\(8~9급\) 대상이 아닙니다/);
  await clean(admin, 'refused');
});
