// manuals.test.mjs: team innovation on the seed's demo organisation (Ⅳ-1-7,
// 132개 팀): the 2007 campaign's figures as of a day (charters, basic and
// unit manuals, team tasks, late teams in all and by division) against the
// stage deadlines (02-28, 03-31, 05-31); a manual's versions, each saved as
// the next one and the old ones unchanged, and the side-by-side difference
// of any two; bad versions, too large a difference, a same-text save and
// records off a team refused with 4xx, a Korean message and nothing
// written; the versions' table refusing change in the database itself; a
// member reads and may not write; a manager saves their team's manual only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, run, sql, staff, start } from './harness.mjs';

describe(`manuals on ${driver}`, () => {
  let srv, admin, member, token, memberToken, first;
  const api = (path, init = {}, t = token) => fetch(srv.url + '/api/v1' + path, {
    ...init, headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json', ...(init.headers || {}) },
  });
  const post = (path, body, t) => api(path, { method: 'POST', body: JSON.stringify(body) }, t);
  const json = async (path, t) => (await api(path, {}, t)).json();
  const campaign = (today) => json(`/manuals/campaign?year=2007&today=${today}`);
  const totals = async () => Promise.all(['/team-charters', '/manuals', '/manual-versions', '/tasks'].map(async (p) => (await json(p)).total));

  before(async () => {
    srv = await start(['--demo']);
    await addUser(srv.db, 'man.admin', 'admin', 'Hyeoksin#2026', '혁신 관리자');
    await addUser(srv.db, 'man.member', 'member');
    admin = await staff(srv.url, 'man.admin');
    member = await staff(srv.url, 'man.member');
    token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'man.admin'])).stdout.trim();
    memberToken = (await run(['token', 'create', '--db', srv.db.url, '--login', 'man.member'])).stdout.trim();
    first = (await campaign('2008-01-01')).teams[0];
  });
  after(async () => { await srv.stop(); });

  test('the 2007 campaign of the 132 teams, as of a day after it', async () => {
    const c = await campaign('2008-01-01');
    assert.deepEqual(c.deadlines, { charter: '2007-02-28', basic: '2007-03-31', unit: '2007-05-31' });
    assert.deepEqual(c.total, { teams: 132, charters: 120, basic: 118, units: 86, unit_manuals: 130, tasks: 90, late: 77 });
    assert.equal(c.teams.length, 132);
    // the divisions' counts add up to the whole, each from its teams
    for (const k of Object.keys(c.total)) assert.equal(c.divisions.reduce((s, d) => s + d[k], 0), c.total[k], k);
    for (const d of c.divisions) {
      const mine = c.teams.filter((t) => t.division_id === d.id);
      assert.equal(d.teams, mine.length, d.name);
      assert.equal(d.late, mine.filter((t) => t.late).length, d.name);
    }
    assert.deepEqual(c.divisions.slice(0, 4).map((d) => [d.name, d.teams, d.late]),
      [['혁신기획담당관', 3, 1], ['총무과', 6, 4], ['기획예산과', 6, 4], ['주민생활지원과', 4, 1]]);
    // the count of teams is the org module's teams, not a typed figure
    assert.equal((await json('/departments?kind=team')).total, 132);
    const t = c.teams[0];
    assert.equal(t.name, '혁신기획팀');
    assert.deepEqual([t.charter.state, t.charter.on, t.basic.state, t.basic.on, t.basic_versions, t.unit.state, t.units_done, t.task_set, t.late],
      ['done', '2007-02-05', 'done', '2007-03-02', 3, 'done', 1, true, false]);
    assert.equal(t.task, '혁신기획팀 1팀 1혁신과제: 업무처리 절차 개선');
    assert.equal((await json(`/tasks/${t.task_id}`)).kind, 'team');
    // late: a basic manual saved in April, no charter at all, a unit manual in June, one never saved
    const by = (name) => c.teams.find((x) => x.name === name);
    assert.deepEqual([by('서무팀').basic.state, by('서무팀').basic.text], ['late_done', '기한 후 완료 2007-04-05']);
    assert.deepEqual([by('예산팀').charter.state, by('예산팀').charter.text, by('예산팀').charter_id], ['late', '기한 지남 (미완료)', 0]);
    assert.equal(by('법무팀').unit.state, 'late_done');
    assert.deepEqual([by('감사팀').unit.state, by('감사팀').units, by('감사팀').units_done], ['late', 2, 1]);
    const html = await (await member.get('/manuals/campaign?year=2007&today=2008-01-01')).text();
    assert.match(html, /il-total-teams">132</);
    assert.match(html, /il-total-late">77</);
    assert.match(html, /<th scope="row">총무과<\/th><td>6<\/td>(<td>\d+<\/td>){4}<td class="il-late-count">4</);
    assert.match(html, /il-stage il-stage-late_done"><a href="\/manuals\/\d+">기한 후 완료 2007-04-05<\/a>/);
  });

  test('lateness as of days within the campaign', async () => {
    let c = await campaign('2007-02-20');
    assert.deepEqual(c.total, { teams: 132, charters: 92, basic: 0, units: 0, unit_manuals: 0, tasks: 90, late: 0 });
    assert.equal(c.teams.find((x) => x.name === '예산팀').charter.state, 'pending');
    c = await campaign('2007-03-15');
    assert.deepEqual(c.total, { teams: 132, charters: 120, basic: 55, units: 0, unit_manuals: 0, tasks: 90, late: 21 });
    c = await campaign('2007-04-15');
    assert.deepEqual(c.total, { teams: 132, charters: 120, basic: 114, units: 14, unit_manuals: 32, tasks: 90, late: 47 });
    assert.deepEqual(c.divisions.slice(0, 4).map((d) => d.late), [0, 3, 1, 1]);
    // without ?year= the latest year with charters; a bad one is refused
    assert.equal((await json('/manuals/campaign')).year, 2007);
    const r = await api('/manuals/campaign?year=2007&today=2007-02-30');
    assert.equal(r.status, 400);
    assert.match((await r.json()).error.detail, /기준일/);
  });

  test('the campaign as CSV and XLSX', async () => {
    const csv = await (await admin.get('/manuals/campaign.csv?year=2007&today=2008-01-01')).text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    assert.equal(lines.length, 133);
    assert.equal(lines[0], '실·과,팀,헌장,기본업무매뉴얼,단위사무 매뉴얼,단위사무 매뉴얼 수,1팀 1혁신과제,지연');
    assert.equal(lines.slice(1).filter((l) => l.endsWith(',지연')).length, 77);
    const x = await admin.get('/manuals/campaign.xlsx?year=2007');
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-type'), /spreadsheetml/);
  });

  test('a manual\'s versions and the difference of any two, side by side', async () => {
    const id = first.basic_id;
    const versions = (await json(`/manual-versions?manual_id=${id}&sort=version`)).items;
    assert.deepEqual(versions.map((v) => [v.version, v.saved_on, v.note]),
      [[1, '2007-03-02', '처음 작성'], [2, '2007-03-09', '절차 보완'], [3, '2007-03-16', '절차 보완']]);
    let d = await json(`/manuals/${id}/diff?a=1&b=2`);
    assert.deepEqual([d.changed, d.added, d.deleted], [1, 1, 0]);
    const changed = d.rows.find((r) => r.op === 'change');
    assert.deepEqual([changed.a_no, changed.a_text, changed.b_no, changed.b_text], [14, '3. 처리', 14, '3. 처리 (기한 7일)']);
    assert.deepEqual(d.rows.filter((r) => r.op === 'add').map((r) => [r.a_no, r.b_no, r.b_text]), [[undefined, 16, '5. 사후 관리']]);
    d = await json(`/manuals/${id}/diff?a=1&b=3`);
    assert.deepEqual([d.changed, d.added, d.deleted], [2, 1, 0]);
    d = await json(`/manuals/${id}/diff?a=3&b=1`);
    assert.deepEqual([d.changed, d.added, d.deleted], [2, 0, 1]);
    d = await json(`/manuals/${id}/diff?a=2&b=2`);
    assert.deepEqual([d.changed, d.added, d.deleted, d.same], [0, 0, 0, true]);
    const html = await (await member.get(`/manuals/${id}/diff?a=2&b=3`)).text();
    assert.match(html, /<tr class="il-diff-change"><td class="il-diff-op">변경<\/td><td class="il-diff-no">20<\/td><td class="il-diff-a">- 관련 법령과 자치법규<\/td><td class="il-diff-no">20<\/td><td class="il-diff-b">- 관련 법령과 자치법규 \(2007년 개정 반영\)<\/td><\/tr>/);
    assert.match(html, /il-diff-changed">1</);
    // the manual's page: the latest rendered, every version listed
    const page = await (await member.get(`/manuals/${id}`)).text();
    assert.match(page, /최신 판 \(제3판, 2007-03-16, /);
    assert.match(page, /<h1>혁신기획팀 기본업무매뉴얼<\/h1>/);
    assert.match(page, /<li>관련 법령과 자치법규 \(2007년 개정 반영\)<\/li>/);
    assert.equal((page.match(/href="\/manuals\/\d+\/versions\/\d+">제\d판</g) || []).length, 3);
    assert.doesNotMatch(page, /name="body"/, 'a member has no save form');
    // an old version as it was
    const old = await (await member.get(`/manuals/${id}/versions/1`)).text();
    assert.match(old, /지난 판입니다. 최신 판은 제3판입니다./);
    assert.match(old, /<li>3. 처리<\/li>|<li>처리<\/li>/);
    assert.doesNotMatch(old, /사후 관리/);
  });

  test('saving writes the next version, with its author and day; the old ones stay', async () => {
    const id = first.basic_id;
    const version1 = async () => (await json(`/manual-versions?manual_id=${id}`)).items.find((v) => v.version === 1);
    const v1 = await version1();
    const page = await (await admin.get(`/manuals/${id}`)).text();
    const body = (page.match(/<textarea id="f-body" name="body"[^>]*>([\s\S]*?)<\/textarea>/) || [])[1];
    assert.ok(body && body.includes('(2007년 개정 반영)'), 'the save form holds the latest text');
    const text = (await json(`/manual-versions?manual_id=${id}&sort=-version`)).items[0].body;
    const next = text.replace('4. 결과 통보', '4. 결과 통보 (문자 안내)');
    const r = await admin.post(`/manuals/${id}/save`, { _csrf: await admin.csrf(`/manuals/${id}`), body: next, note: '통보 방법 추가' });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), `/manuals/${id}?notice=save`);
    const all = (await json(`/manual-versions?manual_id=${id}&sort=version`)).items;
    assert.deepEqual(all.map((v) => v.version), [1, 2, 3, 4]);
    const today = new Date().toISOString().slice(0, 10);
    assert.deepEqual([all[3].author_name, all[3].saved_on, all[3].note, all[3].body], ['혁신 관리자', today, '통보 방법 추가', next]);
    assert.deepEqual(await version1(), v1, 'version 1 unchanged');
    const m = await json(`/manuals/${id}`);
    assert.deepEqual([m.versions, m.first_saved_on, m.last_saved_on], [4, '2007-03-02', today]);
    const d = await json(`/manuals/${id}/diff?a=3&b=4`);
    assert.deepEqual([d.changed, d.added, d.deleted], [1, 0, 0]);
    assert.equal(d.rows.find((x) => x.op === 'change').b_text, '4. 결과 통보 (문자 안내)');
    // audited: the save's entry names the version, not the whole text
    const audit = await sql(srv.db, `SELECT action || ' ' || record_id FROM audit_log WHERE entity = 'manuals' ORDER BY id DESC LIMIT 1`);
    assert.equal(audit.trim(), `save ${id}`);
    // saved in June: the basic stage stays done on its first day
    assert.equal((await campaign('2030-01-01')).teams[0].basic.on, '2007-03-02');
  });

  test('bad versions and too large a difference: 4xx with a Korean message', async () => {
    const id = first.basic_id;
    const cases = [
      [`/manuals/${id}/diff?a=1`, 400, /비교할 두 판을 모두 고르십시오/],
      [`/manuals/${id}/diff`, 400, /비교할 두 판을 모두 고르십시오/],
      [`/manuals/${id}/diff?a=1&b=9`, 404, /새 판\(b\): 이 매뉴얼에는 제9판이 없습니다 \(제1판 ~ 제\d판\)/],
      [`/manuals/${id}/diff?a=7&b=1`, 404, /이전 판\(a\): 이 매뉴얼에는 제7판이 없습니다/],
      [`/manuals/${id}/diff?a=0&b=1`, 400, /이전 판/],
      [`/manuals/${id}/diff?a=x&b=1`, 400, /이전 판/],
      [`/manuals/${id}/versions/9`, 404, /판: 이 매뉴얼에는 제9판이 없습니다/],
      [`/manuals/${id}/versions/0`, 400, /판 번호는 1 이상의 숫자입니다/],
      [`/manuals/${id}/versions/2x`, 400, /판 번호는 1 이상의 숫자입니다/],
      ['/manuals/999999/diff?a=1&b=2', 404, null],
    ];
    for (const [p, status, msg] of cases) {
      const r = await api(p);
      assert.equal(r.status, status, p);
      if (msg) assert.match((await r.json()).error.detail, msg, p);
    }
    const html = await member.get(`/manuals/${id}/diff?a=1&b=9`);
    assert.equal(html.status, 404);
    assert.match(await html.text(), /이 매뉴얼에는 제9판이 없습니다/);
    // the bound: what differs, once the common start and end are set aside, may be 1,000 lines a side
    const m = await (await post('/manuals', { title: '긴 매뉴얼', department_id: first.id, year: 2008, kind: 'basic' })).json();
    const lines = (p, n) => Array.from({ length: n }, (_, i) => `${p} ${i}`).join('\n');
    for (const body of [lines('가', 1001), lines('나', 1001), lines('다', 1000), lines('라', 1000)]) {
      assert.equal((await post(`/manuals/${m.id}/save`, { body })).status, 200);
    }
    let r = await api(`/manuals/${m.id}/diff?a=1&b=2`);
    assert.equal(r.status, 422);
    assert.match((await r.json()).error.detail, /1,000줄을 넘어/);
    r = await api(`/manuals/${m.id}/diff?a=2&b=3`);
    assert.equal(r.status, 422, '1,001 lines against 1,000');
    r = await api(`/manuals/${m.id}/diff?a=3&b=4`);
    assert.equal(r.status, 200, '1,000 against 1,000');
    assert.equal((await r.json()).changed, 1000);
    // a long text with one line changed: the rest is set aside, whatever its length
    assert.equal((await post(`/manuals/${m.id}/save`, { body: lines('라', 1000).replace('라 500\n', '마 500\n') })).status, 200);
    r = await api(`/manuals/${m.id}/diff?a=4&b=5`);
    assert.equal(r.status, 200);
    const d = await r.json();
    assert.deepEqual([d.changed, d.added, d.deleted, d.rows.length], [1, 0, 0, 1000]);
  });

  test('bad input is refused with 422 and a Korean message, nothing written', async () => {
    const before = await totals();
    const id = first.basic_id;
    const latest = (await json(`/manual-versions?manual_id=${id}&sort=-version`)).items[0];
    let r = await post(`/manuals/${id}/save`, { body: latest.body });
    assert.equal(r.status, 422);
    assert.match((await r.json()).error.fields.body, /최신 판과 같은 내용입니다/);
    r = await post(`/manuals/${id}/save`, { body: '' });
    assert.equal(r.status, 422);
    r = await post(`/manuals/${id}/save`, { body: 'x'.repeat(60001) });
    assert.equal(r.status, 422);
    r = await post(`/manuals/${id}/save`, { body: '본문', author_name: '남의 이름' });
    assert.equal(r.status, 422, 'undeclared input refused');
    // a charter: a second one for the year, one on a division, a task not the team's
    r = await post('/team-charters', { department_id: first.id, year: 2007, mission: '임무' });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.year, '이 팀의 그 해 팀 업무혁신 헌장이 이미 있습니다.');
    r = await post('/team-charters', { department_id: first.division_id, year: 2007 });
    assert.equal(r.status, 422);
    assert.match((await r.json()).error.fields.department_id, /팀이 아닌 부서입니다/);
    const common = (await json('/tasks?kind=common')).items[0];
    r = await post('/team-charters', { department_id: first.id, year: 2008, task_id: common.id });
    assert.equal(r.status, 422);
    assert.match((await r.json()).error.fields.task_id, /팀 1혁신과제/);
    // manuals: a second basic one, a unit one without its duty, a basic one with one
    r = await post('/manuals', { title: '또 하나', department_id: first.id, year: 2007, kind: 'basic' });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.kind, '이 팀의 그 해 기본업무매뉴얼이 이미 있습니다.');
    r = await post('/manuals', { title: '담당 없음', department_id: first.id, year: 2007, kind: 'unit' });
    assert.equal(r.status, 422);
    assert.match((await r.json()).error.fields.duty, /담당 단위사무를 적어야/);
    r = await post('/manuals', { title: '기본에 담당', department_id: first.id, year: 2007, kind: 'basic', duty: '민원' });
    assert.equal(r.status, 422);
    r = await post('/manuals', { title: '연도 밖', department_id: first.id, year: 1999, kind: 'basic' });
    assert.equal(r.status, 422);
    r = await post('/manuals', { title: '비운 담당', department_id: first.id, year: 2007, kind: 'basic', duty: '' });
    assert.equal(r.status, 422, 'an emptied duty is no duty: still the second basic manual');
    assert.equal((await r.json()).error.fields.kind, '이 팀의 그 해 기본업무매뉴얼이 이미 있습니다.');
    // through the browser: the page again with the message
    const f = await admin.post(`/manuals/${id}/save`, { _csrf: await admin.csrf(`/manuals/${id}`), body: latest.body });
    assert.equal(f.status, 422);
    assert.match(await f.text(), /최신 판과 같은 내용입니다/);
    assert.deepEqual(await totals(), before, 'nothing written');
    assert.equal((await json(`/manuals/${id}`)).versions, latest.version);
  });

  test('a charter is done the day mission, vision and goals are all there', async () => {
    const team = (await campaign('2008-01-01')).teams.find((t) => t.name === '예산팀');
    const r = await post('/team-charters', { department_id: team.id, year: 2007, met_on: '2007-03-02', mission: '예산 편성의 투명성', vision: '' });
    assert.equal(r.status, 201);
    const c = await r.json();
    assert.equal(c.title, '예산팀 2007년 팀 업무혁신');
    assert.equal(c.completed_on, null);
    const today = new Date().toISOString().slice(0, 10);
    const p = await api(`/team-charters/${c.id}`, { method: 'PATCH', body: JSON.stringify({ vision: '신뢰받는 재정', goals: '예산 집행률 95%' }) });
    assert.equal(p.status, 200);
    assert.equal((await p.json()).completed_on, today);
    const row = (await campaign('2030-01-01')).teams.find((t) => t.name === '예산팀');
    assert.deepEqual([row.charter_id, row.charter.state, row.charter.on], [c.id, 'late_done', today]);
    // a team task of its own may be linked
    const t = await post('/tasks', { title: '예산팀 1팀 1혁신과제', kind: 'team', year: 2007, status: 'in_progress', lead_department_id: team.id });
    assert.equal(t.status, 201);
    const task = await t.json();
    assert.equal((await api(`/team-charters/${c.id}`, { method: 'PATCH', body: JSON.stringify({ task_id: task.id }) })).status, 200);
    assert.equal((await campaign('2030-01-01')).teams.find((t) => t.name === '예산팀').task_set, true);
    assert.equal((await campaign('2030-01-01')).total.tasks, 91);
  });

  test('the versions are a ledger: no route changes them, and neither may SQL', async () => {
    const v = (await json(`/manual-versions?manual_id=${first.basic_id}&sort=version`)).items[0];
    assert.equal((await api(`/manual-versions/${v.id}`, { method: 'PATCH', body: JSON.stringify({ note: 'x' }) })).status, 405);
    assert.equal((await api(`/manual-versions/${v.id}`, { method: 'DELETE' })).status, 405);
    assert.equal((await api('/manual-versions', { method: 'POST', body: JSON.stringify({ manual_id: first.basic_id, version: 9, body: 'x' }) })).status, 405);
    await assert.rejects(sql(srv.db, `UPDATE manual_versions SET body = 'x' WHERE id = ${v.id}`), /append-only/);
    await assert.rejects(sql(srv.db, `DELETE FROM manual_versions WHERE id = ${v.id}`), /append-only/);
    assert.equal((await json(`/manual-versions/${v.id}`)).body, v.body);
  });

  test('a member reads and may not write; a manager saves their own team\'s manuals only', async () => {
    const id = first.basic_id;
    for (const p of ['/manuals/campaign', '/team-charters', '/manuals', '/manual-versions', `/manuals/${id}`, `/manuals/${id}/versions/1`, `/manuals/${id}/diff?a=1&b=2`]) {
      assert.equal((await member.get(p)).status, 200, p);
    }
    const before = await totals();
    let r = await post(`/manuals/${id}/save`, { body: '직원의 판' }, memberToken);
    assert.equal(r.status, 403);
    r = await post('/team-charters', { department_id: first.id, year: 2009 }, memberToken);
    assert.equal(r.status, 403);
    const uid = await addUser(srv.db, 'man.manager', 'manager');
    const other = (await campaign('2008-01-01')).teams.find((t) => t.division_id !== first.division_id);
    await sql(srv.db, `UPDATE users SET department_id = ${other.division_id} WHERE id = ${uid}`);
    const mtoken = (await run(['token', 'create', '--db', srv.db.url, '--login', 'man.manager'])).stdout.trim();
    r = await post(`/manuals/${id}/save`, { body: '남의 팀 판' }, mtoken);
    assert.equal(r.status, 403);
    assert.match((await r.json()).error.detail, /담당하는 부서의 팀 매뉴얼만/);
    assert.deepEqual(await totals(), before, 'nothing written');
    r = await post(`/manuals/${other.basic_id}/save`, { body: '# 우리 팀 매뉴얼\n\n새로 고침', note: '관리자 아닌 담당자' }, mtoken);
    assert.equal(r.status, 200);
    assert.equal((await json(`/manuals/${other.basic_id}`)).versions, other.basic_versions + 1);
  });
});
