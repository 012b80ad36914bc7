// auth.test.mjs: accounts seen from outside: the first administrator's
// setup link, sign-in with the forced first password change, throttling and
// locking, CSRF, session fixation and expiry, API tokens, the audit trail
// and its verification, and bad input in every field.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client, addUser, driver, run, sql, staff, start } from './harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe(`accounts on ${driver}`, () => {
  let srv;
  before(async () => { srv = await start(); });
  after(async () => { await srv.stop(); });

  test('the first start prints a one-time setup link for the administrator', async () => {
    const link = srv.stdout().match(/first administrator.*?(\/setup\/[\w-]{43})/)[1];
    const c = new Client(srv.url);
    const page = await c.get(link);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /아이디 <strong>admin<\/strong>/);
    const _csrf = html.match(/name="_csrf" value="([^"]*)"/)[1];
    const weak = await c.post(link, { _csrf, password: 'short', confirm: 'short' });
    assert.equal(weak.status, 422);
    assert.match(await weak.text(), /2종류 이상으로 10자 이상/);
    const ok = await c.post(link, { _csrf, password: 'Hyeoksin#2026', confirm: 'Hyeoksin#2026' });
    assert.equal(ok.status, 303);
    const me = await (await c.get('/api/v1/me')).json();
    assert.equal(me.login, 'admin');
    assert.equal(me.role, 'admin');
    assert.equal((await new Client(srv.url).get(link)).status, 410, 'the link works once');
    const again = await run(['audit', 'verify', '--db', srv.db.url]);
    assert.equal(again.code, 0, again.stdout);
  });

  test('a new account must change its password at first sign-in', async () => {
    await addUser(srv.db, 'kim.member', 'member', 'Hyeoksin#2026', '김직원');
    const c = new Client(srv.url);
    const r = await c.signIn('kim.member', 'Hyeoksin#2026');
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/password');
    const blocked = await c.get('/me');
    assert.equal(blocked.status, 303);
    assert.equal(blocked.headers.get('location'), '/password');
    const api = await c.get('/api/v1/me');
    assert.equal(api.status, 403);
    assert.equal((await api.json()).error.code, 'password_change_required');
    const _csrf = await c.csrf('/password');
    const same = await c.post('/password', { _csrf, current: 'Hyeoksin#2026', password: 'Hyeoksin#2026', confirm: 'Hyeoksin#2026' });
    assert.equal(same.status, 422);
    assert.match(await same.text(), /현재 비밀번호와 다른/);
    const seq = await c.post('/password', { _csrf, current: 'Hyeoksin#2026', password: 'Abcd1234!x', confirm: 'Abcd1234!x' });
    assert.equal(seq.status, 422, 'runs like abcd/1234 are refused');
    const ok = await c.post('/password', { _csrf, current: 'Hyeoksin#2026', password: 'Gwacheon#88', confirm: 'Gwacheon#88' });
    assert.equal(ok.status, 303);
    const me = await c.get('/me');
    assert.equal(me.status, 200);
    assert.match(await me.text(), /김직원/);
  });

  test('wrong passwords are throttled, then the account locks until an administrator unlocks it', async () => {
    await addUser(srv.db, 'lee.locked', 'member');
    const c = new Client(srv.url);
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      let r = await c.signIn('lee.locked', 'Wrong#password1');
      if (r.status === 429) {
        const wait = Number(r.headers.get('retry-after'));
        assert.ok(wait >= 1 && wait <= 900, `Retry-After ${wait}`);
        statuses.push(429);
        await sleep(wait * 1000 + 100);
        r = await c.signIn('lee.locked', 'Wrong#password1');
      }
      statuses.push(r.status);
      if (r.status === 401) assert.match(await r.text(), /아이디 또는 비밀번호가 올바르지 않습니다[\s\S]*value="lee.locked"/);
    }
    assert.ok(statuses.includes(429), `throttled along the way: ${statuses}`);
    assert.equal(statuses.at(-1), 423, `locked at the fifth failure: ${statuses}`);
    const right = await c.signIn('lee.locked', 'Hyeoksin#2026');
    assert.equal(right.status, 423, 'even the right password is refused while locked');
    assert.match(await right.text(), /계정이 잠겼습니다/);

    const admin = await staff(srv.url, 'admin', 'Hyeoksin#2026'); // chosen on the setup page: no change asked
    const users = await (await admin.get('/api/v1/admin/users')).json();
    const lee = users.items.find((u) => u.login === 'lee.locked');
    assert.equal(lee.locked, true);
    const _csrf = await admin.csrf(`/admin/users/${lee.id}`);
    assert.equal((await admin.post(`/admin/users/${lee.id}/unlock`, { _csrf })).status, 303);
    const after = await new Client(srv.url).signIn('lee.locked', 'Hyeoksin#2026');
    assert.equal(after.status, 303);
    const trail = await (await admin.get('/api/v1/admin/audit?action=unlock')).json();
    assert.equal(trail.items[0].record_id, String(lee.id));
    const views = await (await admin.get('/api/v1/admin/audit?action=view&entity=users')).json();
    assert.equal(views.items.filter((v) => v.record_id === String(lee.id)).length, 1, 'opening an account page is recorded, once');
  });

  test('unsafe requests without the CSRF token change nothing', async () => {
    await addUser(srv.db, 'park.csrf', 'member');
    const c = await staff(srv.url, 'park.csrf');
    const noToken = await c.post('/logout', {});
    assert.equal(noToken.status, 403);
    assert.match(await noToken.text(), /보안 확인값/);
    const wrong = await c.post('/account/tokens', { _csrf: 'x'.repeat(64), name: 'sneaky' });
    assert.equal(wrong.status, 403);
    const list = await (await c.get('/api/v1/account/tokens')).json();
    assert.equal(list.items.length, 0, 'no token was made');
    assert.equal((await c.get('/me')).status, 200, 'still signed in');
    const loginNoToken = await new Client(srv.url).post('/login', { login: 'park.csrf', password: 'x' });
    assert.equal(loginNoToken.status, 403);
  });

  test('signing in issues a new session token (no fixation) and signing out ends it', async () => {
    await addUser(srv.db, 'choi.fix', 'member');
    const c = await staff(srv.url, 'choi.fix');
    const first = c.cookies.get('il_session');
    const planted = new Client(srv.url);
    planted.cookies.set('il_session', first); // an attacker's copy of a known token
    assert.equal((await planted.get('/me')).status, 200);
    const again = await c.signIn('choi.fix', 'Hyeoksin#2027');
    assert.equal(again.status, 303);
    assert.notEqual(c.cookies.get('il_session'), first, 'a new token at sign-in');
    assert.equal((await planted.get('/me')).status, 303, 'the old token is void');
    const cookie = again.headers.getSetCookie().find((l) => l.startsWith('il_session='));
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    const _csrf = await c.csrf('/me');
    assert.equal((await c.post('/logout', { _csrf })).status, 303);
    const me = await c.get('/me');
    assert.equal(me.status, 303);
    assert.match(me.headers.get('location'), /^\/login\?next=%2Fme|^\/login\?next=\/me/);
  });

  test('personal API tokens are shown once, work as Bearer, and can be revoked', async () => {
    await addUser(srv.db, 'jung.api', 'manager');
    const c = await staff(srv.url, 'jung.api');
    const _csrf = await c.csrf('/account/tokens');
    const made = await c.post('/account/tokens', { _csrf, name: '엑셀 연동' });
    assert.equal(made.status, 201);
    const token = (await made.text()).match(/<code class="il-token">([\w-]{43})<\/code>/)[1];
    const list = await (await c.get('/account/tokens')).text();
    assert.ok(!list.includes(token), 'the token is not shown again');
    const me = await fetch(srv.url + '/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    assert.equal((await me.json()).login, 'jung.api');
    const id = (await (await c.get('/api/v1/account/tokens')).json()).items[0].id;
    assert.equal((await c.post(`/account/tokens/${id}/revoke`, { _csrf })).status, 303);
    const gone = await fetch(srv.url + '/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    assert.equal(gone.status, 401);
    const bad = await fetch(srv.url + '/api/v1/me', { headers: { authorization: 'Basic abc' } });
    assert.equal(bad.status, 401);
    const cli = await run(['token', 'create', '--db', srv.db.url, '--login', 'jung.api']);
    assert.equal(cli.code, 0);
    const viaCli = await fetch(srv.url + '/api/v1/me', { headers: { authorization: `Bearer ${cli.stdout.trim()}` } });
    assert.equal(viaCli.status, 200);
  });

  test('bad input is refused with a clear message and stores nothing', async () => {
    const c = new Client(srv.url);
    for (const login of ["' OR 1=1 --", '<script>alert(1)</script>', 'x'.repeat(5000), '관리자']) {
      const r = await c.signIn(login, 'whatever');
      assert.ok([401, 429].includes(r.status), `${login.slice(0, 20)} → ${r.status}`);
      const html = await r.text();
      assert.ok(!html.includes('<script>alert(1)</script>'), 'echoed input is escaped');
    }
    const _csrf = await c.csrf('/login');
    const badUtf8 = await fetch(srv.url + '/login', {
      method: 'POST', headers: { cookie: c.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${_csrf}&login=%ff%fe&password=x`,
    });
    assert.equal(badUtf8.status, 400);
    for (const [login, name, role, why] of [
      ['ab', '이름', 'member', /3자 이상/], ['Upper', '이름', 'member', /소문자/], ['ok.login', '', 'member', /1자 이상/],
      ['ok.login', '가'.repeat(51), 'member', /50자 이하/], ['ok.login', '이름', 'king', /역할은/],
      ["x'; DROP TABLE users; --", '이름', 'member', /소문자/]]) {
      const r = await run(['user', 'add', '--db', srv.db.url, '--org', '3180000', '--login', login, '--name', name, '--role', role]);
      assert.equal(r.code, 1, login);
      assert.match(r.stderr, why);
    }
    const weak = await run(['user', 'add', '--db', srv.db.url, '--org', '3180000', '--login', 'weak.pw', '--name', '약한', '--role', 'member', '--password-stdin'], { input: 'password\n' });
    assert.equal(weak.code, 1);
    const count = await sql(srv.db, "SELECT COUNT(*) FROM users WHERE login IN ('ab', 'ok.login', 'weak.pw')");
    assert.equal(count.trim(), '0');
    const script = await addUser(srv.db, 'script.name', 'member', 'Hyeoksin#2026', '<script>alert(1)</script>');
    const admin = await staff(srv.url, 'admin', 'Hyeoksin#2026');
    const page = await (await admin.get(`/admin/users/${script}`)).text();
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;') && !page.includes('<script>alert(1)'));
  });
});

describe(`sessions expire on ${driver}`, () => {
  test('after the idle limit, and after the absolute limit even when active', async () => {
    const srv = await start(['--session-idle', '2', '--session-max', '6']);
    try {
      await addUser(srv.db, 'han.idle', 'member');
      const c = await staff(srv.url, 'han.idle');
      assert.equal((await c.get('/me')).status, 200);
      await sleep(3100);
      assert.equal((await c.get('/me')).status, 303, 'idle too long');
      const d = new Client(srv.url);
      assert.equal((await d.signIn('han.idle', 'Hyeoksin#2027')).status, 303);
      for (let i = 0; i < 3; i++) { await sleep(1100); assert.equal((await d.get('/me')).status, 200, `active ${i}`); }
      await sleep(1500);
      assert.equal((await d.get('/me')).status, 200, 'still within both limits');
      await sleep(1500);
      assert.equal((await d.get('/me')).status, 303, 'past the absolute limit');
    } finally { await srv.stop(); }
  });
});

describe(`the audit trail on ${driver}`, () => {
  test('audit verify finds an edited and a deleted entry', async () => {
    const srv = await start();
    try {
      await addUser(srv.db, 'oh.audit', 'member');
      await staff(srv.url, 'oh.audit');
      const ok = await run(['audit', 'verify', '--db', srv.db.url]);
      assert.equal(ok.code, 0, ok.stdout);
      assert.match(ok.stdout, /chain intact/);
      const id = (await sql(srv.db, "SELECT MIN(id) FROM audit_log WHERE action = 'login'")).trim();
      await sql(srv.db, `UPDATE audit_log SET actor = 'someone.else' WHERE id = ${id}`);
      const edited = await run(['audit', 'verify', '--db', srv.db.url]);
      assert.equal(edited.code, 1);
      assert.match(edited.stdout, new RegExp(`entry ${id}\\b`));
      const fresh = await start();
      try {
        await addUser(fresh.db, 'oh.audit', 'member');
        const last = (await sql(fresh.db, 'SELECT MAX(id) FROM audit_log')).trim();
        await sql(fresh.db, `DELETE FROM audit_log WHERE id = ${last}`);
        const deleted = await run(['audit', 'verify', '--db', fresh.db.url]);
        assert.equal(deleted.code, 1, deleted.stdout);
      } finally { await fresh.stop(); }
    } finally { await srv.stop(); }
  });
});
