// tasks.test.mjs: innovation tasks on the seed's demo organisation: the 18
// common tasks exactly as Ⅳ-1-1 lists them, the 2006 records behind Ⅱ-1 and
// Ⅱ-3, the export in the seed's columns, progress as the weighted average
// of unit projects' latest reports, the dashboard following every write,
// who may do what, and bad input refused with a message.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, run, sql, staff, start } from './harness.mjs';
import { readCsv, readXlsx, trimRow } from './xlsx.mjs';

describe(`tasks on ${driver}`, () => {
  let srv, admin, token;
  const api = (path, init = {}) => fetch(srv.url + '/api/v1' + path, {
    ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers || {}) },
  });
  const post = (path, body) => api(path, { method: 'POST', body: JSON.stringify(body) });
  const patch = (path, body) => api(path, { method: 'PATCH', body: JSON.stringify(body) });
  const json = async (path) => (await api(path)).json();
  const dept = async (name) => (await json(`/departments?q=${encodeURIComponent(name)}&per_page=100`)).items.find((d) => d.name === name).id;
  const dashboard = async (query) => {
    const html = await (await admin.get(`/tasks/dashboard?${query}`)).text();
    const stat = (label) => Number((html.match(new RegExp(`il-stat-num">(\\d+)%?</span><span class="il-stat-label">${label}`)) || [])[1]);
    return { html, tasks: stat('과제'), average: stat('평균 진도율'), late: stat('\\d{4}-\\d{2} 미보고'), meetings: stat('회의') };
  };

  before(async () => {
    srv = await start(['--demo']);
    await addUser(srv.db, 'task.admin', 'admin');
    admin = await staff(srv.url, 'task.admin');
    token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'task.admin'])).stdout.trim();
  });
  after(async () => { await srv.stop(); });

  test('the 18 common tasks of 2007 with their departments as the seed lists them', async () => {
    const list = await json('/tasks?year=2007&kind=common&per_page=100&sort=seq');
    assert.equal(list.total, 18);
    const row = (n) => list.items[n - 1];
    assert.equal(row(1).title, '일하는 방식 개선');
    assert.equal(row(1).lead_department_id_title, '혁신기획단');
    assert.deepEqual(row(1).cooperating_departments_titles, ['기획예산과']);
    assert.equal(row(1).executing_all, true);
    assert.deepEqual(row(3).cooperating_departments_titles, ['감사담당관', '민원여권과']);
    assert.deepEqual(row(5).cooperating_departments_titles, ['재무과', '세무관리과', '부과과']);
    assert.equal(row(5).executing_all, false);
    assert.equal(row(11).title, '갈등관리');
    assert.equal(row(11).executing_note, '민원부서');
    assert.equal(row(13).lead_department_id_title, '자치행정과');
    assert.deepEqual(row(17).cooperating_departments_titles, ['문화체육과']);
    assert.equal(row(18).title, '혁신관리시스템 구축');

    const csv = await admin.get('/tasks.csv?year=2007&kind=common&sort=seq');
    const csvBytes = await csv.arrayBuffer();
    const lines = Buffer.from(csvBytes).subarray(3).toString('utf8').trim().split('\r\n');
    assert.equal(lines[0], '연번,과제명,총괄부서,협조부서 (추진부서)');
    assert.equal(lines[1], '1,일하는 방식 개선,혁신기획단,기획예산과 (전 부서)');
    assert.equal(lines[2], '2,지식관리,혁신기획단,기획예산과');
    assert.equal(lines[4], '4,고객만족 행정,감사담당관,(전 부서)');
    assert.equal(lines[5], '5,재정 책임성·투명성 제고,기획예산과,"재무과, 세무관리과, 부과과"');
    assert.equal(lines[10], '10,자원봉사 인프라 확충,주민생활지원과,', 'nothing left over from the row before');
    assert.equal(lines[11], '11,갈등관리,감사담당관,(민원부서)');
    assert.equal(lines[12], '12,정보공개 활성화,민원여권과,');
    assert.equal(lines.length, 19);
    // the spreadsheet, read back: the seed's table, cell for cell as the API lists the tasks
    const xlsx = await admin.get('/tasks.xlsx?year=2007&kind=common&sort=seq');
    assert.equal(xlsx.status, 200);
    const sheet = readXlsx(await xlsx.arrayBuffer());
    const executing = (t) => (t.executing_all ? '전 부서' : t.executing_note || (t.executing_departments_titles || []).join(', '));
    const cell = (t) => [t.cooperating_departments_titles.join(', '), executing(t) && `(${executing(t)})`].filter(Boolean).join(' ');
    assert.deepEqual(sheet, [['연번', '과제명', '총괄부서', '협조부서 (추진부서)'],
      ...list.items.map((t, i) => trimRow([String(i + 1), t.title, t.lead_department_id_title, cell(t)]))]);
    assert.deepEqual(sheet[10], ['10', '자원봉사 인프라 확충', '주민생활지원과'], 'neither cooperating nor executing: an empty cell');
    assert.deepEqual(readCsv(csvBytes).map(trimRow), sheet, 'the CSV export says the same');
  });

  test('2006 records add up to the seed\'s figures (Ⅱ-1, Ⅱ-3)', async () => {
    const total = async (path) => (await json(path)).total;
    assert.equal(await total('/meetings?kind=discovery'), 2);
    assert.equal(await total('/meetings?kind=bureau_progress'), 8);
    assert.equal(await total('/meetings?kind=strategy'), 43);
    assert.equal(await total('/meetings?kind=tft'), 4);
    assert.equal(await total('/unit-projects?per_page=1'), 183);
    assert.equal(await total('/unit-projects?status=done&per_page=1'), 39);
    assert.equal(await total('/process-redesigns?kind=redesign'), 23);
    const split = {};
    for (const c of ['procedure', 'time', 'convenience', 'work', 'other']) split[c] = await total(`/process-redesigns?kind=redesign&category=${c}`);
    assert.deepEqual(split, { procedure: 6, time: 2, convenience: 4, work: 7, other: 4 });
    const departments = new Set((await json('/process-redesigns?kind=redesign&per_page=100')).items.map((r) => r.department_id));
    assert.equal(departments.size, 19);
    assert.equal(await total('/process-redesigns?kind=method'), 35);
    const groups = (await json('/working-groups')).items;
    assert.deepEqual(groups.map((g) => [g.name, g.members.length]).sort(), [['불필요한 일 버리기 W/G', 9], ['업무프로세스 개선 W/G', 10]]);
    const d = await dashboard('year=2006&from=2006-01&to=2006-12');
    assert.equal(d.tasks, 18);
    assert.equal(d.meetings, 2 + 8 + 43 + 4 + 2, 'every 2006 meeting counted for the period');
  });

  test('progress is the weighted average of unit projects\' latest reports, and the dashboard follows', async () => {
    const lead = await dept('혁신기획단');
    const before = await dashboard('year=2031&month=2031-03');
    assert.equal(before.tasks, 0, 'no task of 2031 yet');
    const created = await post('/tasks', { title: '시험 과제', kind: 'key', year: 2031, status: 'in_progress', lead_department_id: lead, cooperating_departments: [await dept('총무과')] });
    assert.equal(created.status, 201, await created.clone().text());
    const task = await created.json();
    assert.equal(task.progress, 0);
    let d = await dashboard('year=2031&month=2031-03');
    assert.equal(d.tasks, 1);
    assert.match(d.html, /시험 과제/, 'no report yet: on the checklist');
    assert.equal(d.late, 1);

    // without unit projects: its own latest report
    assert.equal((await post('/progress-reports', { task_id: task.id, month: '2031-02', progress: 30, content: '착수' })).status, 201);
    assert.equal((await post('/progress-reports', { task_id: task.id, month: '2031-01', progress: 10, content: '계획' })).status, 201);
    assert.equal((await json(`/tasks/${task.id}`)).progress, 30, 'the latest month wins, not the latest written');

    // with unit projects: weighted by weight
    const a = await (await post('/unit-projects', { task_id: task.id, title: '가 사업', weight: 1, status: 'in_progress' })).json();
    const b = await (await post('/unit-projects', { task_id: task.id, title: '나 사업', weight: 3, status: 'in_progress' })).json();
    assert.equal((await json(`/tasks/${task.id}`)).progress, 0, 'two unit projects, nothing reported on them');
    const ra = await (await post('/progress-reports', { unit_project_id: a.id, month: '2031-03', progress: 100, content: '완료' })).json();
    assert.equal(ra.task_id, task.id, 'a report on a unit project belongs to its task');
    assert.equal((await json(`/tasks/${task.id}`)).progress, 25);
    await post('/progress-reports', { unit_project_id: b.id, month: '2031-03', progress: 50, content: '절반' });
    let t = await json(`/tasks/${task.id}`);
    assert.equal(t.progress, 63, '(100×1 + 50×3) / 4 = 62.5, rounded');
    assert.equal(t.last_report_month, '2031-03');
    d = await dashboard('year=2031&month=2031-03');
    assert.equal(d.late, 0, 'reported this month: off the checklist');
    assert.equal(d.average, 63);

    const page = await (await admin.get(`/tasks/${task.id}`)).text();
    assert.match(page, /진도율 63%/);
    assert.match(page, /가중평균/, 'the page says how progress is computed');

    // a unit project's weight and archive move the task's progress
    assert.equal((await patch(`/unit-projects/${b.id}`, { weight: 1 })).status, 200);
    assert.equal((await json(`/tasks/${task.id}`)).progress, 75);
    assert.equal((await api(`/unit-projects/${b.id}`, { method: 'DELETE' })).status, 200);
    assert.equal((await json(`/tasks/${task.id}`)).progress, 100);
    d = await dashboard('year=2031&month=2031-04');
    assert.equal(d.average, 100);
    assert.equal(d.late, 1, 'nothing for April yet');

    // archiving the task takes it off the dashboard
    assert.equal((await api(`/tasks/${task.id}`, { method: 'DELETE' })).status, 200);
    d = await dashboard('year=2031&month=2031-04');
    assert.equal(d.tasks, 0);
  });

  test('meetings count by kind for a period, kept current on edit and archive', async () => {
    const count = async () => (await dashboard('year=2006&from=2032-01&to=2032-12')).meetings;
    assert.equal(await count(), 0);
    const host = await dept('총무과');
    const bureau = (await json(`/departments/${host}`)).parent_id;
    const m = await (await post('/meetings', { kind: 'workshop', title: '혁신 워크숍', held_on: '2032-05-10', department_id: host, attendees: [] })).json();
    assert.equal(await count(), 1);
    const inBureau = async (id) => (await dashboard(`year=2006&from=2032-01&to=2032-12&department=${id}`)).meetings;
    assert.equal(await inBureau(bureau), 1, 'counted for the host department\'s bureau');
    assert.equal(await inBureau(await dept('환경관리국')), 0, 'and not for another');
    await patch(`/meetings/${m.id}`, { held_on: '2033-01-05' });
    assert.equal(await count(), 0, 'moved out of the period');
    await patch(`/meetings/${m.id}`, { held_on: '2032-06-01' });
    assert.equal(await count(), 1);
    await api(`/meetings/${m.id}`, { method: 'DELETE' });
    assert.equal(await count(), 0);
  });

  test('who may do what: lead and cooperating managers edit, others read, supporters advise', async () => {
    const lead = await dept('기획예산과'), coop = await dept('재무과'), other = await dept('환경관리국');
    const task = await (await post('/tasks', { title: '권한 시험 과제', kind: 'department', year: 2032, status: 'in_progress', lead_department_id: lead, cooperating_departments: [coop] })).json();
    const users = {};
    for (const [login, role, d] of [['t.lead', 'manager', lead], ['t.coop', 'manager', coop], ['t.other', 'manager', other], ['t.member', 'member', 0], ['t.supporter', 'supporter', 0]]) {
      const id = await addUser(srv.db, login, role);
      if (d) await sql(srv.db, `UPDATE users SET department_id = ${d} WHERE id = ${id}`);
      users[login] = await staff(srv.url, login);
    }
    const edit = async (who) => {
      const c = users[who];
      const _csrf = await c.csrf(`/tasks/${task.id}`);
      return (await c.post(`/tasks/${task.id}`, { _csrf, title: `권한 시험 과제 (${who})`, kind: 'department', year: '2032', status: 'in_progress', lead_department_id: String(lead), cooperating_departments: String(coop) })).status;
    };
    const report = async (who) => {
      const c = users[who];
      const _csrf = await c.csrf(`/tasks/${task.id}`);
      return (await c.post('/progress-reports', { _csrf, task_id: String(task.id), month: '2032-01', progress: '10', content: `${who}의 보고` })).status;
    };
    assert.equal(await edit('t.lead'), 303);
    assert.equal(await edit('t.coop'), 303, 'a cooperating department edits too');
    assert.equal(await edit('t.other'), 403);
    assert.equal(await edit('t.member'), 403);
    assert.equal(await edit('t.supporter'), 403);
    assert.equal(await report('t.coop'), 303);
    assert.equal(await report('t.other'), 403);
    assert.equal(await report('t.member'), 403);
    for (const who of ['t.member', 't.supporter', 't.other']) assert.equal((await users[who].get(`/tasks/${task.id}`)).status, 200, `${who} reads`);
    // a unit project moves only to a task its editor may edit too, and takes its reports along
    const theirs = await (await post('/tasks', { title: '남의 부서 과제', kind: 'department', year: 2032, status: 'in_progress', lead_department_id: other })).json();
    const unit = await (await post('/unit-projects', { task_id: task.id, title: '옮길 단위사업', weight: 1, status: 'in_progress' })).json();
    const unitReport = await (await post('/progress-reports', { unit_project_id: unit.id, month: '2032-02', progress: 40, content: '단위사업 보고' })).json();
    const move = await users['t.lead'].post(`/unit-projects/${unit.id}`, { _csrf: await users['t.lead'].csrf(`/unit-projects/${unit.id}/edit`), task_id: String(theirs.id), title: '옮길 단위사업', weight: '1', status: 'in_progress' });
    assert.equal(move.status, 403, 'not into a task of a department they do not manage');
    assert.equal((await api(`/unit-projects/${unit.id}`, { method: 'PATCH', body: JSON.stringify({ task_id: theirs.id }) })).status, 200);
    assert.equal((await json(`/progress-reports/${unitReport.id}`)).task_id, theirs.id, 'its report moved with it');
    assert.equal((await json(`/tasks/${theirs.id}`)).progress, 40);
    // a manager may start a task only for their own department
    const c = users['t.other'];
    const _csrf = await c.csrf('/tasks/new');
    assert.equal((await c.post('/tasks', { _csrf, title: '남의 과제', kind: 'department', year: '2032', status: 'discovered', lead_department_id: String(lead) })).status, 422);
    // supporters leave advice, and go back to the task
    const s = users['t.supporter'];
    const t2 = await s.csrf(`/tasks/${task.id}`);
    const advised = await s.post('/task-advice', { _csrf: t2, task_id: String(task.id), content: '주민 의견을 더 들어 보세요.', _next: `/tasks/${task.id}` });
    assert.equal(advised.status, 303);
    assert.equal(advised.headers.get('location'), `/tasks/${task.id}`);
    const page = await (await users['t.member'].get(`/tasks/${task.id}`)).text();
    assert.match(page, /주민 의견을 더 들어 보세요\.[\s\S]*t\.supporter/);
    assert.equal((await users['t.member'].post('/task-advice', { _csrf: await users['t.member'].csrf('/tasks'), task_id: String(task.id), content: 'x' })).status, 403);
  });

  test('a report carries attached files: uploaded by its editors, downloaded by its readers', async () => {
    const task = (await json('/tasks?year=2007&per_page=1&sort=seq')).items[0];
    const report = await (await post('/progress-reports', { task_id: task.id, month: '2007-04', progress: 20, content: '첨부 시험' })).json();
    const upload = async (client, name, bytes) => {
      const form = new FormData();
      form.set('_csrf', await client.csrf(`/progress-reports/${report.id}`));
      if (bytes) form.set('file', new Blob([bytes]), name);
      return fetch(srv.url + `/progress-reports/${report.id}/attachments`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: client.header() } });
    };
    const doc = Buffer.from('<html><script>alert(1)</script>추진실적 보고서</html>');
    const up = await upload(admin, '3월 추진실적.html', doc);
    assert.equal(up.status, 303);
    const page = await (await admin.get(`/progress-reports/${report.id}`)).text();
    const href = page.match(/href="(\/progress-reports\/\d+\/attachments\/\d+)">3월 추진실적\.html<\/a>/)[1];
    await addUser(srv.db, 'file.reader', 'member');
    const reader = await staff(srv.url, 'file.reader');
    const got = await reader.get(href);
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('content-type'), 'application/octet-stream', 'never rendered as a page');
    assert.match(got.headers.get('content-disposition'), /^attachment;.*filename\*=UTF-8''3%EC%9B%94/);
    assert.deepEqual(Buffer.from(await got.arrayBuffer()), doc);
    assert.equal((await upload(reader, 'x.txt', Buffer.from('x'))).status, 403, 'a reader does not attach');
    assert.equal((await upload(admin, '', null)).status, 422, 'no file chosen');
    assert.equal((await reader.get(href.replace(/\d+$/, '999999'))).status, 404);
    const audited = await sql(srv.db, `SELECT COUNT(*) FROM audit_log WHERE action = 'attach' AND record_id = '${report.id}'`);
    assert.equal(audited.trim(), '1');
  });

  test('the checklist lists 200 late tasks and counts all of them, in a bureau too', async () => {
    // 230 tasks in progress with nothing reported, loaded around the engine as a bulk load would be
    const bureau = await dept('기획재정국');
    const division = (await json(`/departments?parent_id=${bureau}&per_page=100`)).items[0].id;
    await sql(srv.db, `INSERT INTO tasks (org_id, seq, title, kind, year, lead_department_id, status)
      SELECT o.id, n, '점검표 과제 ' || n, 'key', 2031, ${division}, 'in_progress'
      FROM organisations o, (WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 230) SELECT n FROM r) r
      WHERE o.code = '3180000'`);
    for (const q of ['year=2031&month=2031-05', `year=2031&month=2031-05&department=${bureau}`]) {
      const d = await dashboard(q);
      assert.equal(d.late, 230, q);
      assert.equal((d.html.match(/점검표 과제 \d+/g) || []).length, 200, q);
    }
    const other = await dashboard(`year=2031&month=2031-05&department=${await dept('환경관리국')}`);
    assert.equal(other.late, 0);
  });

  test('bad input is refused field by field and writes nothing', async () => {
    const tasks = (await json('/tasks?year=2006&per_page=2')).items;
    const unit = (await json(`/unit-projects?task_id=${tasks[0].id}&per_page=1`)).items[0];
    const reports = async () => (await json('/progress-reports?per_page=1')).total;
    const n = await reports();
    let r = await post('/progress-reports', { task_id: tasks[1].id, unit_project_id: unit.id, month: '2007-13', progress: 120, content: '' });
    assert.equal(r.status, 422);
    let e = (await r.json()).error.fields;
    assert.match(e.month, /2007-03 꼴/);
    assert.match(e.progress, /범위/);
    assert.match(e.content, /꼭 입력/);
    r = await post('/progress-reports', { task_id: tasks[1].id, unit_project_id: unit.id, month: '2007-03', progress: 20, content: '다른 과제의 사업' });
    assert.equal(r.status, 422);
    assert.match((await r.json()).error.fields.unit_project_id, /이 과제의 것이 아닙니다/);
    r = await post('/progress-reports', { month: '2007-03', progress: 20, content: '과제 없음' });
    assert.match((await r.json()).error.fields.task_id, /하나는 골라야/);
    r = await post('/tasks', { title: '잘못된 부서', kind: 'key', year: 2007, status: 'discovered', cooperating_departments: [99999999] });
    assert.equal(r.status, 422);
    assert.match((await r.json()).error.fields.cooperating_departments, /없는 항목/);
    r = await post('/tasks', { title: '잘못된 목록', kind: 'key', year: 2007, status: 'discovered', cooperating_departments: 'abc' });
    assert.equal(r.status, 422);
    r = await post('/meetings', { kind: 'strategy', title: '날짜 없음', held_on: '2007-02-30' });
    assert.match((await r.json()).error.fields.held_on, /날짜/);
    assert.equal(await reports(), n, 'nothing written');
    for (const [q, message] of [['year=abc', '연도(year)의 값이 올바르지 않습니다. 가능한 값: 2000부터 2100 사이의 숫자.'],
      ['year=1999', '연도(year)의 값이 올바르지 않습니다.'], ['month=2007-13', '점검 월(month)의 값이 올바르지 않습니다. 가능한 값: 2006-07 꼴의 달.'],
      ['department=abc', '부서(department)의 값이 올바르지 않습니다. 가능한 값: 1 이상의 번호.']]) {
      const r = await admin.get('/tasks/dashboard?' + q);
      assert.equal(r.status, 400, q);
      assert.ok((await r.text()).includes(message), `${q}: ${message}`);
    }
    assert.equal((await admin.get('/tasks/dashboard?year=2007&utm_source=x')).status, 200, 'an undeclared parameter is dropped');
    assert.equal((await admin.get('/tasks/dashboard?department=99999999')).status, 404);
  });
});
