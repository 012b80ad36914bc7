// tasks.test.mjs: the innovation-task flow in a real browser, without
// JavaScript of our own: create a task with a cooperating department chosen
// in a multiple select, add a unit project and a monthly report from the
// task page, see progress and the dashboard change; every page axe-core
// clean, with screenshots.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { addUser, start } from '../e2e/harness.mjs';
import { axeViolations, launch, shots, signedIn } from './browser.mjs';

let srv, browser, page;
before(async () => {
  srv = await start(['--demo']);
  await addUser(srv.db, 'lee.admin', 'admin', 'Hyeoksin#2026', '이혁신');
  browser = await launch();
  page = await signedIn(browser, srv.url, 'lee.admin');
});
after(async () => { await browser?.close(); await srv?.stop(); });

const stat = async (label) => Number((await page.locator('.il-stats li', { hasText: label }).locator('.il-stat-num').textContent()).replace('%', ''));

test('the seed\'s tasks: list, a task page and the dashboard', async () => {
  await page.goto(srv.url + '/tasks?year=2007&kind=common'); // the 18 common tasks (the manuals' demo adds 90 team tasks of 2007)
  assert.match(await page.textContent('main'), /전체 18건/);
  assert.match(await page.textContent('tbody tr:first-child'), /일하는 방식 개선.*혁신기획단.*기획예산과/s);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(shots, 'tasks-list.png'), fullPage: true });
  await page.click('tbody tr:first-child a');
  assert.match(await page.textContent('h1'), /일하는 방식 개선/);
  assert.match(await page.textContent('main'), /불필요한 일 버리기의 전략적 추진/);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(shots, 'task-page.png'), fullPage: true });
  await page.goto(srv.url + '/tasks/dashboard?year=2006');
  assert.equal(await stat('과제'), 18);
  assert.equal(await page.locator('.il-chart svg').count(), 3);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(shots, 'tasks-dashboard.png'), fullPage: true });
});

test('create a task, add a unit project and a report, watch progress and the dashboard', async () => {
  await page.goto(srv.url + '/tasks/dashboard?year=2030&month=2030-05');
  const before = await stat('과제');
  await page.goto(srv.url + '/tasks/new');
  assert.deepEqual(await axeViolations(page), []);
  await page.fill('#f-title', '주민참여 예산 설명회 개선');
  await page.selectOption('#f-kind', { label: '중점과제' });
  await page.fill('#f-year', '2030');
  await page.selectOption('#f-lead_department_id', { label: '기획예산과' });
  await page.selectOption('#f-cooperating_departments', [{ label: '혁신기획단' }, { label: '총무과' }]);
  await page.selectOption('#f-status', { label: '추진' });
  await page.fill('#f-plan', '설명회 일정 공개\n주민 의견 수렴');
  await page.screenshot({ path: path.join(shots, 'task-form.png'), fullPage: true });
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('h1'), /주민참여 예산 설명회 개선/);
  assert.match(await page.textContent('main'), /총무과, 혁신기획단/, 'both cooperating departments, in the list\'s order');
  assert.match(await page.textContent('.il-progress'), /진도율 0%/);

  await page.click('text=단위사업 추가');
  assert.equal(await page.inputValue('#f-task_id'), await page.locator('#f-task_id option:checked').getAttribute('value'));
  await page.fill('#f-title', '설명회 온라인 중계');
  await page.fill('#f-weight', '2');
  await page.selectOption('#f-status', { label: '추진' });
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('h1'), /주민참여 예산 설명회 개선/, 'back on the task');
  assert.match(await page.textContent('main'), /설명회 온라인 중계/);

  await page.click('text=추진실적 보고');
  assert.deepEqual(await axeViolations(page), []);
  await page.selectOption('#f-unit_project_id', { label: '설명회 온라인 중계' });
  await page.fill('#f-month', '2030-05');
  await page.fill('#f-progress', '40');
  await page.fill('#f-content', '중계 장비 계약 완료');
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('.il-progress'), /진도율 40%/);
  assert.match(await page.textContent('main'), /2030-05[\s\S]*설명회 온라인 중계[\s\S]*40%/);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(shots, 'task-progress.png'), fullPage: true });

  await page.goto(srv.url + '/tasks/dashboard?year=2030&month=2030-05');
  assert.equal(await stat('과제'), before + 1);
  assert.equal(await stat('평균 진도율'), 40);
  assert.equal(await stat('미보고'), 0);
  await page.goto(srv.url + '/tasks/dashboard?year=2030&month=2030-06');
  assert.equal(await stat('미보고'), 1);
  assert.match(await page.textContent('table'), /주민참여 예산 설명회 개선/);
});

test('a report with a bad month keeps what was typed and says what is wrong', async () => {
  await page.goto(srv.url + '/progress-reports/new');
  await page.fill('#f-month', '2030-13');
  await page.fill('#f-progress', '30');
  await page.fill('#f-content', '내용은 남아 있어야 합니다');
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('#e-month'), /2007-03 꼴/);
  assert.match(await page.textContent('#e-task_id'), /하나는 골라야/);
  assert.equal(await page.inputValue('#f-content'), '내용은 남아 있어야 합니다');
  assert.deepEqual(await axeViolations(page), []);
});
