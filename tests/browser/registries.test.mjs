// registries.test.mjs: the registries in a real browser, without JavaScript
// of our own: the /registries home with each registry's count and latest
// entries, the publications' list, and a session refused through its form
// for lying outside its forum's period; a complaint-system improvement with
// its quarterly evaluations, a supporter's advice, a benchmarking's publish
// form, the 벤치마킹 사례집 and a disclosure's printable page; every page
// axe-core clean, with screenshots.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { addUser, run, start } from '../e2e/harness.mjs';
import { axeViolations, launch, shots, signedIn } from './browser.mjs';

let srv, browser, admin, forum;

before(async () => {
  srv = await start(['--demo']);
  await addUser(srv.db, 'reg.admin', 'admin', 'Hyeoksin#2026', '대장관리');
  const token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'reg.admin'])).stdout.trim();
  forum = (await (await fetch(srv.url + '/api/v1/forums', { headers: { authorization: `Bearer ${token}` } })).json()).items[0];
  browser = await launch();
  admin = await signedIn(browser, srv.url, 'reg.admin');
});
after(async () => { await browser?.close(); await srv?.stop(); });

async function clean(page, name) {
  assert.deepEqual(await axeViolations(page), [], name);
  await page.screenshot({ path: path.join(shots, `registries-${name}.png`), fullPage: true });
}

test('the registries\' home: counts, copies, incentives, the forum', async () => {
  await admin.goto(srv.url + '/registries');
  const text = (await admin.textContent('main')).replace(/\s+/g, '');
  assert.match(text, /혁신간행물·홍보물6건수상·선정실적5건포럼참가1건포럼회차12건/);
  assert.match(text, /4,500매/);
  assert.match(text, /1,300,000,000원/);
  assert.match(text, /제3기지역정책연구포럼\(사\)한국공공자치연구원2006-04-01~2007-03-31월1회10명12회/);
  await clean(admin, 'home');
});

test('the publications\' list, and a session outside its forum\'s period refused on its form', async () => {
  await admin.goto(srv.url + '/publications');
  const text = await admin.textContent('main');
  assert.match(text, /혁신홍보 리플릿/);
  assert.match(text, /혁신책자/);
  await clean(admin, 'publications');
  await admin.goto(`${srv.url}/forum-sessions/new?forum_id=${forum.id}`);
  await admin.fill('#f-held_on', '2007-04-18');
  await admin.fill('#f-topic', '기간 밖 회차');
  await admin.selectOption('#f-kind', 'lecture');
  await admin.click('main form button[type=submit]');
  assert.match(await admin.textContent('main'), /회차 일자가 포럼 기간\(2006-04-01 ~ 2007-03-31\) 밖입니다\./);
  await clean(admin, 'session-refused');
});

test('an improvement, a supporter, a benchmarking\'s publish form, the casebook and a disclosure', async () => {
  const token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'reg.admin'])).stdout.trim();
  const get = async (p) => (await (await fetch(srv.url + '/api/v1' + p, { headers: { authorization: `Bearer ${token}` } })).json()).items;
  const imp = (await get('/complaint-improvements?sort=found_on'))[0];
  await admin.goto(`${srv.url}/complaint-improvements/${imp.id}`);
  assert.match((await admin.textContent('main')).replace(/\s+/g, ''), /분기별평가3회·평균80점/);
  await clean(admin, 'improvement');
  const sup = (await get('/supporters?q=' + encodeURIComponent('강민호')))[0];
  await admin.goto(`${srv.url}/supporters/${sup.id}`);
  assert.match(await admin.textContent('main'), /중간 점검 결과를 공개할 것을 권고함/);
  await clean(admin, 'supporter');
  const visit = (await get('/benchmarkings?sort=visited_on'))[1];
  await admin.goto(`${srv.url}/benchmarkings/${visit.id}/publish`);
  await clean(admin, 'benchmarking-publish');
  await admin.click('main form button[type=submit]');
  assert.match(await admin.textContent('main'), /지식 분야/);
  await clean(admin, 'benchmarking-publish-refused');
  await admin.goto(`${srv.url}/registries/benchmarking-casebook?year=2007`);
  assert.match(await admin.textContent('main'), /수록 사례 3건/);
  await clean(admin, 'casebook');
  await admin.goto(`${srv.url}/registries/disclosure`);
  assert.match(await admin.textContent('main'), /2006년 하반기 · 공시일 2007-01-19/);
  await clean(admin, 'disclosure');
});
