// staff.test.mjs: the demo organisation's staff list, a staff member's page,
// the headcount report and the import flow (choose a file, preview, confirm)
// in a real browser, axe-core clean, with screenshots.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { addUser, start } from '../e2e/harness.mjs';
import { axeViolations, launch, shots, signedIn } from './browser.mjs';

let srv, browser, page, dir;
before(async () => {
  srv = await start(['--demo']);
  await addUser(srv.db, 'kim.admin', 'admin', 'Hyeoksin#2026', '김관리');
  browser = await launch();
  page = await signedIn(browser, srv.url, 'kim.admin');
  dir = mkdtempSync(path.join(tmpdir(), 'innoland-browser-'));
});
after(async () => { await browser?.close(); await srv?.stop(); rmSync(dir, { recursive: true, force: true }); });

test('the staff list pages, searches and opens a person', async () => {
  await page.goto(srv.url + '/staff');
  assert.match(await page.textContent('main'), /전체 1,?3\d\d건/);
  assert.equal(await page.locator('tbody tr').count(), 25);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(shots, 'staff-list.png'), fullPage: true });
  await page.fill('#q', '2007000');
  await page.click('main form[role=search] button[type=submit]');
  assert.equal(await page.locator('tbody tr').count(), 9);
  await page.click('tbody tr:first-child a');
  assert.match(await page.textContent('h1'), /직원 상세/);
  assert.deepEqual(await axeViolations(page), []);
  await page.click('text=수정');
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(shots, 'staff-form.png'), fullPage: true });
});

test('the headcount report shows the seed\'s 혁신기획단 row', async () => {
  await page.goto(srv.url + '/staff/headcount');
  const row = page.locator('tbody tr', { hasText: '혁신기획담당관' });
  assert.equal((await row.locator('td').allTextContents()).join(','), '12,0,1,3,5,3,0,0');
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(shots, 'headcount.png'), fullPage: true });
});

test('import: choose a file, see the preview, confirm', async () => {
  const csv = path.join(dir, '신규직원.csv');
  writeFileSync(csv, '사번,성명,직급,부서\n2099001,신입일,9급,혁신기획팀\n2099002,신입이,9급,혁신지원팀\n');
  await page.goto(srv.url + '/staff/import');
  assert.deepEqual(await axeViolations(page), []);
  await page.setInputFiles('#file', csv);
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('[role=status]'), /2줄 모두 올바릅니다. 새로 2, 갱신 0/);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(shots, 'import-preview.png'), fullPage: true });
  await page.click('text=확정하고 저장');
  assert.match(await page.textContent('[role=status]'), /2줄을 저장했습니다/);
  await page.goto(srv.url + '/staff?q=신입');
  assert.equal(await page.locator('tbody tr').count(), 2);
});
