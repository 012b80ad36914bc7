// registries.test.mjs: the registries on the seed's demo organisation (Ⅱ,
// Ⅱ-8, Ⅱ-10, Ⅱ-11, Ⅱ-12): the publications of 2006 with their copies and
// days (250 / 400 / 4,500매 / 100 / 150, and 혁신사랑 with neither), the five
// recognitions with their days, terms and incentives (3억원, 10억원), the
// forum 제3기 지역정책연구포럼 with its 10 members of grade 6 and above and
// its 12 monthly sessions; the /registries home's counts equal to the
// lists' totals; dates out of order, copies 0 and a session outside its
// forum's period refused with 422 and nothing written; a member reads and
// may not write.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, run, staff, start } from './harness.mjs';

describe(`registries on ${driver}`, () => {
  let srv, admin, member, token, memberToken, home, forum;
  const api = (path, init = {}, t = token) => fetch(srv.url + '/api/v1' + path, {
    ...init, headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json', ...(init.headers || {}) },
  });
  const post = (path, body, t) => api(path, { method: 'POST', body: JSON.stringify(body) }, t);
  const patch = (path, body, t) => api(path, { method: 'PATCH', body: JSON.stringify(body) }, t);
  const json = async (path, t) => (await api(path, {}, t)).json();
  const items = async (path) => (await json(`${path}${path.includes('?') ? '&' : '?'}per_page=100`)).items;
  const form = async (client, p, fields, from) => client.post(p, { _csrf: await client.csrf(from), ...fields });

  before(async () => {
    srv = await start(['--demo']);
    await addUser(srv.db, 'reg.admin', 'admin');
    await addUser(srv.db, 'reg.member', 'member');
    admin = await staff(srv.url, 'reg.admin');
    member = await staff(srv.url, 'reg.member');
    token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'reg.admin'])).stdout.trim();
    memberToken = (await run(['token', 'create', '--db', srv.db.url, '--login', 'reg.member'])).stdout.trim();
    home = await json('/registries');
    forum = (await items('/forums'))[0];
  });
  after(async () => { await srv.stop(); });

  test('the publications of 2006 with their copies and days', async () => {
    const rows = (await items('/publications?sort=published_on')).map((p) => [p.kind, p.title, p.published_on, p.copies, p.unit]);
    const dated = rows.filter((r) => r[2] !== null);
    assert.deepEqual(dated, [
      ['casebook', '학습동아리 활동 사례집', '2006-05-25', 100, 'copy'],
      ['vision', '영등포의 미래성장비전계획', '2006-07-21', 150, 'copy'],
      ['leaflet', '혁신홍보 리플릿', '2006-09-21', 4500, 'sheet'],
      ['poster', '혁신포스터', '2006-09-29', 400, 'copy'],
      ['booklet', '혁신책자', '2006-10-31', 250, 'copy'],
    ]);
    // 혁신사랑: the seed says it was published, not when or how many
    assert.deepEqual(rows.filter((r) => r[2] === null), [['newsletter', '혁신사랑 (혁신소식지)', null, null, 'copy']]);
    assert.equal(home.publications.count, 6);
    assert.deepEqual(home.publications.units.map((u) => [u.unit, u.copies, u.n]), [['copy', 900, 4], ['sheet', 4500, 1]]);
    const html = await (await member.get('/registries')).text();
    assert.match(html, /il-stat-num">4,500매</);
    assert.match(html, /il-stat-num">900부</);
    assert.match(html, /혁신책자<\/a><\/td><td>250부</);
  });

  test('the five recognitions with their days, terms, organisers and incentives', async () => {
    const rows = await items('/recognitions?sort=received_on');
    assert.deepEqual(rows.map((r) => [r.kind, r.received_on, r.incentive]), [
      ['selection', '2005-09-21', 300000000],
      ['selection', '2006-02-01', 0],
      ['award', '2006-03-21', 0],
      ['award', '2006-04-07', 1000000000],
      ['diagnosis', '2006-08-23', 0],
    ]);
    const lead = rows[0];
    assert.equal(lead.name, '지방행정혁신 선도자치단체 선정');
    assert.deepEqual([lead.period_from, lead.period_to], ['2005-09-21', '2006-09-20']);
    assert.match(lead.note, /MOU\) 체결: 2005-09-21/);
    assert.equal(rows[1].project, '관급공사품질관리 OK');
    assert.equal(rows[2].name, '한국지방자치경영대상 종합대상');
    assert.equal(rows[2].organiser, '동아일보사, (사)한국공공자치연구원');
    assert.equal(rows[3].name, '지방행정혁신우수상');
    assert.equal(rows[4].name, '정부 혁신수준 진단결과 혁신 5단계 진입');
    assert.equal((await json('/recognitions?kind=award')).total, 2);
    assert.equal(home.recognitions.incentive_total, 1300000000);
    assert.equal(home.recognitions.incentive_count, 2);
    const html = await (await member.get('/registries')).text();
    assert.match(html, /il-incentive-total">1,300,000,000원</);
    assert.match(html, /지방행정혁신우수상<\/a><\/td><td>행정자치부<\/td><td class="il-incentive">1,000,000,000원</);
    assert.match(html, /한국지방자치경영대상 종합대상<\/a><\/td><td>동아일보사, \(사\)한국공공자치연구원<\/td><td class="il-incentive">-</);
  });

  test('제3기 지역정책연구포럼: 10 members of grade 6 and above, 12 monthly sessions, 2006-04 ~ 2007-03', async () => {
    assert.equal(forum.name, '제3기 지역정책연구포럼');
    assert.equal(forum.organiser, '(사)한국공공자치연구원');
    assert.deepEqual([forum.starts_on, forum.ends_on, forum.cadence], ['2006-04-01', '2007-03-31', '월 1회']);
    const full = await json(`/forums/${forum.id}`);
    assert.equal(full.members.length, 10);
    assert.equal(new Set(full.members).size, 10);
    for (const id of full.members) assert.match((await json(`/staff/${id}`)).grade, /^g[456]$/);
    const sessions = await items(`/forum-sessions?forum_id=${forum.id}&sort=held_on`);
    assert.equal(sessions.length, 12);
    assert.deepEqual(sessions.map((s) => s.held_on.slice(0, 7)), ['2006-04', '2006-05', '2006-06', '2006-07', '2006-08', '2006-09', '2006-10', '2006-11', '2006-12', '2007-01', '2007-02', '2007-03']);
    assert.deepEqual([...new Set(sessions.map((s) => s.kind))].sort(), ['case', 'debate', 'lecture']);
    const members = new Set(full.members);
    for (const s of sessions) {
      const one = await json(`/forum-sessions/${s.id}`);
      assert.equal(one.attendees.length, 9, `${s.held_on}: the members but one`);
      assert.ok(one.attendees.every((a) => members.has(a)), 'attendees are members');
    }
    assert.equal(home.forums.latest[0].members, 10);
    assert.equal(home.forums.latest[0].sessions, 12);
    const html = await (await member.get('/registries')).text();
    assert.match(html, /il-members">10명<\/td><td class="il-sessions"><a href="\/forum-sessions\?forum_id=\d+">12회</);
  });

  test('the home\'s counts are the lists\' totals', async () => {
    const lists = { publications: '/publications', recognitions: '/recognitions', forums: '/forums', sessions: '/forum-sessions' };
    assert.deepEqual(home.registries.map((r) => r.href).slice(0, 4), Object.values(lists));
    for (const [part, path] of Object.entries(lists)) {
      const total = (await json(path)).total;
      assert.equal(home[part].count, total, part);
      assert.equal(home.registries.find((r) => r.href === path).count, total, path);
    }
    assert.deepEqual(home.registries.map((r) => r.count).slice(0, 4), [6, 5, 1, 12]);
    // the areas that are parts of 기록·대장, linked from its page (and not in the main menu)
    assert.deepEqual(home.parts.map((p) => [p.href, p.label]), [['/devolved', '지방이양사무'], ['/manuals/campaign', '팀 업무혁신'], ['/plans', '비전·업무계획']]);
    const page = await (await member.get('/registries')).text();
    for (const href of ['/devolved', '/manuals/campaign', '/plans']) assert.match(page, new RegExp(`<a href="${href}"><span class="il-area-title">`));
    // a record added is counted, one archived is not
    const r = await post('/publications', { kind: 'poster', title: '2007 혁신포스터', published_on: '2007-03-02', copies: 300, unit: 'copy' });
    assert.equal(r.status, 201);
    const id = (await r.json()).id;
    assert.equal((await json('/registries')).publications.count, 7);
    assert.equal((await json('/registries')).publications.latest[0].id, id);
    assert.equal((await api(`/publications/${id}`, { method: 'DELETE' })).status, 200);
    assert.equal((await json('/registries')).publications.count, 6);
    assert.equal((await json('/publications')).total, 6);
  });

  test('bad input is refused with 422 and a Korean message, nothing written', async () => {
    const counts = async () => Promise.all(['/publications', '/recognitions', '/forums', '/forum-sessions'].map(async (p) => (await json(p)).total));
    const before = await counts();
    let r = await post('/publications', { kind: 'booklet', title: '부수 없음', published_on: '2007-01-10', copies: 0, unit: 'copy' });
    assert.equal(r.status, 422);
    assert.ok((await r.json()).error.fields.copies);
    r = await post('/recognitions', { name: '거꾸로 된 기간', kind: 'selection', received_on: '2007-01-10', period_from: '2007-02-01', period_to: '2007-01-31' });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.period_to, '기간의 끝이 시작보다 앞섭니다.');
    r = await post('/forums', { name: '거꾸로 된 포럼', starts_on: '2007-04-01', ends_on: '2007-03-31' });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.fields.ends_on, '포럼 기간의 끝이 시작보다 앞섭니다.');
    for (const day of ['2006-03-31', '2007-04-01']) {
      r = await post('/forum-sessions', { forum_id: forum.id, held_on: day, topic: '기간 밖 회차', kind: 'lecture' });
      assert.equal(r.status, 422, day);
      assert.equal((await r.json()).error.fields.held_on, '회차 일자가 포럼 기간(2006-04-01 ~ 2007-03-31) 밖입니다.');
    }
    // the period's ends are inside it
    const sessions = await json(`/forum-sessions?forum_id=${forum.id}&sort=held_on`);
    r = await patch(`/forum-sessions/${sessions.items[0].id}`, { held_on: '2006-04-01' });
    assert.equal(r.status, 200);
    r = await patch(`/forum-sessions/${sessions.items[0].id}`, { held_on: '2006-03-01' });
    assert.equal(r.status, 422);
    r = await patch(`/forum-sessions/${sessions.items[0].id}`, { held_on: '2006-04-19' });
    assert.equal(r.status, 200);
    // a forum's period may not leave its sessions outside
    r = await patch(`/forums/${forum.id}`, { ends_on: '2007-02-28' });
    assert.equal(r.status, 422);
    assert.match((await r.json()).error.fields.starts_on, /이 기간 밖에 열린 회차가 있습니다/);
    assert.equal((await json(`/forums/${forum.id}`)).ends_on, '2007-03-31');
    // through the browser's form: the page again, status 422, the message on it
    r = await form(admin, '/forum-sessions', { forum_id: String(forum.id), held_on: '2007-05-02', topic: '기간 밖 회차', kind: 'debate' }, '/forum-sessions/new');
    assert.equal(r.status, 422);
    assert.match(await r.text(), /회차 일자가 포럼 기간\(2006-04-01 ~ 2007-03-31\) 밖입니다\./);
    assert.deepEqual(await counts(), before, 'nothing written');
    assert.equal((await json(`/forum-sessions/${sessions.items[0].id}`)).held_on, '2006-04-19');
  });

  test('a member reads every registry and may write none (403)', async () => {
    assert.equal((await member.get('/registries')).status, 200);
    for (const p of ['/publications', '/recognitions', '/forums', '/forum-sessions']) {
      assert.equal((await api(p, {}, memberToken)).status, 200, p);
      assert.equal((await member.get(p)).status, 200, p);
    }
    const before = await json(`/forums/${forum.id}`);
    let r = await post('/publications', { kind: 'poster', title: '직원의 포스터', published_on: '2007-03-02', copies: 10, unit: 'copy' }, memberToken);
    assert.equal(r.status, 403);
    r = await patch(`/forums/${forum.id}`, { name: '바뀐 포럼' }, memberToken);
    assert.equal(r.status, 403);
    r = await post('/forum-sessions', { forum_id: forum.id, held_on: '2006-06-01', topic: '직원의 회차', kind: 'lecture' }, memberToken);
    assert.equal(r.status, 403);
    assert.equal((await member.get('/publications/new')).status, 403);
    assert.deepEqual(await json(`/forums/${forum.id}`), before);
    assert.equal((await json('/publications')).total, 6);
    assert.equal((await json('/forum-sessions')).total, 12);
  });
});
