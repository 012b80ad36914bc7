// clubs.test.mjs: learning clubs on the seed's demo organisation (Ⅱ-7,
// Ⅳ-2-1): 41 clubs with 369 members (일반 13 / 137, 부서 28 / 232), 60
// meetings in 2006 and the workshop of 7.3, the regulation (훈령 제83호) on
// the clubs' page, the casebook of 5.25 (100부) and its 2007 plan (200부),
// the 7 presentations of the contest of 10.25 as outputs; the one-department
// -club rule, a department club's members from its subtree and a moved
// member flagged, the monthly monitoring with its silent clubs and exports,
// one ledger entry per attendee, who may do what, and bad input refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, run, sql, staff, start } from './harness.mjs';
import { readCsv, readXlsx } from './xlsx.mjs';

describe(`clubs on ${driver}`, () => {
  let srv, admin, member, token, memberToken, home, memberId;
  const api = (path, init = {}, t = token) => fetch(srv.url + '/api/v1' + path, {
    ...init, headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json', ...(init.headers || {}) },
  });
  const post = (path, body, t) => api(path, { method: 'POST', body: JSON.stringify(body) }, t);
  const patch = (path, body, t) => api(path, { method: 'PATCH', body: JSON.stringify(body) }, t);
  const json = async (path, t) => (await api(path, {}, t)).json();
  const form = async (client, p, fields, from) => client.post(p, { _csrf: await client.csrf(from || p), ...fields });
  const entries = async (query) => (await json(`/mileage-entries?${query}`)).total;
  const all = async (path) => {
    const out = [];
    for (let page = 1; ; page++) {
      const r = await json(`${path}${path.includes('?') ? '&' : '?'}per_page=100&page=${page}`);
      out.push(...r.items);
      if (out.length >= r.total || !r.items.length) return out;
    }
  };

  before(async () => {
    srv = await start(['--demo']);
    await addUser(srv.db, 'club.admin', 'admin');
    memberId = await addUser(srv.db, 'club.member', 'member');
    admin = await staff(srv.url, 'club.admin');
    member = await staff(srv.url, 'club.member');
    token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'club.admin'])).stdout.trim();
    memberToken = (await run(['token', 'create', '--db', srv.db.url, '--login', 'club.member'])).stdout.trim();
    home = await json('/clubs/home?year=2006');
  });
  after(async () => { await srv.stop(); });

  test('41 clubs with 369 members (일반 13 / 137, 부서 28 / 232), as Ⅳ-2-1 counts them', async () => {
    assert.equal(home.club_count, 41);
    assert.equal(home.member_count, 369);
    assert.equal(home.general_clubs, 13);
    assert.equal(home.general_members, 137);
    assert.equal(home.department_clubs, 28);
    assert.equal(home.department_members, 232);
    assert.equal(home.clubs.length, 41);
    assert.equal(home.clubs.reduce((a, c) => a + c.members, 0), 369);
    assert.equal((await json('/clubs?kind=department')).total, 28);
    assert.equal((await json('/club-members')).total, 369);
    // every department club is a different division's
    const depts = home.clubs.filter((c) => c.kind === 'department').map((c) => c.department);
    assert.equal(new Set(depts).size, 28);
    // each club has one 회장 and one 총무
    const members = await all('/club-members');
    const roles = (role) => new Set(members.filter((m) => m.role === role).map((m) => m.club_id)).size;
    assert.equal(roles('president'), 41);
    assert.equal(roles('secretary'), 41);
    const html = await (await admin.get('/clubs/home?year=2006')).text();
    assert.match(html, /il-general-clubs">13개<\/td><td class="il-general-members">137명/);
    assert.match(html, /il-department-clubs">28개<\/td><td class="il-department-members">232명/);
  });

  test('the regulation (훈령 제83호, 2006-06-08) is stored and shown on the clubs\' page', async () => {
    assert.equal(home.regulation.title, '영등포구 학습동아리 운영 규정');
    assert.equal(home.regulation.number, '훈령 제83호');
    assert.equal(home.regulation.issued_on, '2006-06-08');
    const reg = await json(`/club-regulations/${home.regulation.id}`);
    assert.match(reg.body, /1부서 1학습동아리/);
    const html = await (await member.get('/clubs/home')).text();
    assert.match(html, /영등포구 학습동아리 운영 규정<\/a> \(훈령 제83호, 2006-06-08 제정\)/);
    // department clubs were formed 6.14~6.22 under it
    const dept = (await all('/clubs?kind=department'));
    assert.ok(dept.every((c) => c.founded_on >= '2006-06-14' && c.founded_on <= '2006-06-22' && c.regulation_id === home.regulation.id));
  });

  test('60 meetings in 2006, the workshop of 7.3, one ledger entry per attendee', async () => {
    assert.equal(home.meetings, 60);
    assert.equal(home.workshops, 1);
    assert.equal((await json('/club-meetings?kind=meeting')).total, 60);
    const ws = (await json('/club-meetings?kind=workshop')).items[0];
    assert.equal(ws.held_on, '2006-07-03');
    assert.equal(ws.club_id, null);
    const meetings = await all('/club-meetings');
    let attendances = 0;
    for (const m of meetings) attendances += (await json(`/club-meetings/${m.id}`)).attendees.length;
    assert.equal(await entries('event_code=club.attended'), attendances);
    assert.equal(await entries('event_code=club.meeting_held'), 60);
  });

  test('the casebook of 5.25 (100부) and its 2007 plan (200부), printable and as XLSX', async () => {
    const books = home.casebooks;
    assert.deepEqual(books.map((b) => [b.year, b.copies, b.published, b.published_on]), [[2006, 100, true, '2006-05-25'], [2007, 200, false, '']]);
    const book = await json(`/clubs/casebook?edition=${books[0].id}`);
    assert.equal(book.edition.copies, 100);
    assert.ok(book.case_count > 0);
    assert.ok(book.cases.every((c) => c.produced_on < '2006-05-25'));
    const html = await (await admin.get(`/clubs/casebook?edition=${books[0].id}`)).text();
    assert.match(html, /차례/);
    assert.equal((html.match(/<article class="il-case"/g) || []).length, book.case_count, 'one case per page');
    const css = await (await fetch(srv.url + html.match(/<link rel="stylesheet" href="([^"]*app[^"]*\.css[^"]*)"/)[1])).text();
    assert.match(css, /\.il-case \{ break-before: page/);
    const x = await admin.get(`/clubs/casebook.xlsx?edition=${books[0].id}`);
    assert.equal(x.status, 200);
    const rows = readXlsx(Buffer.from(await x.arrayBuffer()));
    assert.equal(rows.length, book.case_count + 1);
    assert.equal(rows[0][0], '순번');
    // the 2007 plan collects the 7 presentations of the contest of 10.25
    const plan = await json(`/clubs/casebook?edition=${books[1].id}`);
    assert.equal(plan.edition.copies, 200);
    assert.equal(plan.case_count, 7);
    const shown = await all('/club-outputs?kind=presentation');
    assert.equal(shown.length, 7);
    assert.ok(shown.every((o) => o.produced_on === '2006-10-25'));
    assert.equal(new Set(shown.map((o) => o.club_id)).size, 7, '7 clubs presenting');
  });

  test('1부서 1학습동아리: a second department club is refused with the reason, nothing written', async () => {
    const taken = home.clubs.find((c) => c.kind === 'department');
    const club = await json(`/clubs/${taken.id}`);
    const before = (await json('/clubs')).total;
    let r = await post('/clubs', { name: '두 번째 부서 동아리', kind: 'department', department_id: club.department_id, founded_on: '2007-03-02', status: 'active' });
    assert.equal(r.status, 422);
    const msg = (await r.json()).error.fields.department_id;
    assert.match(msg, /이미 부서 학습동아리 '.+'이\(가\) 있습니다\. 1부서 1학습동아리 원칙/);
    r = await form(admin, '/clubs', { name: '두 번째 부서 동아리', kind: 'department', department_id: String(club.department_id), founded_on: '2007-03-02', status: 'active' }, '/clubs/new');
    assert.equal(r.status, 422);
    assert.match(await r.text(), /1부서 1학습동아리 원칙에 따라/);
    assert.equal((await json('/clubs')).total, before, 'nothing written');
    // a general club in the same department is fine
    r = await post('/clubs', { name: '같은 부서의 일반 동아리', kind: 'general', department_id: club.department_id, founded_on: '2007-03-02', status: 'active' });
    assert.equal(r.status, 201);
    // a department club without a department is refused
    r = await post('/clubs', { name: '부서 없음', kind: 'department', founded_on: '2007-03-02', status: 'active' });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.department_id, '부서 학습동아리는 부서를 골라야 합니다.');
  });

  test('a department club\'s members come from its subtree; one who moves stays, flagged on the page', async () => {
    const taken = home.clubs.filter((c) => c.kind === 'department');
    const a = await json(`/clubs/${taken[0].id}`), b = await json(`/clubs/${taken[1].id}`);
    const other = (await json(`/clubs/${taken[1].id}/record`)).members.find((m) => m.role === 'member');
    let r = await post('/club-members', { club_id: a.id, staff_id: other.staff_id, role: 'member', joined_on: '2007-01-10' });
    assert.equal(r.status, 422);
    assert.match((await r.json()).error.fields.staff_id, /^부서 학습동아리에는 .+\(하위 부서 포함\) 직원만 가입할 수 있습니다\.$/);
    // a person may belong to several general clubs
    const general = home.clubs.filter((c) => c.kind === 'general');
    r = await post('/club-members', { club_id: general[0].id, staff_id: other.staff_id, role: 'member', joined_on: '2007-01-10' });
    assert.equal(r.status, 201);
    r = await post('/club-members', { club_id: general[1].id, staff_id: other.staff_id, role: 'member', joined_on: '2007-01-10' });
    assert.equal(r.status, 201);
    r = await post('/club-members', { club_id: general[1].id, staff_id: other.staff_id, role: 'member', joined_on: '2007-01-11' });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.staff_id, '이미 이 동아리의 회원입니다.');
    // the member moves to a's department: kept in b, flagged
    const mover = (await json(`/staff/${other.staff_id}`)).department_id;
    r = await patch(`/staff/${other.staff_id}`, { department_id: a.department_id });
    assert.equal(r.status, 200);
    const page = await json(`/clubs/${b.id}/record`);
    assert.equal(page.member_count, taken[1].members, 'not silently removed');
    assert.equal(page.moved_count, 1);
    assert.equal(page.moved[0].staff_id, other.staff_id);
    const html = await (await admin.get(`/clubs/${b.id}`)).text();
    assert.match(html, /부서를 옮긴 회원/);
    assert.match(html, /il-moved">부서 이동/);
    // leaving is a dated end, the history kept
    r = await patch(`/club-members/${page.moved[0].id}`, { left_on: '2006-01-01' });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.left_on, '탈퇴일이 가입일보다 앞섭니다.');
    const m = await json(`/club-members/${page.moved[0].id}`);
    r = await form(admin, `/club-members/${m.id}`, { club_id: String(m.club_id), staff_id: String(m.staff_id), role: m.role, joined_on: m.joined_on, left_on: '2007-02-28', note: '' }, `/club-members/${m.id}/edit`);
    assert.equal(r.status, 303, 'the edit form records the dated end of a member who moved');
    const after = await json(`/clubs/${b.id}/record`);
    assert.equal(after.member_count, taken[1].members - 1);
    assert.equal(after.moved_count, 0);
    assert.equal(after.former_count, 1);
    assert.equal(after.former[0].left_on, '2007-02-28');
    await patch(`/staff/${other.staff_id}`, { department_id: mover });
  });

  test('the monitoring month: active clubs per department, attendance rate, the silent clubs; CSV and XLSX', async () => {
    const m = await json('/clubs/monitoring?month=2006-09');
    assert.equal(m.month, '2006-09');
    const clubs = m.departments_shown.flatMap((d) => d.clubs);
    assert.equal(m.club_count, clubs.length);
    assert.equal(m.club_count, 41, 'every club active in September');
    const met = clubs.filter((c) => c.meetings > 0);
    assert.equal(m.meeting_clubs, met.length);
    assert.ok(m.silent_count > 0, 'a silent club');
    assert.equal(m.silent_count, m.club_count - m.meeting_clubs);
    assert.ok(m.silent.every((c) => c.meetings === 0));
    // the month's meetings, counted from the meeting records
    const sept = (await all('/club-meetings?kind=meeting')).filter((x) => x.held_on.startsWith('2006-09'));
    assert.equal(m.meetings, sept.length);
    let att = 0, possible = 0;
    for (const c of met) { att += c.attendances; possible += c.meetings * c.members; }
    assert.equal(m.attendances, att);
    assert.equal(m.attendance_rate, (att * 100 / possible).toFixed(1));
    // a department filter: that department's clubs only
    const dept = m.departments_shown.find((d) => d.id && d.clubs.some((c) => c.kind === 'department'));
    const one = await json(`/clubs/monitoring?month=2006-09&department=${dept.id}`);
    const inDept = one.departments_shown.flatMap((d) => d.clubs);
    assert.ok(inDept.length < m.club_count);
    assert.ok(inDept.some((c) => c.kind === 'department' && c.department_id === dept.id));
    assert.ok(inDept.filter((c) => c.kind === 'department').every((c) => c.department_id === dept.id), 'one department club a division');
    // the page, and its exports
    const html = await (await admin.get('/clubs/monitoring?month=2006-09')).text();
    assert.match(html, /모임 없는 동아리 <span class="il-muted">\d+개/);
    assert.match(html, /il-noprint/);
    const csv = readCsv(Buffer.from(await (await admin.get('/clubs/monitoring.csv?month=2006-09')).arrayBuffer()));
    assert.equal(csv.length, m.club_count + 1);
    assert.equal(csv.slice(1).filter((r) => r[10] === '모임 없음').length, m.silent_count);
    const x = await admin.get('/clubs/monitoring.xlsx?month=2006-09');
    assert.equal(x.status, 200);
    assert.equal(readXlsx(Buffer.from(await x.arrayBuffer())).length, m.club_count + 1);
    // a month before the department clubs: only the general ones are active
    const may = await json('/clubs/monitoring?month=2006-05');
    assert.equal(may.club_count, 13);
    assert.ok(may.departments_shown.flatMap((d) => d.clubs).every((c) => c.kind === 'general'));
  });

  test('recording a meeting: one entry per attendee however often it is saved; attendees are members', async () => {
    const club = await json(`/clubs/${home.clubs.find((c) => c.kind === 'general').id}/record`);
    const people = club.members.map((m) => m.staff_id);
    const before = await entries('event_code=club.attended');
    const held = await entries('event_code=club.meeting_held');
    let r = await post('/club-meetings', { club_id: club.item.id, kind: 'meeting', held_on: '2007-03-15', topic: '3월 모임', attendees: people.slice(0, 3) });
    assert.equal(r.status, 201);
    const id = (await r.json()).id;
    assert.equal(await entries('event_code=club.attended'), before + 3);
    assert.equal(await entries('event_code=club.meeting_held'), held + 1);
    r = await patch(`/club-meetings/${id}`, { attendees: people.slice(0, 4) });
    assert.equal(r.status, 200);
    r = await patch(`/club-meetings/${id}`, { attendees: people.slice(1, 4) });
    r = await patch(`/club-meetings/${id}`, { attendees: people.slice(0, 4) });
    assert.equal(await entries('event_code=club.attended'), before + 4, 'taken off and put back: no second entry');
    assert.equal(await entries('event_code=club.meeting_held'), held + 1);
    // an outsider is not an attendee
    const outsider = (await json('/staff?per_page=1&sort=-employee_no')).items[0];
    r = await patch(`/club-meetings/${id}`, { attendees: [...people.slice(0, 2), outsider.id] });
    assert.equal(r.status, 422);
    assert.match((await r.json()).error.fields.attendees, /님은 모임 날\(2007-03-15\)에 이 동아리의 회원이 아닙니다/);
    // the browser form
    r = await form(admin, '/club-meetings', { club_id: String(club.item.id), kind: 'meeting', held_on: '2007-04-12', topic: '4월 모임', attendees: String(people[0]) }, '/club-meetings/new');
    assert.equal(r.status, 303);
    assert.equal(await entries('event_code=club.attended'), before + 5);
  });

  test('bad input is refused with a Korean message, nothing written', async () => {
    const count = async (p) => (await json(p)).total;
    const clubs = await count('/clubs'), meetings = await count('/club-meetings'), outputs = await count('/club-outputs'), books = await count('/club-casebooks');
    let r = await post('/clubs', { name: '', kind: 'club', founded_on: '2007-13-01' });
    assert.equal(r.status, 422);
    let f = (await r.json()).error.fields;
    assert.ok(f.name && f.kind && f.founded_on);
    r = await post('/club-meetings', { kind: 'meeting', held_on: '2007-03-01', topic: '동아리 없음' });
    assert.equal(r.status, 422);
    assert.match((await r.json()).error.fields.club_id, /모임은 동아리를 골라야 합니다/);
    r = await post('/club-meetings', { club_id: home.clubs[0].id, kind: 'party', held_on: 'yesterday', topic: '' });
    assert.equal(r.status, 422);
    f = (await r.json()).error.fields;
    assert.ok(f.kind && f.held_on && f.topic);
    r = await post('/club-outputs', { club_id: home.clubs[0].id, meeting_id: (await json(`/club-meetings?club_id=${home.clubs[1].id}`)).items[0].id, kind: 'case', title: '남의 모임', produced_on: '2007-01-01' });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.meeting_id, '이 동아리의 모임이 아닙니다.');
    r = await post('/club-casebooks', { year: 2008, title: '발간일 없음', status: 'published', copies: 100 });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.published_on, '발간한 사례집은 발간일을 적으십시오.');
    r = await post('/club-casebooks', { year: 1999, title: '연도', status: 'planned', copies: -1 });
    assert.equal(r.status, 422);
    r = await post('/club-members', { club_id: home.clubs[0].id, staff_id: 99999999, role: 'boss', joined_on: '2007-01-01' });
    assert.equal(r.status, 422);
    const president = (await json(`/clubs/${home.clubs[0].id}/record`)).members[2];
    r = await patch(`/club-members/${president.id}`, { role: 'president' });
    assert.equal(r.status, 422);
    assert.match((await r.json()).error.fields.role, /이미 회장이 있습니다/);
    r = await post('/club-regulations', { title: '', number: '', issued_on: '2006-02-30' });
    assert.equal(r.status, 422);
    assert.equal(await count('/clubs'), clubs);
    assert.equal(await count('/club-meetings'), meetings);
    assert.equal(await count('/club-outputs'), outputs);
    assert.equal(await count('/club-casebooks'), books);
    r = await form(admin, '/club-meetings', { kind: 'meeting', held_on: '2007-03-01', topic: '동아리 없음' }, '/club-meetings/new');
    assert.equal(r.status, 422);
    assert.match(await r.text(), /모임은 동아리를 골라야 합니다/);
    r = await api('/clubs/monitoring?month=2006-13');
    assert.equal(r.status, 400);
    r = await api('/clubs/home?year=abc');
    assert.equal(r.status, 400);
    r = await api('/clubs/casebook?edition=99999');
    assert.equal(r.status, 404);
  });

  test('a club\'s 회장 and 총무 record its meetings and members; a manager their department\'s club; members read', async () => {
    // the member account is a general club's 총무
    const club = await json(`/clubs/${home.clubs.find((c) => c.kind === 'general').id}/record`);
    const secretary = club.members.find((m) => m.role === 'secretary');
    assert.equal((await api('/staff?per_page=1', {}, memberToken)).status, 200, 'reads');
    let r = await post('/club-meetings', { club_id: club.item.id, kind: 'meeting', held_on: '2007-05-10', topic: '몰래', attendees: [] }, memberToken);
    assert.equal(r.status, 403, 'not yet the club\'s 총무');
    // link the member's account to the 총무's staff record
    r = await patch(`/staff/${secretary.staff_id}`, { user_id: memberId });
    assert.equal(r.status, 200);
    r = await post('/club-meetings', { club_id: club.item.id, kind: 'meeting', held_on: '2007-05-10', topic: '총무가 기록한 모임', attendees: [secretary.staff_id] }, memberToken);
    assert.equal(r.status, 201);
    r = await post('/club-outputs', { club_id: club.item.id, kind: 'study', title: '총무의 학습자료', produced_on: '2007-05-10' }, memberToken);
    assert.equal(r.status, 201);
    // … but not another club's, nor a club itself, nor the joint workshop
    const other = home.clubs.find((c) => c.kind === 'general' && c.id !== club.item.id);
    r = await post('/club-meetings', { club_id: other.id, kind: 'meeting', held_on: '2007-05-10', topic: '남의 동아리' }, memberToken);
    assert.equal(r.status, 403);
    r = await post('/club-meetings', { kind: 'workshop', held_on: '2007-07-03', topic: '워크숍' }, memberToken);
    assert.equal(r.status, 403);
    r = await patch(`/clubs/${club.item.id}`, { theme: '바꿈' }, memberToken);
    assert.equal(r.status, 403);
    r = await post('/club-casebooks', { year: 2009, title: '몰래', status: 'planned', copies: 1 }, memberToken);
    assert.equal(r.status, 403);
    // members read every page
    for (const p of ['/clubs/home', '/clubs/monitoring?month=2006-09', '/clubs/casebook', `/clubs/${club.item.id}`]) {
      r = await member.get(p);
      assert.equal(r.status, 200, p);
    }
  });

  test('a department manager keeps their department\'s club, not another\'s', async () => {
    const [mine, theirs] = home.clubs.filter((c) => c.kind === 'department');
    const club = await json(`/clubs/${mine.id}/record`);
    const id = await addUser(srv.db, 'club.manager', 'manager');
    await sql(srv.db, `UPDATE users SET department_id = ${club.item.department_id} WHERE id = ${id}`);
    const t = (await run(['token', 'create', '--db', srv.db.url, '--login', 'club.manager'])).stdout.trim();
    let r = await patch(`/clubs/${mine.id}`, { theme: '부서 업무 매뉴얼 학습' }, t);
    assert.equal(r.status, 200);
    r = await patch(`/clubs/${theirs.id}`, { theme: '남의 부서' }, t);
    assert.equal(r.status, 403);
    r = await post('/club-meetings', { club_id: mine.id, kind: 'meeting', held_on: '2007-06-05', topic: '담당자가 기록한 모임', attendees: club.members.slice(0, 2).map((m) => m.staff_id) }, t);
    assert.equal(r.status, 201);
    r = await post('/club-meetings', { club_id: theirs.id, kind: 'meeting', held_on: '2007-06-05', topic: '남의 부서 모임' }, t);
    assert.equal(r.status, 403);
    r = await post('/clubs', { name: '또 하나의 부서 동아리', kind: 'department', department_id: club.item.department_id, founded_on: '2007-06-01', status: 'active' }, t);
    assert.equal(r.status, 422, 'one department club a department, for the manager too');
    r = await post('/clubs', { name: '남의 부서 일반 동아리', kind: 'general', department_id: (await json(`/clubs/${theirs.id}`)).department_id, founded_on: '2007-06-01', status: 'active' }, t);
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.department_id, '담당 부서 밖의 항목은 만들 수 없습니다.');
  });
});
