// groups.test.mjs: innovation-leading groups on the seed's demo organisation
// (Ⅱ-6, Ⅳ-2-3): the five groups of 101 members (20 / 29 / 19 / 11 / 22), each
// eligible by the group's rule of the year, 변화관리자's two years' rules,
// the 2006 activities with their participants and one mileage entry per
// participation, the refusal of someone the rule does not admit with its
// reason, a member whose grade changes listed as no longer eligible, who
// may do what, and bad input refused with a message.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, run, staff, start } from './harness.mjs';

describe(`groups on ${driver}`, () => {
  let srv, admin, member, token, memberToken, groups = {};
  const api = (path, init = {}, t = token) => fetch(srv.url + '/api/v1' + path, {
    ...init, headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json', ...(init.headers || {}) },
  });
  const post = (path, body, t) => api(path, { method: 'POST', body: JSON.stringify(body) }, t);
  const patch = (path, body) => api(path, { method: 'PATCH', body: JSON.stringify(body) });
  const json = async (path) => (await api(path)).json();
  const form = async (client, p, fields, from) => client.post(p, { _csrf: await client.csrf(from || p), ...fields });
  const overview = (year) => json(`/groups/overview?year=${year}`);
  const entries = async (query) => (await json(`/mileage-entries?event_code=group.activity&${query}`)).total;
  // a member of staff of grade, in no group yet, the n-th of the list
  const outsider = async (grade, n = 0) => {
    const taken = new Set((await json('/group-members?per_page=100&page=1')).items.map((m) => m.staff_id)
      .concat((await json('/group-members?per_page=100&page=2')).items.map((m) => m.staff_id)));
    return (await json(`/staff?grade=${grade}&per_page=100&sort=employee_no`)).items.filter((s) => !taken.has(s.id))[n];
  };

  before(async () => {
    srv = await start(['--demo']);
    await addUser(srv.db, 'group.admin', 'admin');
    await addUser(srv.db, 'group.member', 'member');
    admin = await staff(srv.url, 'group.admin');
    member = await staff(srv.url, 'group.member');
    token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'group.admin'])).stdout.trim();
    memberToken = (await run(['token', 'create', '--db', srv.db.url, '--login', 'group.member'])).stdout.trim();
    for (const g of (await json('/groups?sort=sort_order')).items) groups[g.name] = g.id;
  });
  after(async () => { await srv.stop(); });

  test('the five groups of 101 members, each with its rule, as Ⅱ-6 and Ⅳ-2-3 list them', async () => {
    const o = await overview(2006);
    assert.equal(o.group_count, 5);
    assert.equal(o.members, 101);
    assert.deepEqual(o.groups.map((g) => [g.name, g.rule, g.members]), [
      ['혁신리더그룹', '5~6급', 20],
      ['변화관리자', '6~9급', 29],
      ['혁신새싹그룹', '8~9급', 19],
      ['혁신전문가', '사이버 전문가과정 이수', 11],
      ['지식전문가', '지식전문가 위촉', 22],
    ]);
    // 2007: 변화관리자 6~8급 (Ⅳ-2-3), the others' rules carried over
    const o7 = await overview(2007);
    assert.deepEqual(o7.groups.map((g) => g.rule), ['5~6급', '6~8급', '8~9급', '사이버 전문가과정 이수', '지식전문가 위촉']);
    const rules = await json(`/group-rules?group_id=${groups['변화관리자']}&sort=year`);
    assert.deepEqual(rules.items.map((r) => [r.year, r.grade_from, r.grade_to]), [[2006, 'g6', 'g9'], [2007, 'g6', 'g8']]);
    // the HTML page says the same
    const html = await (await admin.get('/groups/overview?year=2006')).text();
    assert.match(html, /il-stat-num">101<\/span><span class="il-stat-label">구성원/);
    assert.match(html, /변화관리자<\/a><\/td><td>6~9급<\/td>/);
  });

  test('every member is eligible by the rule; the group page shows them by grade and department', async () => {
    const want = { 혁신리더그룹: [20, ['5급', '6급']], 변화관리자: [29, ['6급', '7급', '8급']], 혁신새싹그룹: [19, ['8급', '9급']],
      혁신전문가: [11, null], 지식전문가: [22, null] };
    for (const [name, [n, grades]] of Object.entries(want)) {
      const page = await json(`/groups/${groups[name]}/record`);
      assert.equal(page.member_count, n, name);
      assert.equal(page.members.length, n, name);
      assert.equal(page.no_longer_eligible_count, 0, name);
      assert.ok(page.members.every((m) => m.eligible), name);
      assert.equal(page.by_grade.reduce((a, g) => a + g.n, 0), n);
      assert.equal(page.by_department.reduce((a, g) => a + g.n, 0), n);
      if (grades) assert.ok(page.by_grade.every((g) => grades.includes(g.label)), `${name}: ${page.by_grade.map((g) => g.label)}`);
      assert.equal((await json(`/group-members?group_id=${groups[name]}`)).total, n);
    }
    // 지식전문가 are the knowledge module's appointed experts, read from their appointments
    const experts = (await json('/knowledge-experts?per_page=100')).items.map((e) => e.user_id_title).sort();
    const knowledge = (await json(`/groups/${groups['지식전문가']}/record`)).members.map((m) => m.name).sort();
    assert.deepEqual(knowledge, experts);
    // the page in HTML, and the member list's export
    const html = await (await admin.get(`/groups/${groups['혁신새싹그룹']}`)).text();
    assert.match(html, /직급별 구성원/);
    assert.match(html, /il-stat-num">19<\/span><span class="il-stat-label">구성원/);
    const csv = await admin.get(`/group-members.csv?group_id=${groups['혁신새싹그룹']}`);
    assert.equal(csv.status, 200);
    assert.equal(Buffer.from(await csv.arrayBuffer()).subarray(3).toString('utf8').trim().split('\r\n').length, 20);
  });

  test('the 2006 activities: 63시티 2회 100명, 행자부 2회 62명, the 특강 of 230, 2 leaders judging twice, 3 experts for 3 weeks', async () => {
    const o = await overview(2006);
    const sum = (re) => o.activities.filter((a) => re.test(a.title)).map((a) => a.participants);
    assert.deepEqual(sum(/63시티/), [50, 50]);
    assert.deepEqual(sum(/혁신정부 체험/), [31, 31]);
    const kind = Object.fromEntries(o.kinds.map((k) => [k.kind, k]));
    assert.equal(kind.visit.activities, 4);
    assert.equal(kind.visit.participations, 162);
    assert.equal(kind.lecture.activities, 1);
    assert.equal(kind.lecture.participations, 230);
    assert.equal(kind.judging.activities, 2);
    assert.equal(kind.judging.participations, 4);
    assert.equal(kind.judging.people, 2);
    assert.equal(kind.commission.activities, 1);
    assert.equal(kind.commission.people, 3);
    assert.equal(o.activity_count, 8);
    assert.equal(o.participations, 399);
    const commission = o.activities.find((a) => a.kind === 'commission');
    assert.equal(commission.place, '자치인력개발원');
    assert.equal((Date.parse(commission.ends_on) - Date.parse(commission.held_on)) / 864e5, 18, 'three weeks, Monday to Friday');
    // the 63시티 visitors are 100 different members of the groups
    const visits = o.activities.filter((a) => /63시티/.test(a.title));
    const visitors = new Set();
    for (const v of visits) for (const id of (await json(`/group-activities/${v.id}`)).participants) visitors.add(id);
    assert.equal(visitors.size, 100);
    // the 특강's 230 include every 변화관리자; the judges are leaders, the trainees experts
    const lecture = new Set((await json(`/group-activities/${o.activities.find((a) => a.kind === 'lecture').id}`)).participants);
    const change = (await json(`/group-members?group_id=${groups['변화관리자']}`)).items.map((m) => m.staff_id);
    assert.ok(change.every((id) => lecture.has(id)));
    const leaders = new Set((await json(`/group-members?group_id=${groups['혁신리더그룹']}`)).items.map((m) => m.staff_id));
    for (const a of o.activities.filter((x) => x.kind === 'judging'))
      assert.ok((await json(`/group-activities/${a.id}`)).participants.every((id) => leaders.has(id)));
    // the leaders' page: its own activities and the joint visits its members went on
    const page = await json(`/groups/${groups['혁신리더그룹']}/record`);
    assert.equal(page.activities.filter((a) => !a.joint).length, 2);
    // each participation one ledger entry
    assert.equal(await entries(''), 399);
  });

  test('joining someone the rule does not admit is refused with the reason, on the API and the form', async () => {
    const six = await outsider('g6');
    const before = (await json(`/group-members?group_id=${groups['혁신새싹그룹']}`)).total;
    let r = await post('/group-members', { group_id: groups['혁신새싹그룹'], staff_id: six.id, joined_on: '2007-03-02' });
    assert.equal(r.status, 422);
    const body = await r.json();
    assert.equal(body.error.fields.staff_id, '6급은 혁신새싹그룹(8~9급) 대상이 아닙니다');
    r = await form(admin, '/group-members', { group_id: String(groups['혁신새싹그룹']), staff_id: String(six.id), joined_on: '2007-03-02' }, '/group-members/new');
    assert.equal(r.status, 422);
    assert.match(await r.text(), /6급은 혁신새싹그룹\(8~9급\) 대상이 아닙니다/);
    assert.equal((await json(`/group-members?group_id=${groups['혁신새싹그룹']}`)).total, before, 'nothing written');
    // 변화관리자: a 9급 may join in 2006 (6~9급), not in 2007 (6~8급)
    const nine = await outsider('g9');
    r = await post('/group-members', { group_id: groups['변화관리자'], staff_id: nine.id, joined_on: '2007-01-15' });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.staff_id, '9급은 변화관리자(6~8급) 대상이 아닙니다');
    r = await post('/group-members', { group_id: groups['변화관리자'], staff_id: nine.id, joined_on: '2006-12-01' });
    assert.equal(r.status, 201);
    // twice in the same group: refused
    r = await post('/group-members', { group_id: groups['변화관리자'], staff_id: nine.id, joined_on: '2006-12-02' });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.staff_id, '이미 이 그룹의 구성원입니다.');
    // the two other rules
    const seven = await outsider('g7', 3);
    r = await post('/group-members', { group_id: groups['지식전문가'], staff_id: seven.id, joined_on: '2007-01-15' });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.staff_id, '지식전문가로 위촉되지 않은 직원은 지식전문가(지식전문가 위촉) 대상이 아닙니다');
    r = await post('/group-members', { group_id: groups['혁신전문가'], staff_id: seven.id, joined_on: '2007-01-15' });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.staff_id, '사이버 전문가과정 미이수자는 혁신전문가(사이버 전문가과정 이수) 대상이 아닙니다');
    // completing the expert course opens 혁신전문가
    const course = (await json('/courses?kind=cyber_expert&year=2007')).items[0];
    r = await post('/enrolments', { course_id: course.id, staff_id: seven.id });
    assert.equal(r.status, 201);
    const enrolment = (await r.json()).id;
    r = await post(`/enrolments/${enrolment}/complete`, { completed_on: '2007-04-27' });
    assert.equal(r.status, 200);
    r = await post('/group-members', { group_id: groups['혁신전문가'], staff_id: seven.id, joined_on: '2007-05-02' });
    assert.equal(r.status, 201);
    assert.equal((await json(`/groups/${groups['혁신전문가']}/record`)).member_count, 12);
    // leaving: a dated end, kept
    const id = (await json(`/group-members?group_id=${groups['변화관리자']}&staff_id=${nine.id}`)).items[0].id;
    r = await patch(`/group-members/${id}`, { left_on: '2006-11-30' });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.left_on, '탈퇴일이 가입일보다 앞섭니다.');
    r = await patch(`/group-members/${id}`, { left_on: '2007-01-31' });
    assert.equal(r.status, 200);
    assert.equal((await json(`/groups/${groups['변화관리자']}/record`)).member_count, 29);
  });

  test('a member whose grade changes stays, listed as no longer eligible; an expert dismissed too', async () => {
    const sprouts = await json(`/groups/${groups['혁신새싹그룹']}/record`);
    const m = sprouts.members[0];
    let r = await patch(`/staff/${m.staff_id}`, { grade: 'g7' });
    assert.equal(r.status, 200);
    const now = await json(`/groups/${groups['혁신새싹그룹']}/record`);
    assert.equal(now.member_count, 19, 'stays');
    assert.equal(now.no_longer_eligible_count, 1);
    assert.equal(now.no_longer_eligible[0].staff_id, m.staff_id);
    const html = await (await admin.get(`/groups/${groups['혁신새싹그룹']}`)).text();
    assert.match(html, /더 이상 대상 아님/);
    assert.match(html, /탈퇴일 기록/);
    const seen = await (await member.get(`/groups/${groups['혁신새싹그룹']}`)).text();
    assert.doesNotMatch(seen, /탈퇴일 기록/, 'the administrator decides');
    await patch(`/staff/${m.staff_id}`, { grade: 'g8' });
    assert.equal((await json(`/groups/${groups['혁신새싹그룹']}/record`)).no_longer_eligible_count, 0);
    // an appointment ended in the knowledge module: the expert is no longer eligible
    const appointment = (await json('/knowledge-experts?per_page=1&sort=appointed_on')).items[0];
    r = await api(`/knowledge-experts/${appointment.id}`, { method: 'DELETE' });
    assert.equal(r.status, 200);
    const k = await json(`/groups/${groups['지식전문가']}/record`);
    assert.equal(k.member_count, 22);
    assert.equal(k.no_longer_eligible_count, 1);
    assert.equal(k.no_longer_eligible[0].name, appointment.user_id_title);
  });

  test('recording an activity: one ledger entry per participant, however often it is saved', async () => {
    const people = (await json('/staff?grade=g7&per_page=3&sort=employee_no')).items.map((s) => s.id);
    const before = await entries('');
    const first = await entries(`staff_id=${people[0]}`);
    let r = await post('/group-activities', { group_id: groups['변화관리자'], kind: 'seminar', title: '변화관리자 워크숍',
      held_on: '2007-03-15', place: '구청 회의실', hours: 3, participants: people.slice(0, 2) });
    assert.equal(r.status, 201);
    const id = (await r.json()).id;
    assert.equal(await entries(''), before + 2);
    r = await patch(`/group-activities/${id}`, { participants: people });
    assert.equal(r.status, 200);
    assert.equal(await entries(''), before + 3);
    r = await patch(`/group-activities/${id}`, { participants: people.slice(1) });
    r = await patch(`/group-activities/${id}`, { participants: people });
    assert.equal(r.status, 200);
    assert.equal(await entries(''), before + 3, 'taken off and put back: no second entry');
    assert.equal(await entries(`staff_id=${people[0]}`), first + 1);
    // the group page counts it
    const page = await json(`/groups/${groups['변화관리자']}/record`);
    assert.ok(page.activities.some((a) => a.id === id && a.participants === 3));
    // the form in the browser
    r = await form(admin, '/group-activities', { kind: 'seminar', title: '합동 세미나', held_on: '2007-04-02', hours: '2', participants: String(people[0]) }, '/group-activities/new');
    assert.equal(r.status, 303);
    assert.equal(await entries(''), before + 4);
  });

  test('bad input is refused with a Korean message, nothing written', async () => {
    const count = async (p) => (await json(p)).total;
    const acts = await count('/group-activities');
    let r = await post('/group-activities', { kind: 'visit', title: '거꾸로', held_on: '2007-05-02', ends_on: '2007-05-01' });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.ends_on, '끝난 날이 시작한 날보다 앞섭니다.');
    r = await post('/group-activities', { kind: 'party', title: '종류 없음', held_on: '2007-05-02' });
    assert.equal(r.status, 422);
    assert.ok((await r.json()).error.fields.kind);
    r = await post('/group-activities', { kind: 'visit', title: '', held_on: '2007-13-02' });
    assert.equal(r.status, 422);
    assert.equal(await count('/group-activities'), acts);
    r = await form(admin, '/group-activities', { kind: 'visit', title: '거꾸로', held_on: '2007-05-02', ends_on: '2007-05-01' }, '/group-activities/new');
    assert.equal(r.status, 422);
    assert.match(await r.text(), /끝난 날이 시작한 날보다 앞섭니다/);
    const rules = await count('/group-rules');
    r = await post('/group-rules', { group_id: groups['혁신새싹그룹'], year: 2008, kind: 'grade', grade_from: 'g9', grade_to: 'g8' });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.grade_to, '직급 범위의 끝이 시작보다 높습니다.');
    r = await post('/group-rules', { group_id: groups['혁신새싹그룹'], year: 2008, kind: 'grade', grade_from: 'contract', grade_to: 'g8' });
    assert.equal(r.status, 422);
    assert.ok((await r.json()).error.fields.grade_from);
    r = await post('/group-rules', { group_id: groups['혁신전문가'], year: 2008, kind: 'course' });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.course_kind, '이수해야 하는 교육과정의 종류를 고르십시오.');
    assert.equal(await count('/group-rules'), rules);
    r = await post('/group-members', { group_id: groups['혁신새싹그룹'], staff_id: 99999999, joined_on: '2007-01-01' });
    assert.equal(r.status, 422);
    r = await api('/groups/overview?year=abc');
    assert.equal(r.status, 400);
  });

  test('administrators run everything; members read', async () => {
    let r = await member.get('/groups/overview');
    assert.equal(r.status, 200);
    r = await api('/groups', {}, memberToken);
    assert.equal(r.status, 200);
    r = await api(`/groups/${groups['혁신리더그룹']}`, {}, memberToken);
    assert.equal(r.status, 200);
    const nine = await outsider('g9', 5);
    r = await post('/group-members', { group_id: groups['혁신새싹그룹'], staff_id: nine.id, joined_on: '2007-02-01' }, memberToken);
    assert.equal(r.status, 403);
    r = await post('/group-activities', { kind: 'visit', title: '몰래', held_on: '2007-05-02' }, memberToken);
    assert.equal(r.status, 403);
    r = await post('/group-rules', { group_id: groups['혁신새싹그룹'], year: 2009, kind: 'grade', grade_from: 'g8', grade_to: 'g9' }, memberToken);
    assert.equal(r.status, 403);
    r = await member.get('/group-members/new');
    assert.equal(r.status, 403);
  });
});
