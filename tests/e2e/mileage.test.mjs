// mileage.test.mjs: innovation mileage on the seed's demo organisation: the
// seed's 2006 figures computed from the ledger, knowledge's events turned
// into exactly one entry each, caps and rule changes, an event taken twice,
// the database refusing to change the ledger, manual awards and
// corrections, leaderboards by period with ties, bulk awards (page and
// shell), MVPs and rewards, and who may do what.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, run, sql, staff, start } from './harness.mjs';
import { readCsv, readXlsx, trimRow } from './xlsx.mjs';

describe(`mileage on ${driver}`, () => {
  let srv, admin, token, member, memberStaff, manager, people, field;
  const api = (p, init = {}) => fetch(srv.url + '/api/v1' + p, {
    ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers || {}) },
  });
  const post = (p, body) => api(p, { method: 'POST', body: JSON.stringify(body) });
  const patch = (p, body) => api(p, { method: 'PATCH', body: JSON.stringify(body) });
  const json = async (p) => (await api(p)).json();
  const form = async (client, p, fields, from) => client.post(p, { _csrf: await client.csrf(from || p), ...fields });
  const board = (q) => json(`/mileage-entries/leaderboard?${q}`);
  const entries = async (q) => (await json(`/mileage-entries?per_page=100&${q}`));
  // An account of role for staff member s (linked, signed in).
  const linked = async (login, role, s) => {
    const id = await addUser(srv.db, login, role, 'Hyeoksin#2026', s.name);
    const r = await patch(`/staff/${s.id}`, { user_id: id });
    assert.equal(r.status, 200, await r.text());
    return staff(srv.url, login);
  };
  const award = (s, points, earned_on, reason = '시험 부여') => post('/mileage-entries', { staff_id: s.id, points, earned_on, reason });

  before(async () => {
    srv = await start(['--demo']);
    await addUser(srv.db, 'm.admin', 'admin');
    admin = await staff(srv.url, 'm.admin');
    token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'm.admin'])).stdout.trim();
    people = (await json('/staff?per_page=100&sort=employee_no')).items;
    memberStaff = people[3];
    member = await linked('m.member', 'member', memberStaff);
    field = (await json('/knowledge-fields?per_page=1')).items[0].id;
  });
  after(async () => { await srv.stop(); });

  test('the seed\'s 2006 figures, computed from the ledger: 1,292 people, 2,991.5 points, 9 rewarded with 1,800천원', async () => {
    const year = await board('period=2006');
    assert.equal(year.summary.people, 1292);
    assert.equal(year.summary.points, '2991.5');
    const sum = (await sql(srv.db, "SELECT SUM(points), COUNT(DISTINCT staff_id) FROM mileage_entries WHERE earned_on LIKE '2006%'")).trim();
    assert.equal(sum.replace(/\s+/g, '|').replace(/\|$/, ''), '5983|1292', 'the ledger itself, in halves');
    const mvps = await json('/mileage-rewards/mvps?period=2006');
    assert.equal(mvps.people, 9);
    assert.equal(mvps.amount_total, 1800000);
    const rewards = await json('/mileage-rewards?period=2006&per_page=100');
    assert.equal(rewards.total, 9);
    assert.ok(rewards.items.every((r) => r.paid === true && r.paid_on === '2006-12-27'));
    assert.deepEqual(year.mvps.map((m) => m.rank), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(year.rows.slice(0, 9).map((r) => r.name), year.mvps.map((m) => m.name), 'the MVPs are the year\'s top nine');
    const auto = await entries('kind=auto&event_code=knowledge.excellent');
    assert.equal(auto.total, 8, 'the 8 excellent items of 2006, each through the rule');
    const page = await (await admin.get('/mileage-entries/leaderboard?period=2006')).text();
    assert.match(page, /1,292명[\s\S]*2,991\.5/, 'as the seed writes them');
  });

  test('an item rated excellent creates exactly one entry, linked to it; its registration one too', async () => {
    const created = await form(member, '/knowledge-items', { title: '마일리지 시험 지식', field_id: String(field), kind: 'idea', body: '본문' }, '/knowledge-items/new');
    assert.equal(created.status, 303);
    const id = Number(created.headers.get('location').split('/').pop());
    const registered = await entries(`staff_id=${memberStaff.id}&event_code=knowledge.registered`);
    assert.equal(registered.total, 1);
    assert.equal(registered.items[0].source_id, id);
    const decided = await form(admin, `/knowledge-items/${id}/decide`, { decision: 'excellent', grade: 'S' }, `/knowledge-items/${id}`);
    assert.equal(decided.status, 303);
    const excellent = await entries(`staff_id=${memberStaff.id}&event_code=knowledge.excellent`);
    assert.equal(excellent.total, 1);
    const e = excellent.items[0];
    assert.equal(e.points, 10);
    assert.equal(e.kind, 'auto');
    assert.equal(e.source_entity, 'knowledge-items');
    assert.equal(e.source_id, id);
    const mine = await (await member.get('/mileage-entries/mine')).text();
    assert.match(mine, new RegExp(`href="/knowledge-items/${id}"`), 'my history links to what earned it');
    assert.match(mine, /우수지식 선정/);

    // the same event taken again: the database allows one entry per event
    const before = (await sql(srv.db, `SELECT points, entries FROM mileage_balances WHERE subject = 0 AND subject_id = ${memberStaff.id} AND period = 0`)).trim();
    assert.match(before, /^-?\d+\|\d+$/, 'their all-time balance (subject 0: a person, period 0: all time)');
    await sql(srv.db, `UPDATE domain_events SET consumed_at = NULL WHERE record_id = ${id} AND entity = 'knowledge-items'`);
    const again = await run(['mileage', 'take', '--db', srv.db.url]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /2건/);
    assert.equal((await entries(`staff_id=${memberStaff.id}&event_code=knowledge.excellent`)).total, 1);
    assert.equal((await sql(srv.db, `SELECT points, entries FROM mileage_balances WHERE subject = 0 AND subject_id = ${memberStaff.id} AND period = 0`)).trim(), before, 'balances untouched');
  });

  test('a monthly cap cuts the last award to what is left; a rule change never rewrites past entries', async () => {
    const writer = people[5];
    const client = await linked('m.writer', 'member', writer);
    const rule = (await json('/mileage-rules?event_code=knowledge.registered')).items[0];
    assert.equal((await patch(`/mileage-rules/${rule.id}`, { points: 1, monthly_cap: 2.5 })).status, 200);
    const write = (n) => form(client, '/knowledge-items', { title: `한도 시험 ${n}`, field_id: String(field), kind: 'idea', body: '본문' }, '/knowledge-items/new');
    for (let i = 0; i < 4; i++) assert.equal((await write(i)).status, 303);
    const month = new Date().toISOString().slice(0, 7); // the demo's 2006 entries are not this month's
    const registered = async () => (await entries(`staff_id=${writer.id}&event_code=knowledge.registered`)).items
      .filter((e) => e.earned_on.startsWith(month)).map((e) => e.points).reverse();
    let got = await registered();
    assert.deepEqual(got, [1, 1, 0.5], 'the third is cut to the cap, the fourth gets nothing');
    assert.equal((await patch(`/mileage-rules/${rule.id}`, { points: 3, monthly_cap: null })).status, 200);
    assert.equal((await write(5)).status, 303);
    got = await registered();
    assert.deepEqual(got, [1, 1, 0.5, 3], 'earlier entries keep their points');
    const clash = await post('/mileage-rules', { event_code: 'knowledge.registered', name: '겹치는 기준', points: 1 });
    assert.equal(clash.status, 422);
    assert.match((await clash.json()).error.fields.event_code, /겹치는/);
    assert.equal((await post('/mileage-rules', { event_code: 'knowledge.registered', name: '반 점', points: 0.3 })).status, 422, 'points in halves');
    assert.equal((await post('/mileage-rules', { event_code: 'no.such.event', name: '없는 활동', points: 1 })).status, 422);
  });

  test('the ledger is append-only: no edit routes, and the database refuses UPDATE and DELETE', async () => {
    const one = (await entries('per_page=1')).items[0];
    assert.equal((await patch(`/mileage-entries/${one.id}`, { points: 100 })).status, 405);
    assert.equal((await api(`/mileage-entries/${one.id}`, { method: 'DELETE' })).status, 405);
    assert.equal((await admin.get(`/mileage-entries/${one.id}/edit`)).status, 404);
    await assert.rejects(sql(srv.db, `UPDATE mileage_entries SET points = 100 WHERE id = ${one.id}`), /append-only/);
    await assert.rejects(sql(srv.db, `DELETE FROM mileage_entries WHERE id = ${one.id}`), /append-only/);
    if (driver === 'postgres') await assert.rejects(sql(srv.db, 'TRUNCATE mileage_entries CASCADE'), /append-only/);
    assert.equal((await json(`/mileage-entries/${one.id}`)).points, one.points);
  });

  test('manual awards and corrections: a negative entry against the original, in its period', async () => {
    const s = people[7];
    const r = await award(s, 2.5, '2005-03-10', '혁신 제안 우수');
    assert.equal(r.status, 201, await r.clone().text());
    const e = await r.json();
    assert.equal(e.kind, 'manual');
    assert.equal(e.points, 2.5);
    assert.equal(e.awarded_by_name, 'm.admin');
    const bad = async (body, fieldName) => {
      const x = await post('/mileage-entries', body);
      assert.equal(x.status, 422, JSON.stringify(body));
      assert.ok((await x.json()).error.fields[fieldName], fieldName);
    };
    await bad({ staff_id: s.id, points: 1 }, 'reason');
    await bad({ staff_id: s.id, points: 0.3, reason: 'x' }, 'points');
    await bad({ staff_id: s.id, points: -1, reason: 'x' }, 'points');
    await bad({ staff_id: s.id, corrects_id: e.id, points: 1, reason: '양수' }, 'points');
    await bad({ staff_id: s.id, corrects_id: e.id, points: -3, reason: '너무 많이' }, 'points');
    const fix = await post('/mileage-entries', { staff_id: people[8].id, corrects_id: e.id, points: -1, reason: '중복 부여 정정', earned_on: '2007-01-01' });
    assert.equal(fix.status, 201);
    const c = await fix.json();
    assert.equal(c.kind, 'correction');
    assert.equal(c.staff_id, s.id, 'the corrected entry\'s person');
    assert.equal(c.earned_on, '2005-03-10', 'booked in the corrected entry\'s period');
    const month = await board('period=2005-03');
    assert.equal(month.rows.find((x) => x.id === s.id).points, '1.5');
    const shown = await (await admin.get(`/mileage-entries/${e.id}`)).text();
    assert.match(shown, /중복 부여 정정/);
    await bad({ staff_id: s.id, corrects_id: c.id, points: -0.5, reason: '정정의 정정' }, 'corrects_id');
  });

  test('leaderboards rank by the period\'s own points; ties share a rank; departments include everything under them', async () => {
    const [x, y, z] = [people[10], people[11], people[12]];
    for (const [s, p, d] of [[x, 5, '2004-01-05'], [y, 3, '2004-02-05'], [x, 1, '2004-02-06'], [z, 3, '2004-02-07']])
      assert.equal((await award(s, p, d)).status, 201);
    const feb = await board('period=2004-02');
    assert.deepEqual(feb.rows.map((r) => [r.id, r.rank, r.points]), [[y.id, 1, '3'], [z.id, 1, '3'], [x.id, 3, '1']]);
    const year = await board('period=2004');
    assert.deepEqual(year.rows.map((r) => [r.id, r.rank]), [[x.id, 1], [y.id, 2], [z.id, 2]]);
    assert.equal(year.summary.people, 3);
    assert.equal(year.summary.points, '12');
    const jan = await board('period=2004-01');
    assert.deepEqual(jan.rows.map((r) => r.id), [x.id], 'only who earned in the month');
    const depts = await board('period=2004&by=dept');
    const own = depts.rows.find((r) => r.id === x.department_id);
    assert.ok(own, 'the person\'s department is ranked');
    const dept = await json(`/departments/${x.department_id}`);
    if (dept.parent_id) {
      const parent = depts.rows.find((r) => r.id === dept.parent_id);
      assert.ok(parent && Number(parent.points) >= Number(own.points), 'a department above includes it');
    }
    const page2 = await board('period=2006&page=2');
    assert.equal(page2.page, 2);
    assert.ok(page2.rows[0].rank > 9, 'ranks carry on across pages');
    for (const [q, message] of [['period=13', '기간(period)의 값이 올바르지 않습니다. 가능한 값: all, 2006 또는 2006-07 꼴의 기간.'],
      ['by=x', '대상(by)의 값이 올바르지 않습니다. 가능한 값: staff, dept.'],
      ['level=%27', '부서 단위(level)의 값이 올바르지 않습니다. 가능한 값: bureau, division, team, dong, other.'],
      ['page=-1', '쪽(page)의 값이 올바르지 않습니다. 가능한 값: 1부터 100000 사이의 숫자.']]) {
      const r = await admin.get('/mileage-entries/leaderboard?' + q);
      assert.equal(r.status, 400, q);
      assert.ok((await r.text()).includes(message), `${q}: ${message}`);
    }
    const teams = await (await admin.get('/mileage-entries/leaderboard?period=2006&by=dept&level=team')).text();
    assert.match(teams, /href="\/mileage-entries\/leaderboard\?period=2006&amp;by=dept&amp;level=team&amp;page=2"/, 'the pager keeps the board asked for');
    const kims = await (await admin.get('/staff?q=%EA%B9%80&sort=name')).text();
    assert.match(kims, /href="\/staff\?q=%EA%B9%80&amp;sort=name&amp;page=2"/, 'a list\'s pager keeps its search, encoded, and its sort');
  });

  test('bulk award: all or nothing, by employee number, from the page and the shell', async () => {
    const three = people.slice(20, 23);
    const list = three.map((s) => s.employee_no).join('\n');
    let r = await form(admin, '/mileage-entries/bulk', { numbers: `${list}\n없는번호`, points: '1.5', earned_on: '2003-05-01', reason: '혁신교육 이수' });
    assert.equal(r.status, 422);
    assert.match(await r.text(), /없는 번호입니다: 없는번호/);
    r = await form(admin, '/mileage-entries/bulk', { numbers: `${list}\n${three[0].employee_no}`, points: '1.5', earned_on: '2003-05-01', reason: '혁신교육 이수' });
    assert.equal(r.status, 422, 'a repeated number');
    r = await form(admin, '/mileage-entries/bulk', { numbers: list, points: '0', earned_on: '2003-05-01', reason: 'x' });
    assert.equal(r.status, 422);
    assert.equal((await board('period=2003-05')).rows.length, 0, 'nothing written');
    r = await form(admin, '/mileage-entries/bulk', { numbers: list.replace(/\n/g, '\t'), points: '1.5', earned_on: '2003-05-01', reason: '혁신교육 이수' });
    assert.equal(r.status, 303);
    const may = await board('period=2003-05');
    assert.deepEqual(may.rows.map((x) => x.points), ['1.5', '1.5', '1.5']);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mileage-'));
    await fs.writeFile(path.join(dir, 'list.txt'), people.slice(30, 40).map((s) => s.employee_no).join('\r\n'));
    const shell = await run(['mileage', 'award', path.join(dir, 'list.txt'), '--db', srv.db.url, '--points', '2', '--on', '2003-06-01', '--reason', '경진대회 참가']);
    assert.equal(shell.code, 0, shell.stderr);
    assert.match(shell.stdout, /10명에게 2점씩/);
    assert.equal((await board('period=2003-06')).summary.people, 10);
    const refused = await run(['mileage', 'award', path.join(dir, 'list.txt'), '--db', srv.db.url, '--points', 'abc', '--reason', 'x']);
    assert.equal(refused.code, 2);
    await fs.rm(dir, { recursive: true });
  });

  test('MVPs of a period: candidates with ties, confirmed once, rewards recorded and exported', async () => {
    const page = await (await admin.get('/mileage-rewards/mvps?period=2004-02&n=1')).text();
    assert.equal((page.match(/name="pick_\d+"/g) || []).length, 2, 'both tied at the top are candidates');
    const [y, z] = [people[11], people[12]];
    const confirm = (fields) => form(admin, '/mileage-rewards/mvps', { period: '2004-02', title: '2004년 2월 혁신MVP', ...fields }, '/mileage-rewards/mvps?period=2004-02');
    const nobody = await confirm({ [`amount_${y.id}`]: '70000' });
    assert.equal(nobody.status, 422, 'nobody picked');
    const again = await nobody.text();
    assert.match(again, /MVP로 확정할 사람을 한 명 이상 골라 주세요\./);
    assert.match(again, new RegExp(`name="amount_${y.id}" type="number"[^>]*value="70000"`), 'the page again, with what was typed');
    assert.doesNotMatch(again, new RegExp(`name="pick_${y.id}" value="1" checked`), 'and the boxes as they were left');
    assert.equal((await confirm({ [`pick_${people[50].id}`]: '1' })).status, 422, 'no points in the period');
    assert.equal((await confirm({ [`pick_${y.id}`]: '1', [`amount_${y.id}`]: '1억' })).status, 422, 'an amount is a number');
    const done = await confirm({ [`pick_${y.id}`]: '1', [`amount_${y.id}`]: '100000' });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), '/mileage-rewards/mvps?period=2004-02&notice=mvps');
    assert.match(await (await admin.get(done.headers.get('location'))).text(), /혁신MVP를 확정하고 포상을 기록했습니다\./);
    assert.equal((await sql(srv.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'mvps' AND entity = 'mileage-rewards'")).trim(), '1', 'one audit entry, with the confirmation');
    assert.equal((await confirm({ [`pick_${z.id}`]: '1' })).status, 409, 'confirmed once');
    const mvp = await json('/mileage-rewards/mvps?period=2004-02');
    assert.deepEqual(mvp.confirmed.map((m) => [m.name, m.rank, m.amount]), [[y.name, 1, 100000]]);
    const rewards = await json('/mileage-rewards?period=2004-02');
    assert.equal(rewards.total, 1);
    assert.equal(rewards.items[0].paid, false);
    assert.equal((await patch(`/mileage-rewards/${rewards.items[0].id}`, { paid: true })).status, 200);
    assert.match((await json(`/mileage-rewards/${rewards.items[0].id}`)).paid_on, /^\d{4}-\d{2}-\d{2}$/, 'paid today');
    const xlsx = await admin.get('/mileage-rewards.xlsx?period=2006');
    assert.equal(xlsx.status, 200);
    assert.match(xlsx.headers.get('content-type'), /spreadsheetml/);
    const sheet = readXlsx(await xlsx.arrayBuffer());
    assert.deepEqual(sheet[0], ['직원', '부서', '기간', '포상 내용', '금액 (원)', '지급', '지급일', 'MVP 선정', '비고']);
    const year = (await json('/mileage-rewards?period=2006&per_page=100')).items;
    assert.deepEqual(sheet.slice(1).map((r) => r[0]).sort(), year.map((r) => r.staff_id_title).sort(), 'the 9 rewarded of 2006');
    assert.equal(sheet.slice(1).reduce((n, r) => n + Number(r[4]), 0), 1800000);
    assert.ok(sheet.slice(1).every((r) => r[2] === '2006' && r[5] === '예' && r[6] === '2006-12-27'));
    const csv = readCsv(await (await admin.get('/mileage-rewards.csv?period=2006')).arrayBuffer());
    assert.deepEqual(sheet, csv.map(trimRow), 'cell for cell the CSV export');
  });

  test('innoland rebuild derives from the ledger the very balances every entry kept', async () => {
    const all = 'SELECT subject, subject_id, period, points, entries, people FROM mileage_balances ORDER BY 1, 2, 3';
    const kept = await sql(srv.db, all);
    assert.ok(kept.split('\n').length > 5000);
    const r = await run(['rebuild', '--db', srv.db.url]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await sql(srv.db, all), kept);
  });

  test('who may do what', async () => {
    const taken = await patch(`/staff/${people[60].id}`, { user_id: (await json(`/staff/${memberStaff.id}`)).user_id });
    assert.equal(taken.status, 422, 'an account belongs to one person');
    assert.match((await taken.json()).error.fields.user_id, /이미 .* 님과 연결/);
    assert.equal((await form(member, `/staff/${memberStaff.id}`, { user_id: '' }, '/mileage-entries/mine')).status, 403);
    assert.equal((await member.get('/mileage-entries')).status, 403, 'a member reads only their own');
    assert.equal((await member.get('/mileage-entries/mine')).status, 200);
    assert.equal((await member.get('/mileage-entries/leaderboard')).status, 200);
    assert.equal((await member.get('/mileage-rules')).status, 200);
    assert.equal((await member.get('/mileage-rewards')).status, 403);
    assert.equal((await member.get('/mileage-rewards/mvps')).status, 403);
    assert.equal((await member.get('/mileage-entries/bulk')).status, 403);
    assert.equal((await form(member, '/mileage-entries', { staff_id: String(memberStaff.id), points: '100', reason: '셀프' }, '/mileage-entries/mine')).status, 403);
    const rule = (await json('/mileage-rules')).items[0];
    assert.equal((await form(member, `/mileage-rules/${rule.id}`, { points: '100' }, '/mileage-rules')).status, 403);
    // a manager of a team (no department under it) reads that team's entries only
    const teams = new Set((await json('/departments?per_page=100&kind=team')).items.map((d) => d.id));
    const s = people.find((p) => teams.has(p.department_id) && p.department_id !== memberStaff.department_id);
    const id = await addUser(srv.db, 'm.manager', 'manager');
    await sql(srv.db, `UPDATE users SET department_id = ${s.department_id} WHERE id = ${id}`);
    manager = await staff(srv.url, 'm.manager');
    const seen = await (await manager.get('/mileage-entries?per_page=100', { accept: 'application/json' })).json();
    assert.equal(seen.total, Number((await sql(srv.db, `SELECT COUNT(*) FROM mileage_entries WHERE department_id = ${s.department_id}`)).trim()), 'all their team\'s entries');
    assert.ok(seen.total > 0, 'the team has some');
    assert.ok(seen.items.every((e) => e.department_id === s.department_id), 'only their team\'s');
    const other = (await entries(`staff_id=${memberStaff.id}`)).items[0];
    assert.equal((await manager.get(`/mileage-entries/${other.id}`)).status, 404, 'another department\'s entry is not there for them');
    const team = (await json(`/staff?department_id=${s.department_id}&per_page=100`)).items;
    const rows = await Promise.all(team.map((p) => json(`/staff/${p.id}`)));
    const teamStaff = rows.find((p) => !p.user_id); // the list shows no accounts: read each
    const fields = { employee_no: teamStaff.employee_no, name: teamStaff.name, grade: teamStaff.grade, department_id: String(teamStaff.department_id), active: '1' };
    const unlink = await form(manager, `/staff/${teamStaff.id}`, { ...fields, user_id: String((await json(`/staff/${memberStaff.id}`)).user_id) }, '/mileage-entries/mine');
    assert.equal(unlink.status, 422, 'a manager does not link accounts');
    const keep = await form(manager, `/staff/${teamStaff.id}`, { ...fields, name: teamStaff.name + '가', user_id: '' }, '/mileage-entries/mine');
    assert.equal(keep.status, 303, 'but edits their staff with the link as it is');
    assert.match(await (await admin.get('/mileage-entries/mine')).text(), /직원 명부와 연결되어 있지 않아/, 'an account with no staff record is told why');
  });
});
