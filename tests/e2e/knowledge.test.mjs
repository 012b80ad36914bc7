// knowledge.test.mjs: knowledge management on the seed's demo organisation:
// the seed's figures, register → review → excellent with its domain event,
// a returned item revised and registered again, Korean search (a two-syllable
// word inside compounds, mixed Korean and English, filters), Markdown with
// raw HTML shown as text, recommendations, attachments and bad input.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, run, sql, staff, start } from './harness.mjs';

describe(`knowledge on ${driver}`, () => {
  let srv, admin, token, author, expert, other, field, expertId;
  const api = (path, init = {}) => fetch(srv.url + '/api/v1' + path, {
    ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers || {}) },
  });
  const post = (path, body) => api(path, { method: 'POST', body: JSON.stringify(body) });
  const json = async (path) => (await api(path)).json();
  const form = async (client, path, fields, from = '/knowledge') => client.post(path, { _csrf: await client.csrf(from), ...fields });
  const item = async (id) => json(`/knowledge-items/${id}`);
  const search = async (q, extra = '') => {
    const html = await (await author.get(`/knowledge-items/search?q=${encodeURIComponent(q)}${extra}`)).text();
    const count = (re) => Number(((html.match(re) || [])[1] || '').replace(/,/g, ''));
    return { html, total: count(/검색 결과 ([\d,]+)건/), apart: count(/부분 일치 ([\d,]+)건/) || 0 };
  };

  // as many as hold the words (two syllables in a row) in their title, tags or body, counted in the database
  const holding = async (...words) => Number((await sql(srv.db, `SELECT COUNT(*) FROM knowledge_items WHERE archived_at IS NULL AND ${
    words.map((w) => `LOWER(title || ' ' || COALESCE(tags, '') || ' ' || body) LIKE '%${w}%'`).join(' AND ')}`)).trim());

  before(async () => {
    srv = await start(['--demo']);
    await addUser(srv.db, 'k.admin', 'admin');
    admin = await staff(srv.url, 'k.admin');
    token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'k.admin'])).stdout.trim();
    await addUser(srv.db, 'k.author', 'member', 'Hyeoksin#2026', '김지식');
    author = await staff(srv.url, 'k.author');
    expertId = await addUser(srv.db, 'k.expert', 'expert', 'Hyeoksin#2026', '이전문');
    expert = await staff(srv.url, 'k.expert');
    await addUser(srv.db, 'k.other', 'member');
    other = await staff(srv.url, 'k.other');
    field = (await (await post('/knowledge-fields', { name: '시험 분야', sort_order: 99 })).json()).id;
    const appointed = await post('/knowledge-experts', { field_id: field, user_id: expertId, appointed_on: '2007-03-02' });
    assert.equal(appointed.status, 201, await appointed.clone().text());
  });
  after(async () => { await srv.stop(); });

  test('the seed\'s figures: 22 experts of 7.10, 8 excellent items, monitoring and events', async () => {
    const experts = await json('/knowledge-experts?per_page=100');
    assert.equal(experts.items.filter((e) => e.appointed_on === '2006-07-10').length, 22);
    assert.equal((await json('/knowledge-items?status=excellent')).total, 8);
    assert.equal((await json('/knowledge-items?per_page=1')).total, 321, 'the 320 items of 2006, and the benchmarking of 2007-04-12 the registries\' demo published');
    assert.deepEqual((await json('/knowledge-monitoring')).items.map((m) => m.held_on).sort(), ['2006-08-28', '2006-09-19']);
    assert.deepEqual((await json('/knowledge-events')).items.map((e) => e.starts_on).sort(), ['2006-04-04', '2006-07-26']);
    const home = await (await author.get('/knowledge')).text();
    assert.match(home, /우수지식[\s\S]*지식관리 활성화 이벤트/);
    const monitoring = await (await admin.get('/knowledge/monitoring?from=2006-01-01&to=2006-12-31')).text();
    assert.match(monitoring, /부서별[\s\S]*<td>\d+<\/td>/);
    assert.match(monitoring, /2006-08-28 지식활동 모니터링 \(1차\)/);
  });

  test('register, review, return with a reason, revise, review again, excellent', async () => {
    const created = await form(author, '/knowledge-items', {
      title: '지방세체납관리 업무 매뉴얼', field_id: String(field), kind: 'manual', tags: '체납, KMS',
      body: '# 체납 관리\n\n**분할납부** 안내 <script>alert(1)</script>\n\n[위험](javascript:alert(1))',
    });
    assert.equal(created.status, 303, await created.clone().text());
    const id = Number(created.headers.get('location').split('/').pop());
    let k = await item(id);
    assert.equal(k.status, 'registered');
    assert.equal(k.author_name, '김지식');
    const page = await (await other.get(`/knowledge-items/${id}`)).text();
    assert.match(page, /<h1>체납 관리<\/h1>[\s\S]*<strong>분할납부<\/strong>/);
    assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'typed HTML is text');
    assert.doesNotMatch(page, /href="javascript:/);

    const review = (client, fields) => form(client, `/knowledge-items/${id}/review`, fields, `/knowledge-items/${id}`);
    const scores = { score_0: '25', score_1: '28', score_2: '15', score_3: '18' };
    assert.equal((await review(other, { ...scores, proposed: 'adopt' })).status, 403, 'not an expert of the field');
    assert.equal((await review(expert, { ...scores, score_0: '31', proposed: 'adopt' })).status, 422, 'over the criterion\'s points');
    assert.equal((await review(expert, { ...scores, proposed: 'return', comment: '사례를 보태 주세요' })).status, 303);
    assert.equal((await item(id)).status, 'under_review');
    assert.equal((await review(expert, { ...scores, proposed: 'adopt' })).status, 403, 'one review per round');

    const decide = (fields) => form(admin, `/knowledge-items/${id}/decide`, fields, `/knowledge-items/${id}`);
    assert.equal((await decide({ decision: 'return' })).status, 422, 'a return needs its reason');
    assert.equal((await decide({ decision: 'return', reason: '처리 사례를 보태 주세요.' })).status, 303);
    k = await item(id);
    assert.equal(k.status, 'returned');
    assert.match(await (await author.get('/knowledge')).text(), /지방세체납관리 업무 매뉴얼.{0,20}반려되었습니다/s, 'the author is told');

    const _csrf = await author.csrf(`/knowledge-items/${id}/edit`);
    const revised = await author.post(`/knowledge-items/${id}`, { _csrf, title: '지방세체납관리 업무 매뉴얼', field_id: String(field), kind: 'manual', tags: '체납, KMS', body: '# 체납 관리\n\n처리 사례: 분할납부로 3개월 만에 정리' });
    assert.equal(revised.status, 303);
    assert.equal((await item(id)).status, 'registered', 'a revised item is registered again');
    assert.equal((await review(expert, { ...scores, proposed: 'excellent' })).status, 303, 'reviewed again after the revision');
    assert.equal((await decide({ decision: 'excellent' })).status, 422, 'an excellent item needs its grade');
    assert.equal((await decide({ decision: 'excellent', grade: 'A', reward: '시상금 10만원' })).status, 303);
    k = await item(id);
    assert.equal(k.status, 'excellent');
    assert.equal(k.grade, 'A');
    assert.equal((await sql(srv.db, `SELECT COUNT(*) FROM domain_events WHERE kind = 'knowledge.excellent' AND record_id = ${id}`)).trim(), '1', 'the mileage engine\'s event, written with the decision');
    assert.equal((await decide({ decision: 'adopt' })).status, 409, 'decided already');
    assert.equal((await admin.get('/knowledge-reviews/new')).status, 404, 'reviews are written on the item\'s page only: no empty form');
    assert.equal((await sql(srv.db, `SELECT COUNT(*) FROM audit_log WHERE entity = 'knowledge-items' AND record_id = '${id}'`)).trim(), '6', 'created, reviewed, returned, revised, reviewed, rated: each audited');
  });

  test('search finds a two-syllable word inside compounds, mixes Korean and English, filters', async () => {
    await form(author, '/knowledge-items', { title: '행정혁신 KMS 도입 사례', field_id: String(field), kind: 'case', body: '지식관리시스템(KMS)으로 업무처리기간단축' });
    await form(author, '/knowledge-items', { title: '세외수입체납액 정리 방안', field_id: String(field), kind: 'idea', body: '분할 납부' });
    let r = await search('체납');
    assert.equal(r.apart, 1, 'only inside 세외수입체납액: set apart, as 체납 is a whole word elsewhere');
    assert.equal(r.total + r.apart, await holding('체납'), 'both counted');
    assert.match(r.html, /지방세<mark>체납<\/mark>관리/, 'its tag 체납 is a whole word');
    assert.doesNotMatch(r.html, /세외수입<mark>체납<\/mark>액/);
    assert.match(r.html, /href="\/knowledge-items\/search\?q=%EC%B2%B4%EB%82%A9&amp;part=1">부분 일치도 보기/);
    assert.match(r.html, /<span class="il-match">낱말 일치<\/span>/);
    r = await search('체납', '&part=1');
    assert.equal(r.total, await holding('체납'));
    assert.equal(r.apart, 0);
    assert.match(r.html, /세외수입<mark>체납<\/mark>액[\s\S]*?<span class="il-match il-match-part">부분 일치<\/span>/, 'found inside 세외수입체납액 on asking, marked and labelled');
    r = await search('kms 관리');
    assert.equal(r.total, await holding('kms', '관리'));
    assert.match(r.html, /행정혁신 <mark>KMS<\/mark> 도입 사례/);
    r = await search('기간단축');
    assert.equal(r.total, await holding('기간단축'), 'inside 업무처리기간단축');
    r = await search('행정혁신', `&field=${field}`);
    assert.equal(r.total, 1, 'only the one in this field');
    const depts = (await json('/departments?per_page=100&kind=team')).items;
    const team = depts.find((d) => d.name === '혁신기획팀');
    await form(author, '/knowledge-items', { title: '부서필터시험 지식', field_id: String(field), kind: 'idea', department_id: String(team.id), body: '부서필터' });
    assert.equal((await search('부서필터시험', `&department=${team.parent_id}`)).total, 1, 'a division finds its teams\' items');
    assert.equal((await search('부서필터시험', `&department=${(await json('/departments?q=' + encodeURIComponent('환경관리국'))).items[0].id}`)).total, 0);
    r = await search('혁신행정');
    assert.equal(r.total, 0, 'the syllables in another order are another word');
    r = await search('"); DROP TABLE knowledge_items; --  NEAR( * ');
    assert.match(r.html, /검색 결과 \d+건/, 'operators and quotes are only text');
    assert.equal((await author.get('/knowledge-items/search?q=' + '가'.repeat(500))).status, 200);
    const bad = await author.get('/knowledge-items/search?q=%EC%B2%B4&from=not-a-date&page=2');
    assert.equal(bad.status, 400, 'a declared parameter that is malformed is refused');
    assert.match(await bad.text(), /시작일\(from\)의 값이 올바르지 않습니다\. 가능한 값: 2006-07-10 꼴의 날짜\./);
    const page = await author.get('/knowledge-items/search?q=%EC%B2%B4&page=-3', { accept: 'application/json' });
    assert.equal(page.status, 400);
    assert.deepEqual((await page.json()).error.code, 'bad_parameter');
    const extra = await author.get('/knowledge-items/search?q=' + encodeURIComponent('혁신') + '&utm_source=mail&sort=x');
    assert.equal(extra.status, 200, 'undeclared parameters are dropped, not refused');
    const html = await extra.text();
    assert.match(html, /href="\/knowledge-items\/search\?q=%ED%98%81%EC%8B%A0&amp;page=2"/, 'the next page\'s link is made from the declared parameters alone');
  });

  test('search ranks whole words in titles first; every match counted and ranked, in pages', async () => {
    const made = async (title, body) => {
      const r = await form(author, '/knowledge-items', { title, field_id: String(field), kind: 'idea', body });
      return Number(r.headers.get('location').split('/').pop());
    };
    const inTitle = await made('순위시험 제목에 있는 지식', '본문');
    const inBody = await made('나중에 등록한 지식', '본문에만 순위시험 낱말');
    const r = await search('순위시험');
    assert.equal(r.total, 2);
    const at = (id) => r.html.indexOf(`href="/knowledge-items/${id}"`);
    assert.ok(at(inTitle) > 0 && at(inBody) > at(inTitle), 'the older item with the word in its title comes first');
    const ids = (html) => [...html.matchAll(/<h2><a href="\/knowledge-items\/(\d+)"/g)].map((m) => Number(m[1]));
    const levels = (html) => [...html.matchAll(/<span class="il-match[^"]*">([^<]+)<\/span>/g)].map((m) => ['낱말 일치', '앞부분 일치', '부분 일치'].indexOf(m[1]));
    const first = await search('혁신');
    assert.equal(first.total + first.apart, await holding('혁신'), 'every match counted, not "100건 이상"');
    assert.ok(first.total > 120, 'more than six pages');
    const pages = [first.html, ...await Promise.all([2, 6].map(async (p) => (await search('혁신', `&page=${p}`)).html))];
    const one = ids(pages[0]), two = ids(pages[1]);
    assert.equal(one.length, 20);
    assert.equal(two.length, 20);
    assert.equal(new Set([...one, ...two]).size, 40);
    assert.equal(ids(pages[2]).length, 20, 'the sixth page too: every match is ranked');
    const ranked = pages.flatMap(levels);
    assert.equal(ranked.length, 60);
    assert.deepEqual(ranked, [...ranked].sort((a, b) => a - b), 'whole words, then starts, then inside words');
    assert.equal(first.apart, 0, 'no whole word 혁신 in the demo: the matches inside words are the results');
  });

  test('one recommendation per person, views count, files attach and download', async () => {
    const mine = (await json('/knowledge-items?q=' + encodeURIComponent('행정혁신 KMS'))).items[0];
    const rec = () => form(other, `/knowledge-items/${mine.id}/recommend`, {}, `/knowledge-items/${mine.id}`);
    assert.equal((await rec()).status, 303);
    assert.equal((await rec()).status, 303);
    assert.equal((await item(mine.id)).recommendations, 1);
    assert.equal((await form(author, `/knowledge-items/${mine.id}/recommend`, {}, `/knowledge-items/${mine.id}`)).status, 403, 'not one\'s own');
    const views = (await item(mine.id)).views;
    await other.get(`/knowledge-items/${mine.id}`);
    assert.equal((await item(mine.id)).views, views + 1);
    const body = new FormData();
    body.set('_csrf', await author.csrf(`/knowledge-items/${mine.id}`));
    body.set('file', new Blob([Buffer.from('%PDF-1.4 사례집')]), '행정혁신 사례집.pdf');
    const up = await fetch(srv.url + `/knowledge-items/${mine.id}/attachments`, { method: 'POST', body, redirect: 'manual', headers: { cookie: author.header() } });
    assert.equal(up.status, 303);
    const html = await (await other.get(`/knowledge-items/${mine.id}`)).text();
    const href = html.match(/href="([^"]+\/attachments\/\d+)">행정혁신 사례집\.pdf/)[1];
    const file = await other.get(href);
    assert.match(file.headers.get('content-disposition'), /filename\*=UTF-8''%ED%96%89%EC%A0%95/);
    const attach = async (name, bytes) => {
      const f = new FormData();
      f.set('_csrf', await author.csrf(`/knowledge-items/${mine.id}`));
      f.set('file', new Blob([bytes]), name);
      return fetch(srv.url + `/knowledge-items/${mine.id}/attachments`, { method: 'POST', body: f, redirect: 'manual', headers: { cookie: author.header() } });
    };
    const refused = await attach('보고서.pdf', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0xff, 0xfe]));
    assert.equal(refused.status, 422, 'a program renamed .pdf is refused by its content');
    assert.match(await refused.text(), /받지 않는 파일 형식/);
    assert.equal((await attach('다시.pdf', Buffer.from('%PDF-1.4 사례집'))).status, 303);
    assert.equal((await sql(srv.db, "SELECT COUNT(*) FROM attachment_blobs WHERE size = 18")).trim(), '1', 'the same content is stored once');
    const byName = await search('사례집');
    assert.match(byName.html, new RegExp(`href="/knowledge-items/${mine.id}"`), 'found by the name of its file');
  });
});
