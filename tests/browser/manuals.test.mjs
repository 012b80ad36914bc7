// manuals.test.mjs: team innovation in a real browser, without JavaScript
// of our own: the 2007 campaign with its late teams by division, a manual
// with its latest version and history, a new version saved through its
// form, the side-by-side difference of two versions, and a missing version
// answered with its Korean message; every page axe-core clean, with
// screenshots.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { addUser, run, start } from '../e2e/harness.mjs';
import { axeViolations, launch, shots, signedIn } from './browser.mjs';

let srv, browser, admin, team;

before(async () => {
  srv = await start(['--demo']);
  await addUser(srv.db, 'man.admin', 'admin', 'Hyeoksin#2026', '매뉴얼관리');
  const token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'man.admin'])).stdout.trim();
  const c = await (await fetch(srv.url + '/api/v1/manuals/campaign?year=2007&today=2008-01-01', { headers: { authorization: `Bearer ${token}` } })).json();
  team = c.teams[0];
  browser = await launch();
  admin = await signedIn(browser, srv.url, 'man.admin');
});
after(async () => { await browser?.close(); await srv?.stop(); });

async function clean(page, name) {
  assert.deepEqual(await axeViolations(page), [], name);
  await page.screenshot({ path: path.join(shots, `manuals-${name}.png`), fullPage: true });
}

test('the 2007 campaign: 132 teams, the late ones by division', async () => {
  await admin.goto(srv.url + '/manuals/campaign?year=2007&today=2008-01-01');
  const text = (await admin.textContent('main')).replace(/\s+/g, '');
  assert.match(text, /132팀120헌장수립118기본업무매뉴얼86단위사무매뉴얼완료팀\(130건\)901팀1혁신과제77지연팀/);
  assert.match(text, /혁신기획담당관3\d\d\d\d1/);
  await clean(admin, 'campaign');
});

test('a manual, a new version through its form, and the difference of two', async () => {
  await admin.goto(`${srv.url}/manuals/${team.basic_id}`);
  assert.match(await admin.textContent('main'), /최신 판 \(제3판, 2007-03-16/);
  await clean(admin, 'manual');
  const body = await admin.inputValue('#f-body');
  await admin.fill('#f-body', body.replace('2. 검토', '2. 검토 (담당자 지정)'));
  await admin.fill('#f-note', '검토 담당 명시');
  await admin.click('form[action$="/save"] button[type=submit]');
  const text = await admin.textContent('main');
  assert.match(text, /새 판으로 저장했습니다/);
  assert.match(text, /최신 판 \(제4판, \d{4}-\d\d-\d\d, 매뉴얼관리\)/);
  await admin.click('form[action$="/diff"] button[type=submit]');
  const diff = (await admin.textContent('main')).replace(/\s+/g, ' ');
  assert.match(diff, /제3판과 제4판 비교/);
  assert.match(diff, /변경132\. 검토132\. 검토 \(담당자 지정\)/);
  await clean(admin, 'diff');
  await admin.goto(`${srv.url}/manuals/${team.basic_id}/versions/1`);
  assert.match(await admin.textContent('main'), /지난 판입니다\. 최신 판은 제4판입니다\./);
  await clean(admin, 'version');
  const r = await admin.goto(`${srv.url}/manuals/${team.basic_id}/diff?a=1&b=9`);
  assert.equal(r.status(), 404);
  assert.match(await admin.textContent('main'), /이 매뉴얼에는 제9판이 없습니다/);
});
