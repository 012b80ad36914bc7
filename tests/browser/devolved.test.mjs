// devolved.test.mjs: the devolved-affairs registry in a real browser,
// without JavaScript of our own: /devolved with the seed's 687 affairs by
// status and department, a department's cards for print, one card with its
// history, the 2007-09 inspection's progress, and the import page refusing
// a bad file with its lines; every page axe-core clean, with screenshots.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { addUser, run, start } from '../e2e/harness.mjs';
import { axeViolations, launch, shots, signedIn } from './browser.mjs';

let srv, browser, admin, depts;

before(async () => {
  srv = await start(['--demo']);
  await addUser(srv.db, 'dv.admin', 'admin', 'Hyeoksin#2026', '이양관리');
  const token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'dv.admin'])).stdout.trim();
  depts = (await (await fetch(srv.url + '/api/v1/devolved', { headers: { authorization: `Bearer ${token}` } })).json()).departments;
  browser = await launch();
  admin = await signedIn(browser, srv.url, 'dv.admin');
});
after(async () => { await browser?.close(); await srv?.stop(); });

async function clean(page, name) {
  assert.deepEqual(await axeViolations(page), [], name);
  await page.screenshot({ path: path.join(shots, `devolved-${name}.png`), fullPage: true });
}

test('the registry\'s home: 687 affairs by status and department', async () => {
  await admin.goto(srv.url + '/devolved');
  const text = (await admin.textContent('main')).replace(/\s+/g, '');
  assert.match(text, /687개이양결정사무500완료152진행35사무폐지/);
  assert.match(text, /합계50015235687/);
  await clean(admin, 'home');
});

test('a department\'s cards for print, one card with its history', async () => {
  const planning = depts.find((d) => d.department === '혁신기획담당관');
  await admin.goto(`${srv.url}/devolved-affairs/print?department=${planning.department_id}`);
  assert.equal(await admin.locator('article.il-card-page').count(), 25);
  assert.match(await admin.textContent('main'), /001\. 주민등록 사실조사 허가/);
  await clean(admin, 'print');
  await admin.emulateMedia({ media: 'print' });
  assert.equal(await admin.locator('article.il-card-page').first().evaluate((e) => getComputedStyle(e).breakAfter), 'page');
  assert.equal(await admin.locator('form[aria-label="인쇄할 부서"]').evaluate((e) => getComputedStyle(e).display), 'none');
  await admin.emulateMedia({ media: 'screen' });
  await admin.goto(srv.url + '/devolved-affairs?q=003');
  await admin.click('main table a[aria-label="상세 보기"]');
  await admin.click('a.krds-btn.primary');
  await admin.selectOption('#f-status', 'done');
  await admin.click('main form button[type=submit]');
  const card = (await admin.textContent('main')).replace(/\s+/g, ' ');
  assert.match(card, /dv\.admin · 수정 추진상태 진행 → 완료/);
  await clean(admin, 'card');
});

test('the 2007-09 inspection\'s progress and the cards needing work', async () => {
  await admin.goto(srv.url + '/devolved-inspections');
  await admin.click('main table a[aria-label="상세 보기"]');
  const text = (await admin.textContent('main')).replace(/\s+/g, '');
  assert.match(text, /70\.3%점검진행률\(483\/687\)398적정85보완필요204미점검/);
  await clean(admin, 'inspection');
  await admin.click('text=감사담당관');
  assert.match(await admin.textContent('main'), /보완이 필요한 관리카드/);
  assert.equal(await admin.locator('table[aria-labelledby="list-title"] tbody tr').count(), 10);
  await clean(admin, 'progress');
});

test('the import page names the bad rows of a file by their lines', async () => {
  const file = path.join(shots, 'devolved-bad.csv');
  writeFileSync(file, '사무번호,사무명,담당부서,추진상태\n901,신규 사무,없는과,진행\n');
  await admin.goto(srv.url + '/devolved-affairs/import');
  await clean(admin, 'import');
  await admin.setInputFiles('#file', file);
  await admin.check('input[name=dry_run]');
  await admin.click('main form button[type=submit]');
  const text = await admin.textContent('main');
  assert.match(text, /파일에 고칠 곳이 있어 저장하지 않았습니다/);
  assert.match(text, /2\s*담당부서\s*담당부서: 부서명이나 부서코드가 없습니다: '없는과'/);
  await clean(admin, 'import-refused');
});
