// contests.test.mjs: contests in a real browser, without JavaScript of our
// own: the 2006 brand contest's page with its 4 awards, an entry's sheets
// with the dropped totals and the arithmetic, scoring an entry of the open
// 2007 contest through its form (the office entering an outside judge's
// paper sheet), the assignment page and a certificate as printed; every
// page axe-core clean, with screenshots.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { addUser, run, start } from '../e2e/harness.mjs';
import { axeViolations, launch, shots, signedIn } from './browser.mjs';

let srv, browser, admin, api;

before(async () => {
  srv = await start(['--demo']);
  await addUser(srv.db, 'contest.admin', 'admin', 'Hyeoksin#2026', '경진대회관리');
  const token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'contest.admin'])).stdout.trim();
  api = async (p) => (await fetch(srv.url + '/api/v1' + p, { headers: { authorization: `Bearer ${token}` } })).json();
  browser = await launch();
  admin = await signedIn(browser, srv.url, 'contest.admin');
});
after(async () => { await browser?.close(); await srv?.stop(); });

async function clean(page, name) {
  assert.deepEqual(await axeViolations(page), [], name);
  await page.screenshot({ path: path.join(shots, `contests-${name}.png`), fullPage: true });
}

test('the brand contest: its rules, 4 awards and 6 ranked entries', async () => {
  const brand = (await api('/contests?kind=brand')).items[0];
  await admin.goto(`${srv.url}/contests/${brand.id}`);
  const text = (await admin.innerText('main')).replace(/\s+/g, ' ');
  assert.match(text, /수상 4건/);
  assert.match(text, /최우수 관급공사품질관리 OK 건설관리과/);
  assert.match(text, /출품작 6건/);
  await clean(admin, 'contest');
  await admin.click('text=관급공사품질관리 OK >> nth=0');
  await admin.waitForURL(/\/contest-entries\/\d+$/);
  const entry = (await admin.innerText('main')).replace(/\s+/g, ' ');
  assert.match(entry, /최고점 제외/);
  assert.match(entry, /최저점 제외/);
  assert.match(entry, /심사위원: \(.*\) \/ \d = \d+(\.\d+)?/);
  await clean(admin, 'entry');
  await admin.goto(`${srv.url}/contests/${brand.id}/results`);
  await clean(admin, 'results');
  await admin.goto(`${srv.url}/contests/${brand.id}/assignments`);
  assert.match(await admin.innerText('main'), /제척: 소속 부서/);
  await clean(admin, 'assignments');
});

test('the office enters an outside judge\'s paper sheet through the form', async () => {
  const open = (await api('/contests?status=open')).items[0];
  const entry = (await api(`/contest-entries?contest_id=${open.id}`)).items.at(-1);
  const outside = (await api(`/contest-judges?contest_id=${open.id}&per_page=100`)).items.find((j) => !j.staff_id);
  await admin.goto(`${srv.url}/contest-entries/${entry.id}`);
  await admin.selectOption('#judge_id', String(outside.id));
  for (const [i, v] of ['8', '9', '7.5', '8'].entries()) await admin.fill(`main form[action$="/score"] input[type=number] >> nth=${i}`, v);
  await admin.fill('#comment', '현장 적용성이 높음');
  await clean(admin, 'score-form');
  await admin.click('main form[action$="/score"] button[type=submit]');
  await admin.waitForURL(/notice=score/);
  const text = (await admin.innerText('main')).replace(/\s+/g, ' ');
  assert.match(text, /심사표를 제출했습니다/);
  // 8 × 3 + 9 × 3 + 7.5 × 2 + 8 × 2
  assert.ok(text.includes(`${outside.name} 1 8 → 24 9 → 27 7.5 → 15 8 → 16 82`), text);
  await clean(admin, 'scored');
});

test('a certificate prints on one page', async () => {
  const brand = (await api('/contests?kind=brand')).items[0];
  const first = (await api(`/contest-entries?contest_id=${brand.id}`)).items.at(-1);
  await admin.goto(`${srv.url}/contest-entries/${first.id}/certificate`);
  await admin.emulateMedia({ media: 'print' });
  const text = (await admin.innerText('main')).replace(/\s+/g, ' ');
  assert.match(text, /상 장 최우수 건설관리과/);
  assert.ok(!(await admin.isVisible('.il-gnb')), 'no menu on paper');
  await clean(admin, 'certificate');
  await admin.emulateMedia({ media: 'screen' });
});
