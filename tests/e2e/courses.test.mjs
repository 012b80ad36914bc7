// courses.test.mjs: innovation education on the seed's demo organisation:
// the seed's 2006 courses (Ⅱ-8) computed from their enrolments on the
// completion-status page and its API, the application's rules (target
// grades and capacity refused with their Korean reasons), who may enrol
// whom, the completion actions with exactly one mileage entry each, bulk
// completion from an attendance sheet with a dry run listing every unknown
// number, bad input for every form, the exports, and "my courses".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, run, sql, staff, start } from './harness.mjs';
import { readCsv } from './xlsx.mjs';

describe(`courses on ${driver}`, () => {
  let srv, admin, token, people, grades;
  const api = (p, init = {}) => fetch(srv.url + '/api/v1' + p, {
    ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers || {}) },
  });
  const post = (p, body) => api(p, { method: 'POST', body: JSON.stringify(body) });
  const json = async (p) => (await api(p)).json();
  const form = async (client, p, fields, from) => client.post(p, { _csrf: await client.csrf(from || p), ...fields });
  const status = (q) => json(`/courses/status?${q}`);
  const course = (doc, title) => doc.courses.find((c) => c.title === title);
  const linked = async (login, role, s) => {
    const id = await addUser(srv.db, login, role, 'Hyeoksin#2026', s.name);
    const r = await api(`/staff/${s.id}`, { method: 'PATCH', body: JSON.stringify({ user_id: id }) });
    assert.equal(r.status, 200, await r.text());
    return { id, client: await staff(srv.url, login) };
  };
  const upload = async (client, fields, name, bytes) => {
    const body = new FormData();
    body.set('_csrf', await client.csrf('/enrolments/attendance'));
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    if (bytes) body.set('file', new Blob([bytes]), name);
    const res = await fetch(srv.url + '/enrolments/attendance', { method: 'POST', body, headers: { cookie: client.header() } });
    return { status: res.status, html: await res.text() };
  };
  const entriesOf = async (s) => (await json(`/mileage-entries?staff_id=${s.id}&per_page=100`)).items
    .filter((e) => e.event_code === 'course.completed').length;

  before(async () => {
    srv = await start(['--demo']);
    await addUser(srv.db, 'c.admin', 'admin');
    admin = await staff(srv.url, 'c.admin');
    token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'c.admin'])).stdout.trim();
    people = [];
    for (let page = 1; page <= 14; page++)
      people.push(...(await json(`/staff?per_page=100&sort=employee_no&page=${page}`)).items);
    grades = (g) => people.filter((p) => p.grade === g);
  });
  after(async () => { await srv.stop(); });

  test('the seed\'s 2006 education (Ⅱ-8), computed from the enrolments', async () => {
    const doc = await status('year=2006');
    assert.equal(doc.year, 2006);
    assert.equal(course(doc, '행정혁신특별교육').completed, 230);
    assert.equal(course(doc, '5급 간부 특별혁신교육').completed, 50);
    assert.equal(course(doc, '신규직원 현장학습 및 맞춤식 혁신특별교육').completed, 134);
    assert.ok(course(doc, '혁신사이버교육 미니과정'));
    const expert = course(doc, '혁신사이버교육 전문가과정');
    assert.equal(expert.kind, '사이버 전문가과정');
    const list = async (title) => (await json(`/courses?per_page=100&year=2006`)).items.find((c) => c.title === title);
    const sessions = async (title) => (await json(`/course-sessions?course_id=${(await list(title)).id}&per_page=100&sort=starts_on`)).items;
    assert.deepEqual((await sessions('5급 간부 특별혁신교육')).map((s) => [s.starts_on, s.ends_on]),
      [['2006-03-09', '2006-03-17'], ['2006-10-01', '2006-10-31']]);
    assert.deepEqual((await sessions('신규직원 현장학습 및 맞춤식 혁신특별교육')).map((s) => s.starts_on), ['2006-01-13', '2006-06-02']);
    assert.deepEqual((await sessions('행정혁신특별교육')).map((s) => s.starts_on), ['2006-06-16']);
    assert.equal((await sessions('혁신사이버교육 전문가과정')).length, 5, '전문가과정 5회');
    // the expert course's completers: at least 11, all of grades 6-8 (혁신전문가's pool)
    const done = (await json(`/enrolments?course_id=${(await list('혁신사이버교육 전문가과정')).id}&status=completed&per_page=100`)).items;
    assert.equal(done.length, expert.completed);
    assert.ok(done.length >= 11);
    const byId = new Map(people.map((p) => [p.id, p]));
    assert.ok(done.every((e) => ['g6', 'g7', 'g8'].includes(byId.get(e.staff_id).grade)));
    // every figure agrees with itself: the totals are the sums of the rows
    assert.equal(doc.completions, doc.courses.reduce((a, c) => a + c.completed, 0));
    assert.equal(doc.completions, doc.by_department.reduce((a, d) => a + d.completions, 0));
    assert.equal(doc.completions, doc.kind_totals.reduce((a, k) => a + k.n, 0));
    assert.equal(doc.staff, doc.by_grade.reduce((a, g) => a + g.staff, 0));
    assert.equal(doc.people, doc.by_grade.reduce((a, g) => a + g.people, 0));
    assert.equal(course(doc, '5급 간부 특별혁신교육').target, grades('g4').length + grades('g5').length);
    // the page prints the same figures
    const html = await (await admin.get('/courses/status?year=2006')).text();
    assert.match(html, /<td>행정혁신특별교육<\/a>|행정혁신특별교육<\/a><\/td><td>특별교육<\/td><td>\d+<\/td><td>230<\/td>/);
    assert.match(html, /부서별 · 교육 구분별 이수/);
    // one ledger entry per completion, through the mileage rule
    const ledger = (await sql(srv.db, "SELECT COUNT(*), COUNT(DISTINCT event_id) FROM mileage_entries WHERE event_code = 'course.completed'")).trim().split(/[|\s]+/);
    assert.deepEqual(ledger.map(Number), [doc.completions, doc.completions]);
  });

  test('exports: people and the department × kind table, CSV and XLSX', async () => {
    const csv = readCsv(Buffer.from(await (await admin.get('/courses/status.csv?year=2006')).arrayBuffer()));
    assert.deepEqual(csv[0], ['직원 번호', '이름', '직급', '부서', '이수 과정 수', '이수 시간', '이수 과정']);
    const doc = await status('year=2006');
    assert.equal(csv.length - 1, doc.people);
    const table = readCsv(Buffer.from(await (await admin.get('/courses/status-table.csv?year=2006')).arrayBuffer()));
    assert.equal(table[0].length, 10);
    assert.equal(table.slice(1).reduce((a, r) => a + Number(r[9]), 0), doc.completions);
    const x = await admin.get('/courses/status-table.xlsx?year=2006');
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-type'), /spreadsheetml/);
  });

  test('application: target grades and capacity refused with the reason, nothing written', async () => {
    const c = await (await post('/courses', { title: '시험 5급 과정', kind: 'exec5', year: 2007, target_grades: '5급', capacity: 1, hours: 4 })).json();
    assert.equal(c.target_grades, 'g5', 'stored as the grade codes');
    const g7 = grades('g7')[0], g5 = grades('g5');
    let r = await post('/enrolments', { course_id: c.id, staff_id: g7.id });
    assert.equal(r.status, 422);
    assert.match(JSON.stringify(await r.json()), /7급은\(는\) 시험 5급 과정\(5급\)의 대상이 아닙니다/);
    r = await post('/enrolments', { course_id: c.id, staff_id: g5[0].id });
    assert.equal(r.status, 201, await r.text());
    r = await post('/enrolments', { course_id: c.id, staff_id: g5[1].id });
    assert.equal(r.status, 422);
    assert.match(JSON.stringify(await r.json()), /정원\(1명\)이 모두 찼습니다/);
    r = await post('/enrolments', { course_id: c.id, staff_id: g5[0].id });
    assert.equal(r.status, 422, 'the same person twice');
    assert.equal((await json(`/enrolments?course_id=${c.id}`)).total, 1);
    // bad input on the course form
    r = await post('/courses', { title: '직급 오류', kind: 'special', year: 2007, target_grades: '6급, 십급' });
    assert.equal(r.status, 422);
    assert.match(JSON.stringify(await r.json()), /'십급'은\(는\) 직급이 아닙니다/);
    r = await post('/courses', { title: '종류 오류', kind: 'nope', year: 2007 });
    assert.equal(r.status, 422);
    r = await post('/course-sessions', { course_id: c.id, round: 1, starts_on: '2007-05-02', ends_on: '2007-05-01' });
    assert.equal(r.status, 422);
    assert.match(JSON.stringify(await r.json()), /앞설 수 없습니다/);
    const bad = await form(admin, '/courses', { title: '', kind: 'special', year: '1800' }, '/courses/new');
    assert.equal(bad.status, 422);
  });

  test('completion: confirm, complete with hours, one ledger entry; a second click changes nothing', async () => {
    const c = await (await post('/courses', { title: '시험 이수 과정', kind: 'lecture', year: 2007, hours: 3 })).json();
    const s = grades('g8')[5];
    const e = await (await post('/enrolments', { course_id: c.id, staff_id: s.id })).json();
    assert.equal(e.status, 'applied');
    assert.equal(e.department_id, s.department_id);
    const before = await entriesOf(s);
    assert.equal((await post(`/enrolments/${e.id}/confirm`, {})).status, 200);
    assert.equal((await post(`/enrolments/${e.id}/confirm`, {})).status, 409);
    const done = await post(`/enrolments/${e.id}/complete`, { completed_on: '2007-05-16' });
    assert.equal(done.status, 200, await done.text());
    const row = await json(`/enrolments/${e.id}`);
    assert.equal(row.status, 'completed');
    assert.equal(row.hours, 3, 'the course\'s hours');
    assert.equal(await entriesOf(s), before + 1, 'exactly one ledger entry');
    assert.equal((await post(`/enrolments/${e.id}/complete`, {})).status, 409);
    assert.equal((await post(`/enrolments/${e.id}/fail`, {})).status, 409);
    assert.equal(await entriesOf(s), before + 1);
    assert.equal((await post(`/enrolments/${e.id}/complete`, { hours: 5000 })).status, 422, 'hours out of range');
    const doc = await status('year=2007');
    assert.equal(course(doc, '시험 이수 과정').completed, 1);
  });

  test('who may enrol whom: a member themselves, a manager their department, nobody else', async () => {
    const c = await (await post('/courses', { title: '시험 신청 과정', kind: 'special', year: 2007 })).json();
    const me = grades('g7')[10];
    const other = people.find((p) => p.department_id !== me.department_id && p.grade === 'g7');
    const { client: member } = await linked('c.member', 'member', me);
    let r = await form(member, '/enrolments', { course_id: String(c.id), staff_id: String(other.id) }, '/enrolments/new');
    assert.equal(r.status, 403, 'not for someone else');
    r = await form(member, '/enrolments', { course_id: String(c.id), staff_id: String(me.id) }, '/enrolments/new');
    assert.equal(r.status, 303, 'for themselves');
    const mine = await (await member.get('/courses/mine', { accept: 'application/json' })).json();
    const html = await (await member.get('/courses/mine')).text();
    assert.match(html, /시험 신청 과정/);
    assert.ok((await (await member.get('/api/v1/courses/mine')).status) !== 500);
    void mine;
    const id = (await json(`/enrolments?course_id=${c.id}&staff_id=${me.id}`)).items[0].id;
    r = await form(member, `/enrolments/${id}/complete`, {}, `/enrolments/${id}`);
    assert.equal(r.status, 403, 'a member does not complete their own course');
    assert.equal((await member.get('/courses/status')).status, 403);
    assert.equal((await member.get('/enrolments/attendance')).status, 403);
    // a manager: their department's staff, not another's
    const mid = await addUser(srv.db, 'c.manager', 'manager');
    await sql(srv.db, `UPDATE users SET department_id = ${me.department_id} WHERE id = ${mid}`);
    const manager = await staff(srv.url, 'c.manager');
    const mate = people.find((p) => p.department_id === me.department_id && p.id !== me.id);
    r = await form(manager, '/enrolments', { course_id: String(c.id), staff_id: String(mate.id) }, '/enrolments/new');
    assert.equal(r.status, 303, 'their department');
    r = await form(manager, '/enrolments', { course_id: String(c.id), staff_id: String(other.id) }, '/enrolments/new');
    assert.equal(r.status, 403, 'another department');
    r = await form(manager, `/enrolments/${id}/confirm`, {}, `/enrolments/${id}`);
    assert.equal(r.status, 303, 'a manager confirms their department\'s');
    assert.equal((await json(`/enrolments/${id}`)).status, 'confirmed');
    assert.equal((await manager.get('/courses/status?year=2006')).status, 200);
  });

  test('bulk completion from an attendance sheet: a dry run lists every unknown number, then confirm', async () => {
    const c = await (await post('/courses', { title: '시험 출석부 과정', kind: 'special', year: 2007, hours: 2, target_grades: '6급,7급,8급,9급' })).json();
    const ok = grades('g9').slice(0, 3);
    const enrolled = await (await post('/enrolments', { course_id: c.id, staff_id: ok[0].id })).json();
    assert.equal(enrolled.status, 'applied');
    const g5 = grades('g5')[2];
    const bad = ['직원 번호,이름,이수 시간', `${ok[0].employee_no},${ok[0].name},2`, '99999901,없는 사람,2',
      `${ok[1].employee_no},${ok[1].name},열`, '99999902,없는 사람,', `${g5.employee_no},${g5.name},2`,
      `${ok[2].employee_no},${ok[2].name},`, `${ok[2].employee_no},${ok[2].name},`].join('\n');
    let r = await upload(admin, { course_id: String(c.id), completed_on: '2007-06-01' }, '출석부.csv', bad);
    assert.equal(r.status, 422);
    assert.match(r.html, /직원 번호 99999901은\(는\) 직원 명단에 없습니다/);
    assert.match(r.html, /직원 번호 99999902은\(는\) 직원 명단에 없습니다/);
    assert.match(r.html, /이수 시간은 0에서 1000 사이의 정수여야 합니다/);
    assert.match(r.html, /이 과정의 대상 직급이 아닙니다/);
    assert.match(r.html, /같은 직원 번호가 파일에 두 번 이상 있습니다/);
    assert.equal((await json(`/enrolments?course_id=${c.id}&status=completed`)).total, 0, 'nothing written');
    r = await upload(admin, { course_id: String(c.id), completed_on: '2007-06-01' }, 'x.csv', '이름\n홍길동');
    assert.equal(r.status, 422);
    assert.match(r.html, /직원 번호/);
    r = await upload(admin, { course_id: String(c.id), completed_on: '2007-13-01' }, 'x.csv', 'a');
    assert.equal(r.status, 422);
    r = await upload(admin, { course_id: 'abc', completed_on: '2007-06-01' }, 'x.csv', 'a');
    assert.equal(r.status, 422);
    r = await upload(admin, { course_id: String(c.id), completed_on: '2007-06-01' }, 'x.bin', Buffer.from([0xff, 0xfe, 0x00, 0x81]));
    assert.equal(r.status, 422);
    const good = ['사번,이수 시간', `${ok[0].employee_no},2`, `${ok[1].employee_no},3`, `${ok[2].employee_no},`].join('\r\n');
    r = await upload(admin, { course_id: String(c.id), completed_on: '2007-06-01' }, '출석부.csv', good);
    assert.equal(r.status, 200, r.html);
    assert.match(r.html, /3줄 모두 올바릅니다/);
    const confirm = r.html.match(/name="confirm" value="([^"]+)"/)[1];
    const before = await entriesOf(ok[1]);
    r = await upload(admin, { course_id: String(c.id), completed_on: '2007-06-01', confirm });
    assert.equal(r.status, 200, r.html);
    assert.match(r.html, /3명을 이수로 처리했습니다/);
    const done = (await json(`/enrolments?course_id=${c.id}&status=completed&per_page=100`)).items;
    assert.equal(done.length, 3);
    assert.deepEqual(done.map((e) => e.hours).sort(), [2, 2, 3]);
    assert.equal(await entriesOf(ok[1]), before + 1);
    r = await upload(admin, { course_id: String(c.id), completed_on: '2007-06-01', confirm });
    assert.equal(r.status, 410, 'a confirmation runs once');
  });
});
