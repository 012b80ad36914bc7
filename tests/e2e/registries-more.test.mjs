// registries-more.test.mjs: the registries of issue 17 points 6, 7, 8 and
// 13 on the demo organisation (seed Ⅳ-1-4, Ⅳ-1-5, Ⅳ-2-4, Ⅳ-2-8): the
// complaint-system improvements' status flow (발굴 → 검토 → 개선 완료 /
// 불채택, a second step 409) and quarterly evaluations (a bad quarter or
// score, a second evaluation of a quarter: 422, nothing written), the
// meetings of the two new kinds; the 15 supporters and a supporter's page
// listing their advice and what came of it; a benchmarking published as a
// knowledge item once (linked both ways, a second publish 409); the
// 벤치마킹 사례집's page and XLSX; the disclosures of 2006 and their
// printable page; the /registries home's new counts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, run, staff, start } from './harness.mjs';
import { readXlsx } from './xlsx.mjs';

describe(`registries (complaints, supporters, benchmarking, disclosures) on ${driver}`, () => {
  let srv, admin, member, token, memberToken, home, memberUid;
  const api = (path, init = {}, t = token) => fetch(srv.url + '/api/v1' + path, {
    ...init, headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json', ...(init.headers || {}) },
  });
  const post = (path, body, t) => api(path, { method: 'POST', body: JSON.stringify(body) }, t);
  const json = async (path, t) => (await api(path, {}, t)).json();
  const items = async (path) => (await json(`${path}${path.includes('?') ? '&' : '?'}per_page=100`)).items;
  const form = async (client, p, fields, from) => client.post(p, { _csrf: await client.csrf(from), ...fields });

  before(async () => {
    srv = await start(['--demo']);
    await addUser(srv.db, 'rm.admin', 'admin');
    memberUid = await addUser(srv.db, 'rm.member', 'member');
    admin = await staff(srv.url, 'rm.admin');
    member = await staff(srv.url, 'rm.member');
    token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'rm.admin'])).stdout.trim();
    memberToken = (await run(['token', 'create', '--db', srv.db.url, '--login', 'rm.member'])).stdout.trim();
    home = await json('/registries');
  });
  after(async () => { await srv.stop(); });

  test('the demo improvements with their quarterly scores and meetings of the council and the monitors', async () => {
    const rows = await items('/complaint-improvements?sort=found_on');
    assert.deepEqual(rows.map((r) => [r.source, r.status, r.beneficiaries]), [
      ['repeated', 'done', 12000], ['chronic', 'reviewing', 3500], ['internal', 'done', 45000], ['repeated', 'rejected', 800],
    ]);
    assert.equal(rows[3].reason, '현행 의견진술 절차로 처리 가능하여 불채택');
    const evals = await items(`/complaint-evaluations?improvement_id=${rows[0].id}&sort=quarter`);
    assert.deepEqual(evals.map((e) => [e.year, e.quarter, e.score]), [[2007, 1, 70], [2007, 2, 80], [2007, 3, 90]]);
    assert.equal((await json('/meetings?kind=complaint_council')).total, 2);
    assert.equal((await json('/meetings?kind=complaint_monitors')).total, 2);
    const html = await (await member.get(`/complaint-improvements/${rows[0].id}`)).text();
    assert.match(html, /il-eval-summary">3회 · 평균 80점</);
    assert.match(html, /2007년 3분기<\/a><\/td><td class="il-score">90점</);
    assert.match(html, /2007-02-15 민원제도개선 과제발굴 모니터단 1차 회의<\/a> <span class="il-muted">민원제도개선 과제발굴 모니터단</);
    assert.match(html, /2007-03-28 2007년 1분기 민원제도개선협의회<\/a> <span class="il-muted">민원제도개선협의회</);
    assert.deepEqual(home.complaints.by_status.map((s) => [s.status, s.n]), [['done', 2], ['rejected', 1], ['reviewing', 1]]);
  });

  test('the status flow: found → reviewing → done, or rejected with a reason; a second step is 409', async () => {
    let r = await post('/complaint-improvements', { title: '민원 접수 창구의 점심시간 공백', source: 'internal', found_on: '2007-05-01', beneficiaries: 2000, status: 'done' });
    assert.equal(r.status, 422, 'the status is not typed');
    r = await post('/complaint-improvements', { title: '민원 접수 창구의 점심시간 공백', source: 'internal', found_on: '2007-05-01', beneficiaries: 2000 });
    assert.equal(r.status, 201);
    const id = (await r.json()).id;
    assert.equal((await json(`/complaint-improvements/${id}`)).status, 'found');
    r = await post(`/complaint-improvements/${id}/complete`, { decided_on: '2007-06-01' });
    assert.equal(r.status, 409, 'not before review');
    assert.equal((await r.json()).error.detail, '검토 중인 과제만 개선 완료로 기록할 수 있습니다.');
    r = await post(`/complaint-improvements/${id}/review`, {});
    assert.equal(r.status, 200);
    assert.equal((await json(`/complaint-improvements/${id}`)).status, 'reviewing');
    r = await post(`/complaint-improvements/${id}/review`, {});
    assert.equal(r.status, 409);
    r = await post(`/complaint-improvements/${id}/complete`, { decided_on: '2007-06-01' });
    assert.equal(r.status, 200);
    const done = await json(`/complaint-improvements/${id}`);
    assert.deepEqual([done.status, done.decided_on], ['done', '2007-06-01']);
    r = await post(`/complaint-improvements/${id}/reject`, { reason: '이미 완료' });
    assert.equal(r.status, 409);
    assert.equal((await r.json()).error.detail, '이미 개선을 마쳤거나 불채택한 과제입니다.');
    // a rejection needs its reason
    const other = (await (await post('/complaint-improvements', { title: '경로당 민원의 반복 접수', source: 'repeated', found_on: '2007-05-02' })).json()).id;
    r = await post(`/complaint-improvements/${other}/reject`, {});
    assert.equal(r.status, 422);
    assert.equal((await json(`/complaint-improvements/${other}`)).status, 'found', 'nothing written');
    r = await post(`/complaint-improvements/${other}/reject`, { reason: '법령 개정 사항', decided_on: '2007-05-20' });
    assert.equal(r.status, 200);
    const gone = await json(`/complaint-improvements/${other}`);
    assert.deepEqual([gone.status, gone.reason, gone.decided_on], ['rejected', '법령 개정 사항', '2007-05-20']);
    // a member may not take a step
    r = await post(`/complaint-improvements/${id}/review`, {}, memberToken);
    assert.equal(r.status, 403);
  });

  test('a quarterly evaluation: a bad quarter or score and a second one of a quarter refused with 422, nothing written', async () => {
    const imp = (await items('/complaint-improvements?sort=found_on'))[1];
    const count = async () => (await json('/complaint-evaluations')).total;
    const n = await count();
    for (const [body, field] of [[{ quarter: 5, score: 80 }, 'quarter'], [{ quarter: 0, score: 80 }, 'quarter'], [{ quarter: 3, score: 101 }, 'score'], [{ quarter: 3, score: -1 }, 'score']]) {
      const r = await post('/complaint-evaluations', { improvement_id: imp.id, year: 2007, note: '시험', ...body });
      assert.equal(r.status, 422, JSON.stringify(body));
      assert.ok((await r.json()).error.fields[field], field);
    }
    let r = await post('/complaint-evaluations', { improvement_id: imp.id, year: 2007, quarter: 2, score: 90 });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.quarter, '이 과제의 2007년 2분기 평가가 이미 있습니다.');
    r = await form(admin, '/complaint-evaluations', { improvement_id: String(imp.id), year: '2007', quarter: '9', score: '50' }, '/complaint-evaluations/new');
    assert.equal(r.status, 422);
    assert.equal(await count(), n, 'nothing written');
    r = await post('/complaint-evaluations', { improvement_id: imp.id, year: 2007, quarter: 3, score: 88, note: '3분기 평가' });
    assert.equal(r.status, 201);
    const html = await (await member.get(`/complaint-improvements/${imp.id}`)).text();
    assert.match(html, /il-eval-summary">3회 · 평균 74.33점</, '(60 + 75 + 88) / 3, in hundredths as the scoring engine rounds');
  });

  test('the 15 supporters and a supporter\'s page listing their advice and what came of it', async () => {
    const all = await items('/supporters');
    assert.equal(all.length, 15);
    assert.equal(all.filter((s) => s.kind === 'expert').length, 9);
    assert.equal(all.filter((s) => s.kind === 'resident').length, 6);
    assert.ok(all.every((s) => s.term_from === '2007-01-01' && s.term_to === '2008-12-31'));
    assert.equal((await json('/meetings?kind=supporters')).total, 5, '4 quarterly, 1 ad hoc');
    assert.deepEqual(home.supporters.by_kind.map((k) => [k.kind, k.n]), [['expert', 9], ['resident', 6]]);
    const first = all.find((s) => s.name === '강민호');
    let html = await (await member.get(`/supporters/${first.id}`)).text();
    assert.match(html, /il-advice-count">1건</);
    assert.match(html, /추진 상황을 주민이 알 수 있도록 중간 점검 결과를 공개할 것을 권고함\.<\/td><td class="il-outcome">추진 · 진행률 \d+%</);
    assert.match(html, /il-meeting-count">5회</);
    // a supporter of their own: signs in, reads the roster, advises on a task
    const uid = await addUser(srv.db, 'rm.supporter', 'supporter', 'Hyeoksin#2026', '홍자문');
    const sup = await staff(srv.url, 'rm.supporter');
    const supToken = (await run(['token', 'create', '--db', srv.db.url, '--login', 'rm.supporter'])).stdout.trim();
    let r = await post('/supporters', { name: '홍자문', kind: 'expert', field: '조직문화', term_from: '2007-07-01', term_to: '2007-06-30', user_id: uid });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.term_to, '위촉 기간의 끝이 시작보다 앞섭니다.');
    r = await post('/supporters', { name: '홍자문', kind: 'expert', field: '조직문화', term_from: '2007-07-01', term_to: '2008-06-30', user_id: uid });
    assert.equal(r.status, 201);
    const mine = (await r.json()).id;
    assert.equal((await sup.get('/supporters')).status, 200, 'a supporter reads the roster');
    r = await post('/supporters', { name: '자기 추천', kind: 'resident', term_from: '2007-07-01', term_to: '2008-06-30' }, supToken);
    assert.equal(r.status, 403, 'and may not write it');
    const task = (await items('/tasks?year=2007&status=in_progress'))[0];
    r = await post('/task-advice', { task_id: task.id, content: '과제의 주민 만족도 조사를 분기마다 하십시오.' }, supToken);
    assert.equal(r.status, 201);
    html = await (await sup.get(`/supporters/${mine}`)).text();
    assert.match(html, /il-advice-count">1건</);
    assert.match(html, new RegExp(`<a href="/tasks/${task.id}">[^<]+</a></td><td class="il-memo">과제의 주민 만족도 조사를 분기마다 하십시오\\.</td><td class="il-outcome">추진 · 진행률 ${task.progress}%<`));
    assert.match(html, /il-meeting-count">3회</, 'the meetings of 2007-08-09, 09-20 and 12-20 in the term');
  });

  test('a benchmarking published as knowledge once, linked both ways', async () => {
    const visits = await items('/benchmarkings?sort=visited_on');
    assert.deepEqual(visits.map((v) => [v.region, v.sector, v.method, v.follow_up, v.status]), [
      ['domestic', 'public', 'visit', 'immediate', 'done'],
      ['domestic', 'private', 'visit', 'agenda', 'done'],
      ['overseas', 'public', 'site', 'agenda', 'done'],
      ['domestic', 'public', 'visit', 'reviewing', 'planned'],
    ]);
    const demoItem = await json(`/knowledge-items/${visits[0].knowledge_item_id}`);
    assert.equal(demoItem.kind, 'benchmarking');
    const v = visits[1];
    assert.equal(v.knowledge_item_id, null);
    const field = (await items('/knowledge-fields'))[0];
    let r = await post(`/benchmarkings/${v.id}/publish`, {});
    assert.equal(r.status, 422, 'the field is needed');
    r = await post(`/benchmarkings/${v.id}/publish`, { field_id: field.id });
    assert.equal(r.status, 200);
    const row = await json(`/benchmarkings/${v.id}`);
    assert.ok(row.knowledge_item_id);
    const item = await json(`/knowledge-items/${row.knowledge_item_id}`);
    assert.deepEqual([item.kind, item.status, item.field_id, item.title], ['benchmarking', 'registered', field.id, `[벤치마킹] ${v.institution}`]);
    assert.match(item.body, new RegExp(`출처: \\[벤치마킹 기록 ${v.id}\\]\\(/benchmarkings/${v.id}\\)`));
    assert.match(item.summary, /국내·민간, 2007-06-07/);
    r = await post(`/benchmarkings/${v.id}/publish`, { field_id: field.id });
    assert.equal(r.status, 409);
    assert.equal((await r.json()).error.detail, '이미 지식으로 게시한 벤치마킹입니다.');
    assert.equal((await json('/knowledge-items?kind=benchmarking')).total, 2, 'published once');
    // the knowledge search finds it; the pages link both ways
    const found = await (await member.get(`/knowledge-items/search?q=${encodeURIComponent('추적 관리')}`)).text();
    assert.match(found, new RegExp(`href="/knowledge-items/${item.id}"`), 'in the search index');
    const show = await (await member.get(`/benchmarkings/${v.id}`)).text();
    assert.match(show, new RegExp(`href="/knowledge-items/${item.id}"`));
    const kshow = await (await member.get(`/knowledge-items/${item.id}`)).text();
    assert.match(kshow, new RegExp(`href="/benchmarkings/${v.id}"`));
    r = await post(`/benchmarkings/${visits[2].id}/publish`, { field_id: field.id }, memberToken);
    assert.equal(r.status, 403);
  });

  test('the 벤치마킹 사례집: the year\'s finished visits, printable, and its XLSX', async () => {
    const book = await json('/registries/benchmarking-casebook?year=2007');
    assert.deepEqual([book.year, book.case_count, book.immediate, book.agenda, book.reviewing], [2007, 3, 1, 2, 0]);
    assert.deepEqual(book.cases.map((c) => [c.n, c.visited_on, c.participants]), [[1, '2007-04-12', 3], [2, '2007-06-07', 3], [3, '2007-08-20', 3]]);
    const html = await (await member.get('/registries/benchmarking-casebook?year=2007')).text();
    assert.match(html, /수록 사례 3건 · 즉시 시행 1건 · 정책회의 안건 2건 · 검토 중 0건/);
    assert.equal((html.match(/<article class="il-case"/g) || []).length, 3, 'one case a page');
    assert.match(html, /<dt>구분<\/dt><dd>국외 · 공공<\/dd>/);
    const x = await member.get('/registries/benchmarking-casebook.xlsx?year=2007');
    assert.equal(x.status, 200);
    const rows = readXlsx(Buffer.from(await x.arrayBuffer()));
    assert.deepEqual(rows[0], ['순번', '기관', '국내·외', '공공·민간', '방법', '방문일', '참가 인원', '활용 방안', '벤치마킹 결과']);
    assert.equal(rows.length, 4);
    assert.deepEqual(rows[3].slice(0, 8), ['3', '일본 ○○시 전자자치체 포털', '국외', '공공', '사이트 방문', '2007-08-20', '3', '정책회의 안건']);
    assert.equal((await member.get('/registries/benchmarking-casebook?year=abc')).status, 400);
  });

  test('the disclosures of 2006: the half\'s chosen records, printable, published once', async () => {
    const list = await items('/disclosures?sort=disclosed_on');
    assert.deepEqual(list.map((d) => [d.year, d.half, d.disclosed_on, d.published, d.published_on]), [
      [2006, 'h1', '2006-07-14', true, '2006-07-14'], [2006, 'h2', '2007-01-19', false, null],
    ]);
    const first = await json(`/registries/disclosure?id=${list[0].id}`);
    assert.equal(first.record_count, 4, 'the casebook of 5.25 and the recognitions of 2.1, 3.21, 4.7');
    assert.deepEqual(first.sections.map((s) => [s.field, s.count]), [['publications', 1], ['recognitions', 3]]);
    const second = await json(`/registries/disclosure?id=${list[1].id}`);
    assert.deepEqual(second.sections.map((s) => [s.field, s.items.map((i) => i.on)]), [
      ['publications', ['2006-07-21', '2006-09-21', '2006-09-29', '2006-10-31']],
      ['recognitions', ['2006-08-23']],
    ]);
    const html = await (await member.get(`/registries/disclosure?id=${list[1].id}`)).text();
    assert.match(html, /2006년 하반기 · 공시일 2007-01-19 · 수록 기록 5건 · 포털 미게시/);
    assert.match(html, /<a href="\/publications\/\d+">혁신책자<\/a> <span class="il-muted">2006-10-31<\/span>/);
    let r = await post(`/disclosures/${list[1].id}/publish`, { published_on: '2007-01-22' });
    assert.equal(r.status, 200);
    const now = await json(`/disclosures/${list[1].id}`);
    assert.deepEqual([now.published, now.published_on], [true, '2007-01-22']);
    r = await post(`/disclosures/${list[1].id}/publish`, {});
    assert.equal(r.status, 409);
    assert.equal((await r.json()).error.detail, '이미 게시한 공시입니다.');
    // a day before its half is refused, nothing written
    const n = (await json('/disclosures')).total;
    r = await post('/disclosures', { title: '2007년 상반기 공시', year: 2007, half: 'h2', disclosed_on: '2007-06-30' });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.disclosed_on, '공시일이 공시하는 반기보다 앞섭니다.');
    r = await post('/disclosures', { title: '2007년 상반기 공시', year: 2007, half: 'h3', disclosed_on: '2007-07-10' });
    assert.equal(r.status, 422);
    assert.equal((await json('/disclosures')).total, n);
    assert.equal((await member.get('/registries/disclosure?id=99999')).status, 404);
  });

  test('the /registries home counts the new registries as their lists do', async () => {
    const lists = { complaints: '/complaint-improvements', supporters: '/supporters', benchmarkings: '/benchmarkings', disclosures: '/disclosures' };
    const now = await json('/registries');
    for (const [part, path] of Object.entries(lists)) {
      assert.equal(now[part].count, (await json(path)).total, part);
      assert.equal(now.registries.find((r) => r.href === path).count, now[part].count, path);
    }
    assert.deepEqual([now.complaints.count, now.supporters.count, now.benchmarkings.count, now.disclosures.count], [6, 16, 4, 2], 'two improvements and a supporter added above');
    const html = await (await member.get('/registries')).text();
    assert.match(html, new RegExp(`il-supporter-count">${now.supporters.count}명<`));
    assert.match(html, /il-bench-count">4건</);
    assert.match(html, /<a href="\/registries\/disclosure\?id=\d+">2006년 하반기 혁신활동 추진성과 공시<\/a><\/td><td>2006년 하반기<\/td>/);
  });
});
