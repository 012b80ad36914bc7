// plan-schedule.test.mjs: the plans in a real browser, without JavaScript
// of our own: the 2007 plan's page with Ⅲ and its sections, its schedule
// with the counts and the done cells' links, and an item refused through
// its form for a cadence without what it needs; every page axe-core clean,
// with screenshots.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { addUser, run, start } from '../e2e/harness.mjs';
import { axeViolations, launch, shots, signedIn } from './browser.mjs';

let srv, browser, admin, plan;

before(async () => {
  srv = await start(['--demo']);
  await addUser(srv.db, 'plan.admin', 'admin', 'Hyeoksin#2026', '계획관리');
  const token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'plan.admin'])).stdout.trim();
  plan = (await (await fetch(srv.url + '/api/v1/plans', { headers: { authorization: `Bearer ${token}` } })).json()).items[0];
  browser = await launch();
  admin = await signedIn(browser, srv.url, 'plan.admin');
});
after(async () => { await browser?.close(); await srv?.stop(); });

async function clean(page, name) {
  assert.deepEqual(await axeViolations(page), [], name);
  await page.screenshot({ path: path.join(shots, `plans-${name}.png`), fullPage: true });
}

test('the 2007 plan\'s page, then its schedule through the link', async () => {
  await admin.goto(`${srv.url}/plans/${plan.id}`);
  const text = (await admin.textContent('main')).replace(/\s+/g, '');
  assert.match(text, /비전고객과성과중심의일류영등포구현추진기조질적혁신으로의도약/);
  assert.match(text, /단위사업17개/);
  await clean(admin, 'plan');
  await admin.click('text=추진일정');
  assert.equal(new URL(admin.url()).pathname, `/plans/${plan.id}/schedule`);
  const sched = (await admin.textContent('main')).replace(/\s+/g, '');
  assert.match(sched, /10완료66지연0진행0예정11확인필요87전체이행시기/); // with the supporters' four quarterly meetings (registries)
  assert.equal(await admin.locator('td.il-plan-done a').count(), 10);
  assert.equal(await admin.locator('td.il-plan-overdue').count(), 66);
  assert.equal(await admin.locator('td.il-plan-unlinked').count(), 11);
  await clean(admin, 'schedule');
  await admin.locator('td.il-plan-done a').first().click();
  assert.match(new URL(admin.url()).pathname, /^\/meetings\/\d+$/);
});

test('the plans\' list, and an item refused on its form', async () => {
  await admin.goto(srv.url + '/plans');
  assert.match(await admin.textContent('main'), /2007 행정혁신 업무추진계획/);
  await clean(admin, 'plans');
  await admin.goto(`${srv.url}/plan-items/new?plan_id=${plan.id}`);
  await admin.fill('#f-text', '횟수 없는 항목');
  await admin.selectOption('#f-cadence', 'at_least');
  await admin.selectOption('#f-source', 'none');
  await admin.click('main form button[type=submit]');
  assert.match(await admin.textContent('main'), /연 N회 이상 주기에는 횟수를 적으십시오\./);
  await clean(admin, 'item-refused');
});
