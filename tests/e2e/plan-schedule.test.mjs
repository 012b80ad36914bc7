// plan-schedule.test.mjs: the plans module (the file plans.test.mjs is the
// query-plan guard's) on the seed's demo organisation: the 2007 plan of Ⅲ
// and Ⅳ with its vision, goals, directions and indicator verbatim, its 17
// sections and its items with the cadences the seed states; the 2007
// schedule done where the demo's records fulfil it (the W/G meetings of
// January and February, the 상반기 contest of 2007-06-27, the forum's
// sessions of January to March) and overdue everywhere else (the year is
// past); a plan of this year whose occurrences turn done, due, overdue and
// future from real records dated around today, only a record of the
// responsible department's subtree (or of none) counting; next year's all
// future; a period's first and last days (a leap February, a quarter's
// end, a date's day) counted in it and the next day in the next; the
// publication and course-session sources; the XLSX; bad input refused with
// 422 and a Korean message,
// nothing written; a member reads and may not write.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, run, staff, start } from './harness.mjs';
import { readXlsx } from './xlsx.mjs';

describe(`plans on ${driver}`, () => {
  let srv, admin, member, token, memberToken, plan, office, audit, dept;
  const api = (path, init = {}, t = token) => fetch(srv.url + '/api/v1' + path, {
    ...init, headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json', ...(init.headers || {}) },
  });
  const post = (path, body, t) => api(path, { method: 'POST', body: JSON.stringify(body) }, t);
  const patch = (path, body, t) => api(path, { method: 'PATCH', body: JSON.stringify(body) }, t);
  const json = async (path, t) => (await api(path, {}, t)).json();
  const items = async (path) => (await json(`${path}${path.includes('?') ? '&' : '?'}per_page=100`)).items;
  const form = async (client, p, fields, from) => client.post(p, { _csrf: await client.csrf(from), ...fields });
  const today = new Date().toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  // the schedule's cells of an item, without the gaps: [label, state, record day]
  const cells = (it) => it.cells.filter((c) => !c.gap).map((c) => [c.label, c.state, c.record_on ?? null]);
  const itemOf = (sched, text) => sched.departments.flatMap((d) => d.items).find((i) => i.text === text);
  const months = (from, to, state) => Array.from({ length: to - from + 1 }, (_, k) => [`${from + k}월`, state, null]);

  before(async () => {
    srv = await start(['--demo']);
    await addUser(srv.db, 'plan.admin', 'admin');
    await addUser(srv.db, 'plan.member', 'member');
    admin = await staff(srv.url, 'plan.admin');
    member = await staff(srv.url, 'plan.member');
    token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'plan.admin'])).stdout.trim();
    memberToken = (await run(['token', 'create', '--db', srv.db.url, '--login', 'plan.member'])).stdout.trim();
    plan = (await items('/plans'))[0];
    const depts = await items('/departments?q=' + encodeURIComponent('혁신기획'));
    office = depts.find((d) => d.name === '혁신기획단');
    dept = depts.find((d) => d.name === '혁신기획담당관');
    audit = (await items('/departments?q=' + encodeURIComponent('감사담당관'))).find((d) => d.name === '감사담당관');
  });
  after(async () => { await srv.stop(); });

  test('the 2007 plan: Ⅲ\'s vision, theme, goal, indicator and four directions verbatim', async () => {
    assert.equal((await json('/plans')).total, 1);
    assert.deepEqual([plan.year, plan.title, plan.vision], [2007, '2007 행정혁신 업무추진계획', '고객과 성과중심의 일류 영등포 구현']);
    assert.equal((await json(`/plans/${plan.id}`)).summary, '자율과 창의에 바탕을 둔 혁신수준의 질적 도약으로 혁신 고도화를 이루고 주민체감형 혁신이 정착되는데 주력');
    const goals = await items(`/plan-goals?plan_id=${plan.id}&sort=position`);
    assert.deepEqual(goals.map((g) => [g.kind, g.text]), [
      ['theme', '질적 혁신으로의 도약'],
      ['goal', '혁신고도화 달성 및 주민체감형 혁신성과 창출'],
      ['indicator', '‘06년 내재화 단계 → ’07년 고도화 단계'],
      ['direction', '자율․창의적 변화관리 강화'],
      ['direction', '주민참여형 혁신 추진'],
      ['direction', '지속가능한 혁신기반 구축'],
      ['direction', '주민체감형 혁신성과 창출'],
    ]);
    // the plan's page: Ⅲ in order, the sections with their items, the way to the schedule
    const html = await (await member.get(`/plans/${plan.id}`)).text();
    assert.match(html, new RegExp(`<a href="/plans/${plan.id}/schedule" class="krds-btn primary">추진일정</a>`));
    assert.match(html, /세부 추진계획 59건/);
    assert.match(html, /<dt>비전<\/dt><dd>고객과 성과중심의 일류 영등포 구현<\/dd>\s*<dt>추진 기조<\/dt><dd><a href="\/plan-goals\/\d+">질적 혁신으로의 도약<\/a><\/dd><dt>목표<\/dt>/);
    assert.match(html, /단위사업 17개/);
    assert.match(html, /<td>Ⅳ-1-5<\/td><td><a href="\/plan-sections\/\d+">혁신관리시스템 운영<\/a><\/td><td><a href="\/plan-items\?section_id=\d+">3건<\/a>/);
  });

  test('Ⅳ: 17 sections and their items with the cadences the seed states, all 혁신기획단\'s', async () => {
    const sections = await items(`/plan-sections?plan_id=${plan.id}&sort=position`);
    assert.deepEqual(sections.map((s) => s.code), ['Ⅳ-1-1', 'Ⅳ-1-2', 'Ⅳ-1-3', 'Ⅳ-1-4', 'Ⅳ-1-5',
      'Ⅳ-2-1', 'Ⅳ-2-2', 'Ⅳ-2-3', 'Ⅳ-2-4', 'Ⅳ-2-5', 'Ⅳ-2-6', 'Ⅳ-2-7', 'Ⅳ-2-8', 'Ⅳ-2-9', 'Ⅳ-2-10', 'Ⅳ-2-11', 'Ⅳ-2-12']);
    assert.equal(sections[4].title, '혁신관리시스템 운영');
    assert.equal(sections[4].directions, '혁신과제의 효율적 추진 및 관리를 통한 성과창출\n우수사례 경진대회를 통한 혁신과제 발굴 및 실행 유도');
    const all = await items(`/plan-items?plan_id=${plan.id}&sort=position`);
    assert.equal(all.length, 59);
    assert.ok(all.every((i) => i.department_id === office.id), '혁신기획단');
    const scheduled = all.filter((i) => i.cadence !== 'none')
      .map((i) => [i.text, i.cadence, i.times, i.month_from, i.month_to, i.source, i.source_kind]);
    assert.deepEqual(scheduled, [
      ['혁신과제 실행팀(TFT) 회의 개최 : 월 1회', 'monthly', null, null, null, 'meeting', 'wg'],
      ['민원제도개선 과제 발굴 및 분기별 평가 실시', 'quarterly', null, null, null, 'none', null],
      ['혁신과제 발굴 및 추진 보고회 개최 : 매월', 'monthly', null, null, null, 'meeting', 'monthly_report'],
      ['우수혁신사례 경진대회 개최 : 연 2회', 'twice', null, null, null, 'contest', 'practice'],
      ['우수 학습동아리 포상 : 반기별 사례발표 대회 개최 및 성과물 제출', 'half', null, null, null, 'contest', 'club'],
      ['학습활동 모니터링(매월)', 'monthly', null, null, null, 'club_meeting', null],
      ['혁신주도그룹 구성 강화 : 1월중', 'months', null, 1, 1, 'none', null],
      ['외부 전문교육기관에 위탁교육 실시(1박 2일) : 상반기중', 'months', null, 1, 6, 'group_activity', 'commission'],
      ['주기적인 혁신주도그룹 세미나, 워크숍 개최 : 연 4회 이상', 'at_least', 4, null, null, 'group_activity', 'seminar'],
      ['혁신활동 추진 성과의 공시 : 연 2회', 'twice', null, null, null, 'none', null],
      ['동 행정혁신 실무협의회 운영 : 분기별 1회', 'quarterly', null, null, null, 'meeting', 'working_level'],
      ['1단계(3월) : 팀별 기본업무매뉴얼 작성(재정비)', 'months', null, 3, 3, 'none', null],
      ['2단계(4～5월) : 담당별 단위사무 매뉴얼 작성', 'months', null, 4, 5, 'none', null],
      ['운영방법 : 분기별 1회 정기회의 및 필요시 수시 임시회의', 'quarterly', null, null, null, 'meeting', 'supporters'],
      ['혁신 마일리지 우수자에 대한 보상 : 월별․연말 혁신MVP 선발,시상', 'monthly', null, null, null, 'mvp', null],
      ['지방이양 결정사무 일제 점검 실시 : ’07. 9월', 'months', null, 9, 9, 'none', null],
      ['동 행정 혁신평가 실시 : 9~11월', 'months', null, 9, 11, 'evaluation', 'dongs'],
      ['구 행정 혁신평가(보건소포함)실시 : 10월중', 'months', null, 10, 10, 'evaluation', 'departments'],
      ['지역정책연구 포럼 : 월 1회', 'monthly', null, null, null, 'forum_session', null],
      ['지방자치경영대상 : 7월~9월', 'months', null, 7, 9, 'none', null],
    ]);
    assert.equal((await json(`/plan-items?plan_id=${plan.id}&cadence=none`)).total, 39);
  });

  test('the 2007 schedule: done from the demo\'s records with links, the rest overdue or, with no kind of record, to check', async () => {
    const s = await json(`/plans/${plan.id}/schedule`);
    assert.deepEqual(s.counts, { done: 10, due: 0, overdue: 66, future: 0, unlinked: 11, total: 87 });
    // the supporters' four quarterly meetings of 2007 (the registries' demo)
    const supporters = itemOf(s, '운영방법 : 분기별 1회 정기회의 및 필요시 수시 임시회의');
    assert.deepEqual(cells(supporters).map((c) => [c[1], c[2]]), [['done', '2007-03-22'], ['done', '2007-06-21'], ['done', '2007-08-09'], ['done', '2007-12-20']]);
    assert.deepEqual(s.departments.map((d) => [d.name, d.items.length, d.unscheduled.length]), [['혁신기획단', 20, 39]]);
    const tft = itemOf(s, '혁신과제 실행팀(TFT) 회의 개최 : 월 1회');
    assert.deepEqual(cells(tft), [['1월', 'done', '2007-01-20'], ['2월', 'done', '2007-02-20'], ...months(3, 12, 'overdue')]);
    const wg = await items('/meetings?kind=wg&sort=held_on');
    assert.equal(tft.cells[0].href, `/meetings/${wg.find((m) => m.held_on === '2007-01-20').id}`);
    assert.equal(tft.cells[0].records, 2, 'both W/Gs met in January');
    const contest = itemOf(s, '우수혁신사례 경진대회 개최 : 연 2회');
    assert.deepEqual(cells(contest), [['상반기', 'done', '2007-06-27'], ['하반기', 'overdue', null]]);
    assert.equal(contest.cells[0].span, 6);
    const practice = (await items('/contests?kind=practice')).find((c) => c.year === 2007);
    assert.equal(contest.cells[0].href, `/contests/${practice.id}`);
    const forum = itemOf(s, '지역정책연구 포럼 : 월 1회');
    assert.deepEqual(cells(forum), [['1월', 'done', '2007-01-17'], ['2월', 'done', '2007-02-21'], ['3월', 'done', '2007-03-21'], ...months(4, 12, 'overdue')]);
    const seminar = itemOf(s, '주기적인 혁신주도그룹 세미나, 워크숍 개최 : 연 4회 이상');
    assert.deepEqual(seminar.cells.map((c) => [c.label, c.state, c.progress, c.span]), [['연 4회 이상', 'overdue', '0/4', 12]]);
    const dongs = itemOf(s, '동 행정 혁신평가 실시 : 9~11월');
    assert.deepEqual(dongs.cells.map((c) => [c.gap ? 'gap' : c.label, c.span]), [['gap', 8], ['9~11월', 3], ['gap', 1]]);
    // the page: the counts, a done cell's link, the states written out
    const html = await (await member.get(`/plans/${plan.id}/schedule`)).text();
    assert.match(html, /il-count-done">10</);
    assert.match(html, /il-count-overdue">66</);
    assert.match(html, /il-count-unlinked">11</);
    assert.match(html, /il-count-total">87</);
    assert.match(html, new RegExp(`il-plan-done"><span class="il-plan-when">1월</span> <strong class="il-plan-state">완료</strong> <a class="il-plan-on" href="/meetings/${wg.find((m) => m.held_on === '2007-01-20').id}"`));
    assert.equal((html.match(/il-plan-state">지연</g) || []).length, 66);
    assert.equal((html.match(/il-plan-state">확인 필요</g) || []).length, 11, 'an item no kind of record fulfils is checked by hand, never overdue');
    assert.match(html, /수시·연중 추진/);
  });

  test('the schedule\'s XLSX: one line an occurrence, one an unscheduled item', async () => {
    const x = await admin.get(`/plans/${plan.id}/schedule.xlsx`);
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-disposition'), /plan-schedule-2007\.xlsx/);
    const rows = readXlsx(Buffer.from(await x.arrayBuffer()));
    const wg = await items('/meetings?kind=wg&sort=held_on');
    assert.equal(rows.length, 1 + 87 + 39);
    assert.deepEqual(rows[0].slice(0, 9), ['총괄부서', '번호', '세부 추진계획', '추진 주기', '이행 기록', '시기', '기간 (부터)', '기간 (까지)', '상태']);
    assert.deepEqual(rows[1].slice(0, 12), ['혁신기획단', 'Ⅳ-1-2', '혁신과제 실행팀(TFT) 회의 개최 : 월 1회', '매월', '회의 (혁신과제) · W/G 회의', '1월', '2007-01-01', '2007-01-31', '완료', '2', '2007-01-20', wg.find((m) => m.held_on === '2007-01-20').title].map(String));
    assert.equal(rows.filter((r) => r[8] === '완료').length, 10);
    assert.equal(rows.filter((r) => r[8] === '지연').length, 66);
    assert.equal(rows.filter((r) => r[8] === '확인 필요').length, 11);
    assert.equal(rows.filter((r) => r[8] === '일정 없음').length, 39);
  });

  test('this year\'s plan: done, due, overdue and future from records dated around today', async () => {
    let r = await post('/plans', { year, title: `${year} 업무계획`, vision: '시험 비전' });
    assert.equal(r.status, 201);
    const p = (await r.json()).id;
    const add = async (body) => {
      const res = await post('/plan-items', { plan_id: p, ...body });
      assert.equal(res.status, 201, JSON.stringify(await res.clone().json()));
      return (await res.json()).id;
    };
    await add({ text: '정기회의 매월', cadence: 'monthly', source: 'meeting', source_kind: 'regular', department_id: office.id, position: 1 });
    await add({ text: '정기회의 연 2회 이상', cadence: 'at_least', times: 2, source: 'meeting', source_kind: 'regular', position: 2 });
    await add({ text: '감사 정기회의 분기별', cadence: 'quarterly', source: 'meeting', source_kind: 'regular', department_id: audit.id, position: 3 });
    await add({ text: '오늘까지', cadence: 'date', due_on: today, source: 'meeting', source_kind: 'regular', position: 4 });
    await add({ text: '수시 항목', cadence: 'none', source: 'none', position: 5 });
    const quarter = Math.ceil(month / 3);
    const sched = async () => json(`/plans/${p}/schedule`);
    let s = await sched();
    const monthly = () => cells(itemOf(s, '정기회의 매월'));
    assert.deepEqual(monthly(), [...months(1, month - 1, 'overdue'), [`${month}월`, 'due', null], ...months(month + 1, 12, 'future')]);
    assert.deepEqual(cells(itemOf(s, '오늘까지')), [[`${month}.${Number(today.slice(8))}까지`, 'due', null]]);
    const expectedCounts = (done) => {
      const c = { done: 0, due: 0, overdue: 0, future: 0, unlinked: 0 };
      // monthly: month-1 overdue, this month, 12-month future; at_least: 1; quarterly: q-1 overdue, this, 4-q future; date: 1
      c.overdue = (month - 1) + (quarter - 1);
      c.future = (12 - month) + (4 - quarter);
      c.due = 4;
      for (const k of done) { c.due--; c.done++; }
      return { ...c, total: 12 + 1 + 4 + 1 };
    };
    assert.deepEqual(s.counts, expectedCounts([]));
    assert.deepEqual(s.departments.map((d) => d.name), ['혁신기획단', '기관 전체', '감사담당관']);
    // a meeting of another department does not count for 혁신기획단's item
    r = await post('/meetings', { kind: 'regular', title: '감사 정기회의', held_on: today, department_id: audit.id });
    assert.equal(r.status, 201);
    const auditMeeting = (await r.json()).id;
    s = await sched();
    assert.equal(itemOf(s, '정기회의 매월').cells.find((c) => c.label === `${month}월`).state, 'due');
    assert.deepEqual(cells(itemOf(s, '감사 정기회의 분기별')).find((c) => c[0] === `${quarter}분기`), [`${quarter}분기`, 'done', today]);
    assert.equal(itemOf(s, '정기회의 연 2회 이상').cells[0].progress, '1/2');
    assert.equal(itemOf(s, '정기회의 연 2회 이상').cells[0].state, 'due');
    assert.equal(itemOf(s, '오늘까지').cells[0].state, 'done', 'a record of any department counts for an item of none');
    // one of a department within 혁신기획단's subtree does
    r = await post('/meetings', { kind: 'regular', title: '담당관 정기회의', held_on: today, department_id: dept.id });
    const officeMeeting = (await r.json()).id;
    s = await sched();
    const cell = itemOf(s, '정기회의 매월').cells.find((c) => c.label === `${month}월`);
    assert.deepEqual([cell.state, cell.href, cell.record], ['done', `/meetings/${officeMeeting}`, '담당관 정기회의']);
    assert.deepEqual(itemOf(s, '정기회의 연 2회 이상').cells.map((c) => [c.state, c.progress]), [['done', '2/2']]);
    assert.deepEqual(s.counts, expectedCounts(['monthly', 'at_least', 'quarterly', 'date']));
    // last year's record, or one of another kind, fulfils nothing
    await post('/meetings', { kind: 'workshop', title: '워크숍', held_on: `${year}-01-10`, department_id: office.id });
    await post('/meetings', { kind: 'regular', title: '작년 회의', held_on: `${year - 1}-12-31`, department_id: office.id });
    s = await sched();
    assert.equal(itemOf(s, '정기회의 매월').cells[0].state, month === 1 ? 'done' : 'overdue');
    // archived, it counts no more
    assert.equal((await api(`/meetings/${officeMeeting}`, { method: 'DELETE' })).status, 200);
    assert.equal((await api(`/meetings/${auditMeeting}`, { method: 'DELETE' })).status, 200);
    s = await sched();
    assert.deepEqual(s.counts, expectedCounts([]));
    assert.deepEqual(s.departments.find((d) => d.name === '기관 전체').unscheduled.map((i) => i.text), ['수시 항목']);
    // one department's items (its subtree's): the filter's options are the plan's departments
    assert.deepEqual(s.department_options.map((o) => [o.name, o.selected]), [['혁신기획단', false], ['감사담당관', false]]);
    s = await json(`/plans/${p}/schedule?department=${audit.id}`);
    assert.deepEqual(s.departments.map((d) => [d.name, d.items.map((i) => i.text)]), [['감사담당관', ['감사 정기회의 분기별']]]);
    assert.deepEqual(s.counts, { done: 0, due: 1, overdue: quarter - 1, future: 4 - quarter, unlinked: 0, total: 4 });
    assert.equal(s.department_name, '감사담당관');
    assert.deepEqual(s.department_options.map((o) => o.selected), [false, true]);
    s = await json(`/plans/${p}/schedule?department=${dept.id}`);
    assert.deepEqual(s.departments, [], '혁신기획담당관 is within 혁신기획단, not the other way');
    const html = await (await member.get(`/plans/${p}/schedule?department=${audit.id}`)).text();
    assert.match(html, new RegExp(`<option value="${audit.id}" selected>감사담당관</option>`));
    assert.match(html, new RegExp(`schedule.xlsx\\?department=${audit.id}"`));
    const x = readXlsx(Buffer.from(await (await member.get(`/plans/${p}/schedule.xlsx?department=${audit.id}`)).arrayBuffer()));
    assert.equal(x.length, 1 + 4);
    assert.equal((await api(`/plans/${p}/schedule?department=999999`)).status, 404);
    assert.equal((await api(`/plans/${p}/schedule?department=abc`)).status, 400);
  });

  test('the other kinds of record fulfil theirs: a publication of its kind, a course\'s session', async () => {
    const p = (await items('/plans')).find((x) => x.year === year).id;
    const add = async (body) => (await (await post('/plan-items', { plan_id: p, ...body })).json()).id;
    await add({ text: '포스터 발간 연 1회 이상', cadence: 'at_least', times: 1, source: 'publication', source_kind: 'poster', position: 10 });
    await add({ text: '이번 달 교육', cadence: 'months', month_from: month, source: 'course_session', position: 11 });
    const sched = async () => json(`/plans/${p}/schedule`);
    let s = await sched();
    assert.deepEqual(cells(itemOf(s, '포스터 발간 연 1회 이상')), [['연 1회 이상', 'due', null]]);
    assert.deepEqual(cells(itemOf(s, '이번 달 교육')), [[`${month}월`, 'due', null]]);
    let r = await post('/publications', { kind: 'leaflet', title: '리플릿', published_on: today, copies: 10, unit: 'sheet' });
    assert.equal(r.status, 201);
    assert.equal(itemOf(await sched(), '포스터 발간 연 1회 이상').cells[0].state, 'due', 'a leaflet is no poster');
    r = await post('/publications', { kind: 'poster', title: '올해 포스터', published_on: today, copies: 10, unit: 'copy' });
    const poster = (await r.json()).id;
    r = await post('/courses', { title: '이번 달 과정', kind: 'special', year });
    assert.equal(r.status, 201);
    const course = (await r.json()).id;
    r = await post('/course-sessions', { course_id: course, round: 1, starts_on: today, ends_on: today });
    assert.equal(r.status, 201, JSON.stringify(await r.clone().json()));
    const session = (await r.json()).id;
    s = await sched();
    const pc = itemOf(s, '포스터 발간 연 1회 이상').cells[0];
    assert.deepEqual([pc.state, pc.href, pc.progress], ['done', `/publications/${poster}`, undefined]);
    const cc = itemOf(s, '이번 달 교육').cells.find((c) => !c.gap);
    assert.deepEqual([cc.state, cc.href, cc.record], ['done', `/course-sessions/${session}`, '이번 달 과정']);
  });

  test('a period\'s bounds: its first and last days count, the next day is the next period\'s', async () => {
    const r = await post('/plans', { year: 2008, title: '2008 업무계획', vision: '경계' });
    const p = (await r.json()).id;
    const add = (text, body) => post('/plan-items', { plan_id: p, text, source: 'meeting', source_kind: 'strategy', ...body });
    await add('월별', { cadence: 'monthly' });
    await add('분기별', { cadence: 'quarterly' });
    await add('반기별', { cadence: 'half' });
    await add('연 3회 이상', { cadence: 'at_least', times: 3 });
    await add('3월 말까지', { cadence: 'date', due_on: '2008-03-31' });
    await add('3월 30일까지', { cadence: 'date', due_on: '2008-03-30' });
    await add('2~3월', { cadence: 'months', month_from: 2, month_to: 3 });
    for (const day of ['2008-02-29', '2008-03-31', '2008-04-01'])
      assert.equal((await post('/meetings', { kind: 'strategy', title: `전략회의 ${day}`, held_on: day, department_id: office.id })).status, 201);
    const s = await json(`/plans/${p}/schedule`);
    const states = (text) => itemOf(s, text).cells.filter((c) => !c.gap).map((c) => c.state);
    const o = 'overdue', d = 'done';
    assert.deepEqual(states('월별'), [o, d, d, d, o, o, o, o, o, o, o, o], '2.29 (a leap year), 3.31 and 4.1');
    assert.deepEqual(states('분기별'), [d, d, o, o], '3.31 is the first quarter\'s, 4.1 the second\'s');
    assert.deepEqual(itemOf(s, '분기별').cells.map((c) => [c.from, c.to, c.record_on]).slice(0, 2), [['2008-01-01', '2008-03-31', '2008-02-29'], ['2008-04-01', '2008-06-30', '2008-04-01']]);
    assert.deepEqual(states('반기별'), [d, o]);
    assert.deepEqual(itemOf(s, '연 3회 이상').cells.map((c) => [c.state, c.progress]), [[d, '3/3']]);
    assert.deepEqual(states('3월 말까지'), [d]);
    assert.deepEqual(itemOf(s, '3월 30일까지').cells.filter((c) => !c.gap).map((c) => [c.label, c.state, c.records, c.from, c.to]), [['3.30까지', d, 1, '2008-01-01', '2008-03-30']]);
    assert.deepEqual(itemOf(s, '2~3월').cells.map((c) => [c.gap ? 'gap' : c.label, c.span, c.records ?? null]), [['gap', 1, null], ['2~3월', 2, 2], ['gap', 9, null]]);
    assert.deepEqual(s.counts, { done: 10, due: 0, overdue: 12, future: 0, unlinked: 0, total: 22 });
  });

  test('next year\'s plan is all future', async () => {
    const r = await post('/plans', { year: year + 1, title: `${year + 1} 업무계획`, vision: '다음 해' });
    const p = (await r.json()).id;
    await post('/plan-items', { plan_id: p, text: '보고회', cadence: 'monthly', source: 'meeting', source_kind: 'monthly_report' });
    await post('/plan-items', { plan_id: p, text: '협의회', cadence: 'quarterly', source: 'meeting', source_kind: 'working_level' });
    const s = await json(`/plans/${p}/schedule`);
    assert.deepEqual(s.counts, { done: 0, due: 0, overdue: 0, future: 16, unlinked: 0, total: 16 });
    assert.deepEqual(cells(itemOf(s, '협의회')), ['1분기', '2분기', '3분기', '4분기'].map((q) => [q, 'future', null]));
  });

  test('bad input is refused with 422 and a Korean message, nothing written', async () => {
    const counts = async () => Promise.all(['/plans', '/plan-items', '/plan-goals', '/plan-sections'].map(async (x) => (await json(x)).total));
    const before = await counts();
    const sections = await items(`/plan-sections?plan_id=${plan.id}`);
    const other = (await items('/plans')).find((x) => x.year !== 2007);
    const cases = [
      [{ text: '횟수 없음', cadence: 'at_least', source: 'none' }, 'times', '연 N회 이상 주기에는 횟수를 적으십시오.'],
      [{ text: '월 없음', cadence: 'months', source: 'none' }, 'month_from', '특정 월 주기에는 시작 월을 적으십시오.'],
      [{ text: '거꾸로 된 월', cadence: 'months', month_from: 9, month_to: 7, source: 'none' }, 'month_to', '끝 월이 시작 월보다 앞섭니다.'],
      [{ text: '기한일 없음', cadence: 'date', source: 'none' }, 'due_on', '기한일 주기에는 기한일을 적으십시오.'],
      [{ text: '다른 해 기한', cadence: 'date', due_on: '2008-01-31', source: 'none' }, 'due_on', '기한일이 계획 연도 안에 있지 않습니다.'],
      [{ text: '없는 종류', cadence: 'monthly', source: 'meeting', source_kind: 'picnic' }, 'source_kind', '이행 기록의 종류가 그 기록에 없는 종류입니다.'],
      [{ text: '종류 없는 기록', cadence: 'monthly', source: 'forum_session', source_kind: 'lecture' }, 'source_kind', '이 이행 기록에는 종류를 고를 수 없습니다.'],
      [{ text: '없는 주기', cadence: 'weekly', source: 'none' }, 'cadence', null],
      [{ text: '월 13', cadence: 'months', month_from: 13, source: 'none' }, 'month_from', null],
    ];
    for (const [body, field, message] of cases) {
      const r = await post('/plan-items', { plan_id: plan.id, ...body });
      assert.equal(r.status, 422, body.text);
      const got = (await r.json()).error.fields[field];
      if (message) assert.equal(got, message, body.text); else assert.ok(got, body.text);
    }
    let r = await post('/plan-items', { plan_id: other.id, section_id: sections[0].id, text: '남의 단위사업', cadence: 'none', source: 'none' });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.section_id, '단위사업이 이 업무계획의 것이 아닙니다.');
    r = await post('/plans', { year: 2007, title: '두 번째 2007 계획', vision: '중복' });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.year, '이 연도의 업무계획이 이미 있습니다.');
    // an edit that leaves the cadence without what it needs
    const tft = (await items(`/plan-items?plan_id=${plan.id}&cadence=monthly`))[0];
    r = await patch(`/plan-items/${tft.id}`, { cadence: 'at_least' });
    assert.equal(r.status, 422);
    assert.equal((await json(`/plan-items/${tft.id}`)).cadence, 'monthly');
    // through the browser's form: the page again, status 422, the message on it
    r = await form(admin, '/plan-items', { plan_id: String(plan.id), text: '폼 입력', cadence: 'at_least', source: 'none' }, '/plan-items/new');
    assert.equal(r.status, 422);
    assert.match(await r.text(), /연 N회 이상 주기에는 횟수를 적으십시오\./);
    assert.deepEqual(await counts(), before, 'nothing written');
    assert.equal((await api('/plans/999999/schedule')).status, 404);
    assert.equal((await admin.get('/plans/999999/schedule.xlsx')).status, 404);
  });

  test('a member reads the plan and its schedule and may write none (403)', async () => {
    assert.equal((await member.get(`/plans/${plan.id}/schedule`)).status, 200);
    assert.equal((await member.get(`/plans/${plan.id}/schedule.xlsx`)).status, 200);
    for (const p of ['/plans', '/plan-goals', '/plan-sections', '/plan-items']) {
      assert.equal((await api(p, {}, memberToken)).status, 200, p);
      assert.equal((await member.get(p)).status, 200, p);
    }
    const before = await json(`/plans/${plan.id}`);
    let r = await post('/plan-items', { plan_id: plan.id, text: '직원의 항목', cadence: 'none', source: 'none' }, memberToken);
    assert.equal(r.status, 403);
    r = await patch(`/plans/${plan.id}`, { vision: '바뀐 비전' }, memberToken);
    assert.equal(r.status, 403);
    assert.equal((await member.get('/plan-items/new')).status, 403);
    assert.deepEqual(await json(`/plans/${plan.id}`), before);
  });
});
