// security.test.mjs: issue 13 §4 seen from outside: the security headers on
// every answer and templates without inline code, sessions that end with
// their account's credentials, sign-in throttling by client address, the
// personal-data access log (개인정보 접속기록) and its page, /healthz when
// the database is gone, text that spoofs what people read, list links that
// carry their parameters encoded, and a bad sort answered with a 400.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client, addUser, driver, root, run, sql, staff, start, tempDb } from './harness.mjs';

const RLO_ZWSP_KIM = '\u202E\u200B김';

describe(`security on ${driver}`, () => {
  let srv, admin, token;
  const api = (p, init = {}) => fetch(srv.url + '/api/v1' + p, {
    ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers || {}) },
  });
  const post = (p, body) => api(p, { method: 'POST', body: JSON.stringify(body) });
  const privacy = async (where) => (await sql(srv.db,
    `SELECT action || '|' || entity || '|' || COALESCE(record_id, '') || '|' || actor || '|' || ip || '|' || diff ` +
    `FROM audit_log WHERE action LIKE 'privacy.%' ${where || ''} ORDER BY id`)).trim().split('\n').filter(Boolean);

  before(async () => {
    srv = await start();
    await addUser(srv.db, 'sec.admin', 'admin');
    admin = await staff(srv.url, 'sec.admin');
    token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'sec.admin'])).stdout.trim();
  });
  after(async () => { await srv.stop(); });

  test('every kind of answer carries the security headers', async () => {
    const answers = [
      await fetch(srv.url + '/'),
      await fetch(srv.url + '/me', { redirect: 'manual' }), // 303 to sign-in
      await fetch(srv.url + '/api/v1/me'), // 401 JSON
      await fetch(srv.url + '/healthz'),
      await admin.get('/staff?sort=nope'), // 400
      await admin.get('/staff.csv'),
    ];
    assert.deepEqual(answers.map((r) => r.status), [200, 303, 401, 200, 400, 200]);
    for (const r of answers) {
      const csp = r.headers.get('content-security-policy');
      assert.match(csp, /script-src 'self'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(r.headers.get('referrer-policy'), 'same-origin');
    }
  });

  test('no template has inline scripts, event handlers or style attributes (the CSP would block them)', () => {
    const dir = path.join(root, 'templates');
    const files = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.mustache'));
    assert.ok(files.length > 20, `${files.length} templates`);
    for (const f of files) {
      const t = readFileSync(path.join(dir, f), 'utf8');
      assert.doesNotMatch(t, /<script(?![^>]*\ssrc=)[^>]*>/i, `${f}: inline <script>`);
      assert.doesNotMatch(t, /\son[a-z]+\s*=/i, `${f}: inline event handler`);
      assert.doesNotMatch(t, /\sstyle\s*=|<style/i, `${f}: inline style`);
      assert.doesNotMatch(t, /javascript:/i, `${f}: javascript: link`);
    }
  });

  test('a password change issues a new session and ends every other; lock and archive end them too', async () => {
    await addUser(srv.db, 'kang.session', 'member');
    const a = await staff(srv.url, 'kang.session'); // signed in, first password changed
    const b = new Client(srv.url);
    assert.equal((await b.signIn('kang.session', 'Hyeoksin#2027')).status, 303);
    const oldA = a.cookies.get('il_session'), oldB = b.cookies.get('il_session');
    assert.notEqual(oldA, oldB);
    const _csrf = await a.csrf('/password');
    const changed = await a.post('/password', { _csrf, current: 'Hyeoksin#2027', password: 'Gangnam#2028', confirm: 'Gangnam#2028' });
    assert.equal(changed.status, 303);
    assert.equal(changed.headers.get('location'), '/me?password=changed');
    const newA = a.cookies.get('il_session');
    assert.ok(newA && newA !== oldA, 'a new session id for the browser that changed it');
    assert.equal((await a.get('/me')).status, 200);
    for (const stale of [oldA, oldB]) {
      const c = new Client(srv.url);
      c.cookies.set('il_session', stale);
      const page = await c.get('/me');
      assert.equal(page.status, 303);
      assert.match(page.headers.get('location'), /^\/login/);
      assert.equal((await c.get('/api/v1/me')).status, 401);
    }
    assert.equal((await b.get('/me')).status, 303, 'the other browser is signed out');

    // locked, then unlocked by an administrator: the old session stays ended
    const id = (await sql(srv.db, "SELECT id FROM users WHERE login = 'kang.session'")).trim();
    await sql(srv.db, `UPDATE users SET locked_at = '2026-01-01T00:00:00Z' WHERE id = ${id}`);
    await sql(srv.db, `UPDATE users SET locked_at = NULL WHERE id = ${id}`);
    assert.equal((await a.get('/me')).status, 303, 'a lock ends the session, unlocking does not revive it');
    assert.equal((await sql(srv.db, `SELECT COUNT(*) FROM sessions WHERE user_id = ${id}`)).trim(), '0');

    // archived and restored: the same
    const c = new Client(srv.url);
    assert.equal((await c.signIn('kang.session', 'Gangnam#2028')).status, 303);
    assert.equal((await c.get('/me')).status, 200);
    await sql(srv.db, `UPDATE users SET archived_at = '2026-01-01T00:00:00Z' WHERE id = ${id}`);
    await sql(srv.db, `UPDATE users SET archived_at = NULL WHERE id = ${id}`);
    assert.equal((await c.get('/me')).status, 303, 'archiving ends the session');
    // a write that touches none of the three keeps sessions
    const d = new Client(srv.url);
    assert.equal((await d.signIn('kang.session', 'Gangnam#2028')).status, 303);
    await sql(srv.db, `UPDATE users SET name = '강세션' WHERE id = ${id}`);
    assert.equal((await d.get('/me')).status, 200);
  });

  test('a cookie the browser held before signing in is not kept', async () => {
    await addUser(srv.db, 'seo.fixed', 'member');
    const c = new Client(srv.url);
    c.cookies.set('il_session', 'A'.repeat(43)); // what an attacker planted
    await staff(srv.url, 'seo.fixed');
    const r = await c.signIn('seo.fixed', 'Hyeoksin#2027');
    assert.equal(r.status, 303);
    assert.notEqual(c.cookies.get('il_session'), 'A'.repeat(43));
    assert.match(c.cookies.get('il_session'), /^[\w-]{43}$/);
  });

  test('staff names that spoof what people read are refused; memos keep their line breaks', async () => {
    const spoof = await post('/staff', { employee_no: 'S0001', name: RLO_ZWSP_KIM, grade: 'g7' });
    assert.equal(spoof.status, 422);
    assert.match((await spoof.json()).error.fields.name, /글자 방향을 바꾸는 문자나 보이지 않는 문자/);
    for (const name of ['김\u2066혁신', '김\u2069', '\u3164', '김\ufeff']) {
      const r = await post('/staff', { employee_no: 'S0002', name, grade: 'g7' });
      assert.equal(r.status, 422, JSON.stringify(name));
    }
    const lines = await post('/staff', { employee_no: 'S0003', name: '김\n혁신', grade: 'g7' });
    assert.equal(lines.status, 422);
    assert.match((await lines.json()).error.fields.name, /한 줄로 입력해 주세요/);
    const fine = await post('/staff', { employee_no: 'S0004', name: '김혁신 (R&D)', grade: 'g7' });
    assert.equal(fine.status, 201);
    assert.equal((await sql(srv.db, "SELECT COUNT(*) FROM staff WHERE employee_no IN ('S0001','S0002','S0003')")).trim(), '0');

    const memo = await post('/knowledge-fields', { name: '민원 혁신', description: '첫 줄\r\n둘째 줄\t끝' });
    assert.equal(memo.status, 201);
    assert.equal((await memo.json()).description, '첫 줄\r\n둘째 줄\t끝');
    const bell = await post('/knowledge-fields', { name: '민원 혁신 2', description: '삐\u0007' });
    assert.equal(bell.status, 422);
    assert.match((await bell.json()).error.fields.description, /제어 문자/);
    const c1 = await post('/knowledge-fields', { name: '민원 혁신 3', description: 'x\u0085y' });
    assert.equal(c1.status, 422);

    const cli = await run(['user', 'add', '--db', srv.db.url, '--org', '3180000', '--login', 'spoof.user',
      '--name', RLO_ZWSP_KIM, '--role', 'member']);
    assert.notEqual(cli.code, 0);
    assert.match(cli.stderr, /글자 방향을 바꾸는 문자나 보이지 않는 문자/);
  });

  test('a sort outside the declaration is a 400 naming the allowed values', async () => {
    for (const sort of ['password_hash', 'name;DROP', 'phone', '--name']) {
      const page = await admin.get(`/staff?sort=${encodeURIComponent(sort)}`);
      assert.equal(page.status, 400, sort);
      assert.match(await page.text(), /정렬\(sort\)의 값이 올바르지 않습니다. 가능한 값: employee_no, -employee_no, name, -name, grade, -grade\./);
      const json = await api(`/staff?sort=${encodeURIComponent(sort)}`);
      assert.equal(json.status, 400);
      assert.equal((await json.json()).error.code, 'bad_parameter');
      assert.equal((await admin.get(`/staff.csv?sort=${encodeURIComponent(sort)}`)).status, 400);
    }
    assert.equal((await admin.get('/staff?sort=-grade')).status, 200);
    assert.equal((await admin.get('/staff?sort=')).status, 200, 'empty is the default');
  });

  test('list links carry the search encoded: every sort, page and export link lists the same rows', async () => {
    const term = 'R&D#x+1 %?= 혁신';
    for (let i = 0; i < 23; i++)
      assert.equal((await post('/staff', { employee_no: `L${100 + i}`, name: `${term} ${String(i).padStart(2, '0')}`, grade: i % 2 ? 'g6' : 'g8' })).status, 201);
    // what a wrongly built link would find: q=R, a stray D, a fragment
    for (const name of ['R 외부', 'D 외부', 'R&D 외부'])
      assert.equal((await post('/staff', { employee_no: `X${name.length}${name.charCodeAt(0)}`, name, grade: 'g9' })).status, 201);
    const want = Array.from({ length: 23 }, (_, i) => `${term} ${String(i).padStart(2, '0')}`);
    const unescape = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    const names = (html) => [...html.matchAll(/<tr><td>L\d+<\/td><td>([^<]*)<\/td>/g)].map((m) => unescape(m[1]));
    const totalOf = (html) => Number(html.match(/전체 (\d+)건/)[1]);

    const first = await (await admin.get(`/staff?q=${encodeURIComponent(term)}&per_page=10`)).text();
    assert.equal(totalOf(first), 23);
    const hrefs = [...first.matchAll(/href="(\/staff[^"]*\?[^"]*)"/g)].map((m) => unescape(m[1]));
    const exports = hrefs.filter((h) => /^\/staff\.(csv|xlsx)\?/.test(h));
    const sorts = hrefs.filter((h) => /^\/staff\?.*sort=/.test(h));
    const pages = hrefs.filter((h) => /^\/staff\?.*page=/.test(h) && !/sort=/.test(h));
    assert.equal(exports.length, 2);
    assert.equal(sorts.length, 3, `employee_no, name, grade: ${sorts}`);
    assert.equal(pages.length, 1, 'the next page');
    for (const h of hrefs) {
      assert.doesNotMatch(h, /#/, `${h}: no raw '#'`);
      assert.equal(new URL(h, srv.url).searchParams.get('q'), term, h);
    }
    const csv = await (await admin.get(exports.find((h) => h.includes('.csv')))).text();
    const csvNames = csv.trim().split('\n').slice(1).map((l) => l.split(',')[1].replace(/^"|"$/g, ''));
    assert.deepEqual(csvNames.sort(), [...want].sort(), 'the export holds the list\'s rows');
    for (const s of sorts) {
      const html = await (await admin.get(s)).text();
      assert.equal(totalOf(html), 23, s);
      assert.ok(names(html).every((n) => n.startsWith(term)), s);
    }
    assert.match(first, /<th scope="col" aria-sort="ascending"><a href="\/staff\?q=[^"]*&amp;per_page=10&amp;sort=-name">이름<\/a><\/th>/,
      'the list is sorted by name (its default): that column links the other way');
    const nameDesc = await (await admin.get(sorts.find((h) => /sort=-name/.test(h)))).text();
    assert.deepEqual(names(nameDesc), [...want].reverse().slice(0, 10), 'sorted by name, descending');
    assert.match(nameDesc, /aria-sort="descending"/);
    const second = await (await admin.get(pages[0])).text();
    assert.deepEqual(names(second), want.slice(10, 20), 'page 2 of the same search');
    // the search form keeps the list's other parameters as hidden fields
    const sorted = await (await admin.get(`/staff?q=${encodeURIComponent(term)}&sort=-name&grade=g6`)).text();
    assert.match(sorted, /<input type="hidden" name="sort" value="-name">/);
    assert.match(sorted, /<input type="hidden" name="grade" value="g6">/);
    assert.equal(totalOf(sorted), 11);
    const exp = unescape(sorted.match(/href="(\/staff\.csv[^"]*)"/)[1]);
    assert.equal(exp, `/staff.csv?q=${encodeURIComponent(term)}&sort=-name&grade=g6`);
    const rows = (await (await admin.get(exp)).text()).trim().split('\n').slice(1);
    assert.equal(rows.length, 11);
  });

  test('a knowledge item\'s tag links search for the whole tag', async () => {
    const field = await (await post('/knowledge-fields', { name: '태그 분야' })).json();
    const item = await post('/knowledge-items', { title: '연구개발 사례', field_id: field.id, kind: 'manual', tags: 'R&D#1, 혁신 100%', body: '본문' });
    assert.equal(item.status, 201);
    const html = await (await admin.get(`/knowledge-items/${(await item.json()).id}`)).text();
    assert.match(html, /<a href="\/knowledge-items\/search\?q=R%26D%231">R&amp;D#1<\/a>/);
    assert.match(html, /<a href="\/knowledge-items\/search\?q=%ED%98%81%EC%8B%A0%20100%25">혁신 100%<\/a>/);
  });

  test('views and exports of staff contact data are in the privacy log, append-only and chained', async () => {
    const withPhone = await (await post('/staff', { employee_no: 'P001', name: '박연락', grade: 'g7', phone: '02-2670-3114', email: 'park@ydp.go.kr' })).json();
    const noContact = await (await post('/staff', { employee_no: 'P002', name: '최무연', grade: 'g7' })).json();
    const before = (await privacy()).length;

    assert.equal((await admin.get(`/staff/${noContact.id}`)).status, 200);
    assert.equal((await admin.get('/staff?q=박연락')).status, 200); // the HTML list shows no contact field
    assert.equal((await privacy()).length, before, 'nothing personal shown, nothing recorded');

    const ip = '127.0.0.1';
    assert.equal((await admin.get(`/staff/${withPhone.id}`)).status, 200);
    assert.equal((await api(`/staff/${withPhone.id}`)).status, 200);
    assert.equal((await admin.get(`/staff/${withPhone.id}/edit`)).status, 200);
    const list = await (await api('/staff?q=박연락')).json();
    assert.equal(list.total, 1);
    const csv = await admin.get('/staff.csv?q=%EB%B0%95%EC%97%B0%EB%9D%BD');
    assert.match(await csv.text(), /02-2670-3114/);
    const log = (await privacy()).slice(before);
    assert.deepEqual(log.slice(0, 3), [
      `privacy.view|staff|${withPhone.id}|sec.admin|${ip}|{"fields":["phone","email"]}`,
      `privacy.view|staff|${withPhone.id}|sec.admin|${ip}|{"fields":["phone","email"]}`,
      `privacy.view|staff|${withPhone.id}|sec.admin|${ip}|{"fields":["phone","email"]}`,
    ]);
    assert.equal(log[3], `privacy.view|staff||sec.admin|${ip}|{"fields":["phone","email"],"ids":[${withPhone.id}],"query":"?q=%EB%B0%95%EC%97%B0%EB%9D%BD","rows":1}`);
    assert.equal(log[4], `privacy.export|staff||sec.admin|${ip}|{"fields":["phone","email"],"format":"csv","query":"?q=%EB%B0%95%EC%97%B0%EB%9D%BD","rows":1}`);
    assert.equal(log.length, 5);

    // an import preview reads the file's people
    const form = new FormData();
    form.set('_csrf', await admin.csrf('/staff/import'));
    form.set('file', new Blob(['직원번호,성명,직급,전화\nI001,임가져,g8,02-1234-5678\n']), '인사.csv');
    const preview = await fetch(srv.url + '/staff/import', { method: 'POST', body: form, headers: { cookie: admin.header() } });
    assert.equal(preview.status, 200, (await preview.text()).slice(0, 300));
    const last = (await privacy()).at(-1);
    assert.equal(last, `privacy.preview|staff||sec.admin|${ip}|{"fields":["phone","email"],"file":"인사.csv","problems":0,"rows":1}`);

    // append-only in the database, and in the hash chain
    await assert.rejects(sql(srv.db, "UPDATE audit_log SET actor = 'nobody' WHERE action = 'privacy.view'"), /append-only/);
    await assert.rejects(sql(srv.db, "DELETE FROM audit_log WHERE action LIKE 'privacy.%'"), /append-only/);
    await assert.rejects(sql(srv.db, "UPDATE audit_log SET action = 'privacy.view' WHERE action = 'login'"), /append-only/);
    const verify = await run(['audit', 'verify', '--db', srv.db.url]);
    assert.equal(verify.code, 0, verify.stdout);
    assert.match(verify.stdout, /chain intact/);
  });

  test('/admin/privacy-log: administrators only, Korean, filtered by actor and date, paged', async () => {
    await addUser(srv.db, 'yoon.member', 'member');
    const member = await staff(srv.url, 'yoon.member');
    const someone = await (await post('/staff', { employee_no: 'P100', name: '윤열람', grade: 'g7', email: 'yoon@ydp.go.kr' })).json();
    for (let i = 0; i < 27; i++) assert.equal((await member.get(`/staff/${someone.id}`)).status, 200);
    assert.equal((await member.get('/admin/privacy-log')).status, 403);

    const page = await admin.get('/admin/privacy-log?actor=yoon.member');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<h1 id="privacy-title" class="il-page-title">개인정보 접속기록<\/h1>/);
    assert.match(html, /전체 27건 · 1쪽/);
    assert.equal([...html.matchAll(/<td>yoon\.member<\/td><td>127\.0\.0\.1<\/td><td>열람<\/td><td>직원 \d+번<\/td><td>전자우편<\/td>/g)].length, 25);
    const next = html.match(/href="(\/admin\/privacy-log\?actor=yoon\.member&amp;page=2)"/);
    assert.ok(next, 'a next page link');
    const second = await (await admin.get('/admin/privacy-log?actor=yoon.member&page=2')).text();
    assert.match(second, /전체 27건 · 2쪽/);
    assert.equal([...second.matchAll(/<td>yoon\.member<\/td>/g)].length, 2);

    const json = await (await api('/admin/privacy-log?actor=yoon.member')).json();
    assert.equal(json.total, 27);
    assert.equal(json.items[0].action, 'privacy.view');
    assert.equal(json.items[0].record_id, String(someone.id));
    // days are Korean days (UTC+9), as the page shows the times
    const seoul = (ms) => new Date(ms + 9 * 3600000).toISOString();
    const at = Date.parse(json.items[0].at), today = seoul(at).slice(0, 10);
    assert.equal(json.items[0].at_kst, seoul(at).slice(0, 19).replace('T', ' '));
    assert.match(html, new RegExp(`<td><time datetime="${json.items[0].at}">${json.items[0].at_kst}</time></td><td>yoon\\.member</td>`));
    const tomorrow = seoul(at + 86400000).slice(0, 10), yesterday = seoul(at - 86400000).slice(0, 10);
    assert.equal((await (await api(`/admin/privacy-log?actor=yoon.member&to=${yesterday}`)).json()).total, 0, 'ends with its own day');
    assert.equal((await (await api(`/admin/privacy-log?actor=yoon.member&from=${today}&to=${today}`)).json()).total, 27, 'to counts its own day');
    assert.equal((await (await api(`/admin/privacy-log?actor=yoon.member&from=${tomorrow}`)).json()).total, 0);
    const all = await (await api('/admin/privacy-log')).json();
    assert.ok(all.items.every((i) => i.action.startsWith('privacy.')), 'only the privacy log');
    assert.equal((await api('/admin/privacy-log?from=yesterday')).status, 400);

    const routes = await run(['routes']);
    const route = JSON.parse(routes.stdout).find((r) => r.pattern === '/admin/privacy-log');
    assert.equal(route.method, 'GET');
    assert.deepEqual(route.roles, ['admin']);
  });

  test('/admin/audit shows Korean time, counts the last day it is given and pages through the trail', async () => {
    const first = await (await api('/admin/audit?actor=sec.admin')).json();
    const total = first.total, at = Date.parse(first.items[0].at);
    assert.ok(total > 25, `the administrator's trail spans pages (${total})`);
    const seoul = (ms) => new Date(ms + 9 * 3600000).toISOString();
    const today = seoul(at).slice(0, 10), yesterday = seoul(at - 86400000).slice(0, 10);
    assert.equal((await (await api(`/admin/audit?actor=sec.admin&from=${today}&to=${today}`)).json()).total, total, 'to counts its own day');
    assert.equal((await (await api(`/admin/audit?actor=sec.admin&to=${yesterday}`)).json()).total, 0);
    const html = await (await admin.get('/admin/audit?actor=sec.admin')).text();
    assert.match(html, /<th scope="col">시각 \(한국 시간\)<\/th>/);
    assert.ok(html.includes(`<td><time datetime="${first.items[0].at}">${seoul(at).slice(0, 19).replace('T', ' ')}</time></td><td>sec.admin</td>`), 'the newest entry in Korean time');
    assert.match(html, new RegExp(`전체 ${total}건 · 1쪽`));
    assert.match(html, /href="\/admin\/audit\?actor=sec\.admin&amp;page=2"[^>]*>다음</);
    const last = Math.ceil(total / 25);
    const end = await (await admin.get(`/admin/audit?actor=sec.admin&page=${last}`)).text();
    assert.match(end, new RegExp(`전체 ${total}건 · ${last}쪽`));
    assert.equal([...end.matchAll(/<td>sec\.admin<\/td>/g)].length, total - (last - 1) * 25);
    assert.match(end, new RegExp(`href="/admin/audit\\?actor=sec\\.admin&amp;page=${last - 1}"[^>]*>이전<`));
    assert.doesNotMatch(end, />다음</);
  });

  test('sign-in attempts from one address are throttled across accounts', async () => {
    // ten failures of ten different logins: each login fails once, so only
    // the address can be what throttles
    for (let i = 0; i < 10; i++) {
      const r = await new Client(srv.url).signIn(`nobody.${i}`, 'Wrong#password1');
      assert.equal(r.status, 401, `attempt ${i + 1}`);
    }
    // from the tenth failure on the address waits, doubling with each one
    let throttled = null;
    for (let i = 10; i < 40 && !throttled; i++) {
      const r = await new Client(srv.url).signIn(`nobody.${i}`, 'Wrong#password1');
      assert.ok([401, 429].includes(r.status), String(r.status));
      if (r.status === 429) throttled = r;
    }
    assert.ok(throttled, 'throttled by address');
    const wait = Number(throttled.headers.get('retry-after'));
    assert.ok(wait >= 1 && wait <= 900, `Retry-After ${wait}`);
    assert.match(await throttled.text(), new RegExp(`로그인 실패가 반복되어 잠시 동안 로그인할 수 없습니다. ${wait}초 뒤에 다시 시도해 주세요.`));
  });
});

describe(`healthz on ${driver}`, () => {
  test('answers 503 while the database is unreachable, and 200 again once it is back', async () => {
    const db = await tempDb();
    const srv = await start([], { db });
    try {
      assert.equal((await fetch(srv.url + '/healthz')).status, 200);
      let back;
      if (driver === 'sqlite') {
        const dir = path.dirname(db.url), gone = dir + '.gone';
        renameSync(dir, gone); // the file the server opened is no longer where it was
        back = () => renameSync(gone, dir);
      } else {
        const name = new URL(db.url).pathname.slice(1);
        const admin = { url: process.env.INNOLAND_TEST_PG };
        await sql(admin, `ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
        await sql(admin, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND backend_type = 'client backend'`);
        back = () => sql(admin, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      }
      for (let i = 0; i < 3; i++) {
        const r = await fetch(srv.url + '/healthz');
        assert.equal(r.status, 503, `try ${i + 1}`);
        assert.match(await r.text(), /일시적으로 사용할 수 없습니다/);
      }
      await back();
      let status = 0;
      for (let i = 0; i < 10 && status !== 200; i++) status = (await fetch(srv.url + '/healthz')).status;
      assert.equal(status, 200, 'healthy again');
    } finally {
      await srv.stop();
      await db.cleanup();
    }
  });
});
