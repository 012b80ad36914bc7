// knowledge.test.mjs: knowledge in a real browser, without JavaScript of our
// own: an employee registers an item with a Markdown body and a file, an
// expert of its field reviews it, the administrator rates it excellent, and
// a search for a two-syllable word finds it inside a compound; every page
// axe-core clean, with screenshots.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { addUser, run, start } from '../e2e/harness.mjs';
import { axeViolations, launch, shots, signedIn } from './browser.mjs';

let srv, browser, dir;
const pages = {};

async function signIn(login, name) {
  pages[name] = await signedIn(browser, srv.url, login);
}

before(async () => {
  srv = await start(['--demo']);
  dir = mkdtempSync(path.join(tmpdir(), 'innoland-knowledge-'));
  await addUser(srv.db, 'park.admin', 'admin', 'Hyeoksin#2026', '박관리');
  await addUser(srv.db, 'choi.staff', 'member', 'Hyeoksin#2026', '최직원');
  const expert = await addUser(srv.db, 'jung.expert', 'expert', 'Hyeoksin#2026', '정전문');
  // the expert serves the first field of the map (민원행정 is the third)
  const token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'park.admin'])).stdout.trim();
  const fields = await (await fetch(srv.url + '/api/v1/knowledge-fields?per_page=100', { headers: { authorization: `Bearer ${token}` } })).json();
  const field = fields.items.find((f) => f.name === '민원행정').id;
  const r = await fetch(srv.url + '/api/v1/knowledge-experts', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ field_id: field, user_id: expert, appointed_on: '2007-03-02' }) });
  assert.equal(r.status, 201);
  browser = await launch();
  await signIn('choi.staff', 'staff');
  await signIn('jung.expert', 'expert');
  await signIn('park.admin', 'admin');
});
after(async () => { await browser?.close(); await srv?.stop(); rmSync(dir, { recursive: true, force: true }); });

test('register, review, rate excellent, and find it', async () => {
  const staff = pages.staff;
  await staff.goto(srv.url + '/knowledge');
  assert.deepEqual(await axeViolations(staff), []);
  await staff.screenshot({ path: path.join(shots, 'knowledge-home.png'), fullPage: true });
  await staff.click('text=지식 등록');
  await staff.fill('#f-title', '여권접수민원 처리기간단축 요령');
  await staff.selectOption('#f-field_id', { label: '민원행정' });
  await staff.selectOption('#f-kind', { label: '업무매뉴얼' });
  await staff.fill('#f-tags', '여권, 민원');
  await staff.fill('#f-body', '## 요령\n\n1. 서류를 **한 번에** 확인합니다.\n2. 접수와 동시에 안내 문자를 보냅니다.\n\n<b>태그는 글자로</b>');
  assert.deepEqual(await axeViolations(staff), []);
  await staff.click('main button[type=submit]');
  assert.match(await staff.textContent('h1'), /여권접수민원 처리기간단축 요령/);
  assert.equal(await staff.locator('.il-markdown strong').textContent(), '한 번에');
  assert.match(await staff.textContent('.il-markdown'), /<b>태그는 글자로<\/b>/, 'typed HTML shows as text');
  const file = path.join(dir, '여권 체크리스트.txt');
  writeFileSync(file, '여권 접수 체크리스트\n');
  await staff.setInputFiles('#file', file);
  await staff.click('form[action$="/attachments"] button');
  assert.match(await staff.textContent('main'), /여권 체크리스트\.txt/);
  const url = staff.url();

  const expert = pages.expert;
  await expert.goto(url);
  assert.deepEqual(await axeViolations(expert), []);
  for (const [i, v] of [[0, '27'], [1, '28'], [2, '18'], [3, '17']]) await expert.fill(`#score-${i}`, v);
  await expert.selectOption('#proposed', 'excellent');
  await expert.fill('#comment', '다른 민원 창구에도 쓸 수 있습니다.');
  await expert.click('text=심사 저장');
  assert.match(await expert.textContent('main'), /심사 중[\s\S]*정전문[\s\S]*90/);

  const admin = pages.admin;
  await admin.goto(url);
  await admin.selectOption('#decision', 'excellent');
  await admin.selectOption('#grade', 'A');
  await admin.fill('#reward', '시상금');
  await admin.screenshot({ path: path.join(shots, 'knowledge-item.png'), fullPage: true });
  await admin.click('text=결정 저장');
  assert.match(await admin.textContent('main'), /우수지식으로 선정되었습니다/);

  await staff.goto(srv.url + '/knowledge');
  assert.match(await staff.textContent('main'), /여권접수민원 처리기간단축 요령.{0,20}우수지식되었습니다/s);
  await staff.fill('#q', '접수');
  await staff.click('main form[role=search] button[type=submit]');
  assert.match(await staff.innerHTML('.il-results'), /여권<mark>접수<\/mark>민원/);
  assert.deepEqual(await axeViolations(staff), []);
  await staff.screenshot({ path: path.join(shots, 'knowledge-search.png'), fullPage: true });
});
