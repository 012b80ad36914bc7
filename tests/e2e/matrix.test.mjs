// matrix.test.mjs: the authorisation matrix.  It reads every route from
// `innoland routes` (the route table itself, so it grows as routes are
// added) and asks each one as every role: anonymous, and one account per
// role through a personal API token.  A role the route allows must get
// through the gate (any status but 401 and 403); any other role must get 401
// (anonymous) or 403.  Browsers asking a page they may not see as anonymous
// are sent to the login page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, run, start } from './harness.mjs';

const roles = ['resident', 'supporter', 'member', 'expert', 'judge', 'evaluator', 'manager', 'admin'];

// A concrete path for a pattern: ids name no record (so no request changes
// one, a token revoked mid-matrix included), setup tokens are made up.
const concrete = (pattern) => pattern.replace('{token}', 'A'.repeat(43)).replace(/\{[a-z_]+\}/g, '999999').replace('*path', 'app/app.css');

describe(`authorisation matrix on ${driver}`, () => {
  let srv, routes;
  const tokens = {};
  before(async () => {
    srv = await start();
    routes = JSON.parse((await run(['routes'])).stdout);
    for (const role of roles) {
      await addUser(srv.db, `m.${role}`, role);
      const t = await run(['token', 'create', '--db', srv.db.url, '--login', `m.${role}`]);
      assert.equal(t.code, 0, t.stderr);
      tokens[role] = t.stdout.trim();
    }
  });
  after(async () => { await srv.stop(); });

  test('every route answers every role as the route table declares', async () => {
    assert.ok(routes.length >= 18, `${routes.length} routes`);
    const table = [];
    for (const r of routes) {
      const path = concrete(r.pattern);
      const url = srv.url + (r.page ? '/api/v1' + (path === '/' ? '/' : path) : path);
      for (const role of ['anonymous', ...roles]) {
        const headers = role === 'anonymous' ? {} : { authorization: `Bearer ${tokens[role]}` };
        if (r.body) headers['content-type'] = 'application/x-www-form-urlencoded';
        const res = await fetch(url, { method: r.method, headers, redirect: 'manual', body: r.body ? '' : undefined });
        const text = await res.text();
        // The gate's refusals carry these codes; a handler's own answer (a wrong
        // password, a missing record, a missing CSRF token) means the role got through.
        // Routes without an API face (files, exports) answer as to a browser:
        // a redirect to the login page, or the 403 page.
        const code = /json/.test(res.headers.get('content-type') || '') ? JSON.parse(text).error?.code : undefined;
        const toLogin = res.status === 303 && /^\/login\?next=/.test(res.headers.get('location') || '');
        const refused = ['login_required', 'forbidden'].includes(code) || (!r.page && (toLogin || res.status === 403));
        const allowed = r.roles.includes(role);
        table.push(`${r.method} ${r.pattern} ${role}: ${res.status} ${code || ''}`);
        if (allowed) assert.ok(!refused, `${r.method} ${r.pattern} as ${role} should pass the gate, got ${res.status} ${code}`);
        else if (!r.page) assert.ok(role === 'anonymous' ? toLogin : res.status === 403, `${r.method} ${r.pattern} as ${role}: ${res.status}`);
        else {
          assert.equal(res.status, role === 'anonymous' ? 401 : 403, `${r.method} ${r.pattern} as ${role}`);
          assert.equal(code, role === 'anonymous' ? 'login_required' : 'forbidden');
        }
      }
    }
    console.log(`# matrix: ${routes.length} routes × ${roles.length + 1} roles = ${table.length} checks`);
  });

  test('a browser asking a protected page without signing in goes to the login page', async () => {
    for (const r of routes.filter((x) => x.page && x.method === 'GET' && !x.roles.includes('anonymous'))) {
      const path = concrete(r.pattern);
      const res = await fetch(srv.url + path, { redirect: 'manual' });
      assert.equal(res.status, 303, r.pattern);
      assert.equal(res.headers.get('location'), `/login?next=${path.replace(/[^A-Za-z0-9/_.~-]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())}`);
    }
  });
});
