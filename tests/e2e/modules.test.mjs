// modules.test.mjs: the module kit seen from outside: `innoland modules`
// and the route table built from the module list, the menu and home page
// cut to what a role may open, the home page's work list computed from the
// records, and a declared action (a reward's payment) through the engine:
// its form, a refused input kept as typed, a refused role, the notice after,
// its audit entry, a second click, and the API face.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, run, sql, staff, start } from './harness.mjs';

describe(`modules on ${driver}`, () => {
  let srv, admin, member, token;
  const api = (path, init = {}) => fetch(srv.url + '/api/v1' + path, {
    ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers || {}) },
  });
  const post = (path, body) => api(path, { method: 'POST', body: JSON.stringify(body) });
  const form = async (client, path, fields, from) => client.post(path, { _csrf: await client.csrf(from), ...fields });
  const home = async (client) => (await client.get('/', { accept: 'application/json' })).json();

  before(async () => {
    srv = await start(['--demo']);
    await addUser(srv.db, 'm.admin', 'admin');
    admin = await staff(srv.url, 'm.admin');
    token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'm.admin'])).stdout.trim();
    await addUser(srv.db, 'm.member', 'member');
    member = await staff(srv.url, 'm.member');
  });
  after(async () => { await srv.stop(); });

  test('innoland modules lists the modules in order with what each declares', async () => {
    const r = await run(['modules']);
    assert.equal(r.code, 0, r.stderr);
    const mods = JSON.parse(r.stdout);
    assert.deepEqual(mods.map((m) => m.name), ['base', 'org', 'tasks', 'knowledge', 'courses', 'clubs', 'groups', 'mileage', 'contests', 'evaluations', 'registries', 'devolved', 'manuals', 'plans']);
    const by = Object.fromEntries(mods.map((m) => [m.name, m]));
    assert.deepEqual(by.tasks.entities, ['tasks', 'unit-projects', 'progress-reports', 'meetings',
      'process-redesigns', 'working-groups', 'task-advice']);
    assert.deepEqual(by.knowledge.events, ['knowledge.registered', 'knowledge.excellent']);
    assert.deepEqual(by.mileage.commands, [{ word: 'mileage', sub: 'award' }, { word: 'mileage', sub: 'take' }]);
    assert.deepEqual(by.org.commands, [{ word: 'import', sub: 'staff' }, { word: 'import', sub: 'departments' }]);
    assert.deepEqual(mods.filter((m) => m.rebuild).map((m) => m.name), ['tasks', 'knowledge', 'mileage']);
    assert.deepEqual(by.devolved.commands, [{ word: 'devolved', sub: 'import' }]);
    assert.deepEqual(mods.filter((m) => m.demo).map((m) => m.name), ['org', 'tasks', 'knowledge', 'courses', 'clubs', 'groups', 'mileage', 'contests', 'evaluations', 'registries', 'devolved', 'manuals', 'plans']);
    assert.equal(by.base.area, undefined, 'the base pages are no area of work');
  });

  test('the route table holds every module\'s routes and the declared actions with their roles', async () => {
    const routes = JSON.parse((await run(['routes'])).stdout);
    const find = (method, pattern) => routes.find((x) => x.method === method && x.pattern === pattern);
    assert.deepEqual(find('POST', '/knowledge-items/{id}/decide').roles, ['admin']);
    assert.deepEqual(find('POST', '/mileage-rewards/{id}/pay').roles, ['admin']);
    assert.equal(find('GET', '/mileage-rewards/{id}/pay').page, true, 'an action with inputs has a form page');
    assert.equal(find('GET', '/knowledge-items/{id}/recommend'), undefined, 'an action without inputs has none');
    assert.ok(find('GET', '/tasks/dashboard') && find('GET', '/staff/import') && find('GET', '/mileage-rewards/mvps'));
    const keys = routes.map((x) => `${x.method} ${x.pattern}`);
    assert.equal(new Set(keys).size, keys.length, 'no route twice');
  });

  test('the menu and home page show the areas the role may open, and only existing ones', async () => {
    const areas = ['/staff', '/tasks', '/knowledge', '/courses', '/clubs/home', '/groups/overview', '/mileage-entries/mine', '/contests', '/evaluations', '/registries', '/devolved', '/manuals/campaign', '/plans'];
    assert.deepEqual((await home(member)).areas.map((a) => a.href), areas);
    assert.deepEqual((await home(admin)).areas.map((a) => a.href), areas);
    const html = await (await member.get('/')).text();
    const menu = html.slice(html.indexOf('<nav class="il-gnb"'), html.indexOf('</nav>', html.indexOf('<nav class="il-gnb"')));
    // the parts of 기록·대장 are on the home page, not in the menu
    assert.deepEqual([...menu.matchAll(/href="([^"]+)"/g)].map((m) => m[1]), areas.filter((h) => !['/devolved', '/manuals/campaign', '/plans'].includes(h)));
    assert.deepEqual((await home(member)).areas.filter((a) => a.under).map((a) => [a.href, a.under]), [['/devolved', '/registries'], ['/manuals/campaign', '/registries'], ['/plans', '/registries']]);
    for (const gone of ['/clubs', '/portal', '/reports'])
      assert.ok(!html.includes(`href="${gone}"`), `no link to the missing ${gone}`);
    await addUser(srv.db, 'm.supporter', 'supporter');
    const supporter = await staff(srv.url, 'm.supporter');
    assert.deepEqual((await home(supporter)).areas.map((a) => a.href), ['/tasks'], 'a supporter reads the tasks only');
    for (const href of areas) {
      const st = (await supporter.get(href)).status;
      assert.equal(st, href === '/tasks' ? 200 : 403, `${href} for a supporter`);
    }
  });

  test('the home page gathers what the person has to do, counted from the records', async () => {
    assert.deepEqual((await home(member)).todo, [], 'a member has nothing to do here');
    const unreported = Number((await sql(srv.db, "SELECT COUNT(*) FROM tasks WHERE status = 'in_progress' AND archived_at IS NULL AND year = 2007 AND last_report_month < '2007-12'")).trim());
    const undecided = Number((await sql(srv.db, "SELECT COUNT(*) FROM knowledge_items WHERE status IN ('registered', 'under_review') AND archived_at IS NULL")).trim());
    assert.equal(unreported, 18, 'the 18 common tasks of 2007, reported up to February');
    assert.equal(undecided, 65, 'every fifth of the knowledge demo\'s 320 items is still registered, and the benchmarking of 2007-04-12 the registries\' demo published');
    let todo = (await home(admin)).todo;
    const tasks = todo.find((t) => t.href === '/tasks/dashboard');
    assert.equal(tasks.text, '2007년 12월 추진실적 미보고 과제', 'the demo\'s latest year is a past one: its December');
    const knowledge = todo.find((t) => t.text === '채택 결정 대기 지식');
    assert.equal(tasks.count, unreported);
    assert.equal(knowledge.count, undecided);
    assert.equal(todo.length, 2, '2006\'s MVPs are confirmed: nothing to do for mileage');

    // a manager: their department's subtree only
    const dept = Number((await sql(srv.db, "SELECT d.parent_id FROM tasks t JOIN departments d ON d.id = t.lead_department_id WHERE t.year = 2007 AND t.status = 'in_progress' AND d.parent_id IS NOT NULL ORDER BY t.id LIMIT 1")).trim());
    const managerId = await addUser(srv.db, 'm.manager', 'manager');
    await sql(srv.db, `UPDATE users SET department_id = ${dept} WHERE id = ${managerId}`);
    const manager = await staff(srv.url, 'm.manager');
    const theirs = Number((await sql(srv.db, `SELECT COUNT(*) FROM tasks WHERE status = 'in_progress' AND archived_at IS NULL AND year = 2007 AND last_report_month < '2007-12' AND lead_department_id IN (SELECT id FROM departments WHERE id = ${dept} OR path LIKE (SELECT path || id || '/%' FROM departments WHERE id = ${dept}))`)).trim());
    assert.ok(theirs > 0 && theirs < unreported, `a part of the organisation's (${theirs} of ${unreported})`);
    assert.deepEqual((await home(manager)).todo, [{ count: theirs, text: '2007년 12월 추진실적 미보고 과제', href: `/tasks/dashboard?department=${dept}` }]);

    // an expert: the open items of their field, not theirs, not yet reviewed by them
    const expertId = await addUser(srv.db, 'm.expert', 'expert');
    const expert = await staff(srv.url, 'm.expert');
    const field = Number((await sql(srv.db, "SELECT id FROM knowledge_fields ORDER BY id LIMIT 1")).trim());
    assert.equal((await post('/knowledge-experts', { field_id: field, user_id: expertId, appointed_on: '2007-03-02' })).status, 201);
    const open = Number((await sql(srv.db, `SELECT COUNT(*) FROM knowledge_items WHERE field_id = ${field} AND status IN ('registered', 'under_review') AND archived_at IS NULL`)).trim());
    assert.equal(open, 9, 'the demo\'s registered items of its first field: every 45th, and the registries\' demo benchmarking');
    assert.deepEqual((await home(expert)).todo, [{ count: open, text: '심사 대기 지식', href: '/knowledge-items?status=registered' }]);
    const item = Number((await sql(srv.db, `SELECT MIN(id) FROM knowledge_items WHERE field_id = ${field} AND status = 'registered'`)).trim());
    const reviewed = await form(expert, `/knowledge-items/${item}/review`, { score_0: '20', score_1: '20', score_2: '10', score_3: '10', proposed: 'adopt' }, `/knowledge-items/${item}`);
    assert.equal(reviewed.status, 303);
    assert.equal(reviewed.headers.get('location'), `/knowledge-items/${item}?notice=review`);
    assert.equal((await home(expert)).todo[0].count, open - 1, 'one fewer once reviewed');

    // a past year with points and no MVP confirmed is the administrator's to do
    const sid = Number((await sql(srv.db, 'SELECT MIN(id) FROM staff')).trim());
    const award = await post('/mileage-entries', { staff_id: sid, points: 2, earned_on: '2025-05-02', reason: '시험 부여' });
    assert.equal(award.status, 201, await award.clone().text());
    todo = (await home(admin)).todo;
    assert.deepEqual(todo.find((t) => t.href.startsWith('/mileage-rewards/mvps')),
      { count: 1, text: '2025년 혁신MVP 확정 대기', href: '/mileage-rewards/mvps?period=2025' });
    const html = await (await admin.get('/')).text();
    assert.match(html, /<a href="\/mileage-rewards\/mvps\?period=2025">2025년 혁신MVP 확정 대기 <strong>1건<\/strong><\/a>/);
  });

  test('a declared action: its form, refused input kept, refused role, notice, audit, second click, API', async () => {
    const sid = Number((await sql(srv.db, 'SELECT MIN(id) FROM staff')).trim());
    const made = await post('/mileage-rewards', { staff_id: sid, title: '시험 포상', amount: 100000 });
    assert.equal(made.status, 201, await made.clone().text());
    const id = (await made.json()).id;
    const paid = async () => (await (await api(`/mileage-rewards/${id}`)).json()).paid;
    const audits = async () => Number((await sql(srv.db, `SELECT COUNT(*) FROM audit_log WHERE entity = 'mileage-rewards' AND record_id = '${id}' AND action = 'pay'`)).trim());

    const page = await (await admin.get(`/mileage-rewards/${id}`)).text();
    assert.match(page, new RegExp(`<a href="/mileage-rewards/${id}/pay" class="krds-btn secondary">포상금 지급 기록</a>`));
    const formPage = await (await admin.get(`/mileage-rewards/${id}/pay`)).text();
    assert.match(formPage, /<h1 id="action-title" class="il-page-title">포상금 지급 기록<\/h1>/);
    assert.match(formPage, /<input id="f-paid_on" name="paid_on" type="date"/);

    const bad = await form(admin, `/mileage-rewards/${id}/pay`, { paid_on: '2007-13-45' }, `/mileage-rewards/${id}/pay`);
    assert.equal(bad.status, 422);
    const badHtml = await bad.text();
    assert.match(badHtml, /value="2007-13-45"/, 'what was typed is kept');
    assert.match(badHtml, /날짜는 2007-03-15 꼴로 입력해 주세요\./);
    assert.equal(await paid(), false, 'nothing written');

    assert.equal((await form(member, `/mileage-rewards/${id}/pay`, { paid_on: '2007-01-05' }, '/')).status, 403);
    assert.equal((await member.post(`/mileage-rewards/${id}/pay`, { paid_on: '2007-01-05' })).status, 403, 'no CSRF token');
    assert.equal((await admin.post(`/mileage-rewards/${id}/pay`, { paid_on: '2007-01-05' })).status, 403, 'an administrator without the CSRF token');
    assert.equal(await paid(), false, 'nothing written by a refused request');
    assert.equal(await audits(), 0);

    const ok = await form(admin, `/mileage-rewards/${id}/pay`, { paid_on: '2007-01-05' }, `/mileage-rewards/${id}/pay`);
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), `/mileage-rewards/${id}?notice=pay`);
    assert.match(await (await admin.get(ok.headers.get('location'))).text(), /<div class="il-notice" role="status">지급을 기록했습니다\.<\/div>/);
    const row = await (await api(`/mileage-rewards/${id}`)).json();
    assert.equal(row.paid, true);
    assert.equal(row.paid_on, '2007-01-05');
    assert.equal(await audits(), 1, 'one audit entry, in the action\'s transaction');
    const again = await form(admin, `/mileage-rewards/${id}/pay`, {}, `/mileage-rewards/${id}/pay`);
    assert.equal(again.status, 409);
    assert.match(await again.text(), /이미 지급한 포상입니다\./);
    assert.equal(await audits(), 1, 'a second click writes nothing');

    const other = (await (await post('/mileage-rewards', { staff_id: sid, title: '시험 포상 2', amount: 5000 })).json()).id;
    const unknown = await post(`/mileage-rewards/${other}/pay`, { bogus: 1 });
    assert.equal(unknown.status, 422);
    assert.deepEqual(Object.keys((await unknown.json()).error.fields), ['bogus'], 'an undeclared input is refused');
    const viaApi = await post(`/mileage-rewards/${other}/pay`, {});
    assert.equal(viaApi.status, 200);
    const doc = await viaApi.json();
    assert.equal(doc.ok, true);
    assert.equal(doc.action, 'pay');
    assert.equal(doc.item.paid, true);
    assert.match(doc.item.paid_on, /^\d{4}-\d{2}-\d{2}$/, 'paid today without a day');
    assert.equal((await post('/mileage-rewards/999999/pay', {})).status, 404);
  });
});
