// matrix.test.mjs: the authorisation matrix.  It walks the route table
// (`innoland routes`, so every later module is covered without new code) on
// the demo organisation's real records, as anonymous and one account per
// role, each through a personal API token and through a signed-in browser
// session:
//   - a GET a role may ask answers the page (200, no error page; the API
//     face answers 200 JSON); one it may not answers 403 (anonymous: 401 on
//     the API, a redirect to the login page in a browser);
//   - every write a role may not do answers 403 / 401 / the login page and
//     changes nothing (the record's API JSON and the audit trail are the same
//     after it);
//   - every POST from a browser session without its CSRF token answers 403
//     and changes nothing;
//   - a write a role may do, done as a browser does it (the form's own
//     fields submitted back with one text changed), answers 2xx/3xx and the
//     record changed;
//   - a write without a record of its own (signing in and out, passwords,
//     setup links, tokens, unlocking, imports, bulk awards) or a workflow
//     step only its module's rules make right (a review, a decision, the
//     MVPs) is done from a target its `effects` entry prepares for the role
//     (a fresh setup link, a token to revoke, an account locked by failed
//     sign-ins, an item the role is appointed to review, a period without
//     MVPs), and its effect is observed as a person would notice it (the
//     new password signs in and the old one not, the new token works and
//     the revoked one gets 401, the imported rows are listed, the awards are
//     in the ledger, the review is listed and the decision is the item's
//     status).  Its refused and CSRF-less cells send the same prepared
//     request, so only the gate stands in the way.
// A route whose {id} belongs to no entity must be named in `special`, and a
// route without an entity needs an `effects` entry: a new one fails the test
// until it is declared.  The summary's "checked at the gate only" is the
// allowed cells checked neither way, and must be 0.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, addUser, driver, run, sql, staff, start } from './harness.mjs';

const roles = ['resident', 'supporter', 'member', 'expert', 'judge', 'evaluator', 'manager', 'admin'];
const everyone = ['anonymous', ...roles];
const kinds = ['bearer', 'cookie'];

// Last: writes that end a record, then those that end a session.
const rank = (r) => (r.pattern === '/login' ? 5 : r.pattern === '/logout' ? 4 : !r.entity ? 3 : r.method === 'DELETE' || r.pattern.endsWith('/archive') ? 2 : r.pattern === `/${r.entity}` ? 0 : 1);

const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const attr = (tag, name) => { const m = tag.match(new RegExp(`\\s${name}="([^"]*)"`)); return m ? decode(m[1]) : null; };

// The fields a browser would submit from the form posting to action.
function formFields(html, action) {
  const forms = [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((m) => m[0]);
  const open = (f) => f.match(/<form\b[^>]*>/)[0];
  // a page may have a search form (GET) to the same address as its write
  const form = forms.find((f) => attr(open(f), 'action') === action && /^post$/i.test(attr(open(f), 'method') || ''))
    || forms.find((f) => attr(open(f), 'action') === action);
  if (!form) return null;
  const fields = [];
  for (const m of form.matchAll(/<input\b[^>]*>/g)) {
    const t = m[0], name = attr(t, 'name'), type = attr(t, 'type') || 'text';
    if (!name || type === 'file' || type === 'submit') continue;
    if (type === 'radio' && !/\schecked/.test(t)) continue;
    if (type === 'checkbox' && !/\schecked/.test(t)) { fields.push([name, '', 'unchecked']); continue; }
    fields.push([name, attr(t, 'value') ?? (type === 'checkbox' ? 'on' : ''), type]);
  }
  for (const m of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) fields.push([attr(m[0], 'name'), decode(m[2]), 'textarea']);
  for (const m of form.matchAll(/<select\b[^>]*>[\s\S]*?<\/select>/g)) {
    const name = attr(m[0], 'name'), type = /<select\b[^>]*\smultiple/.test(m[0]) ? 'multiple' : 'select';
    const options = [...m[0].matchAll(/<option\b[^>]*>/g)].map((o) => o[0]), chosen = options.filter((o) => /\sselected/.test(o));
    // a browser sends a single select's first option when none is selected
    for (const o of chosen.length || type === 'multiple' ? chosen : options.slice(0, 1)) fields.push([name, attr(o, 'value'), type]);
  }
  return fields;
}

describe(`authorisation matrix on ${driver}`, () => {
  let srv, routes, adminToken;
  const tokens = {}, clients = {}, users = {};
  const ids = {};          // entity → ids of live records, from its API list
  const files = {};        // entity → an attachment of its first record
  const fresh = {};        // "entity role" → records the role created here, archived last
  const count = { get: 0, refused: 0, csrf: 0, written: 0, effect: 0, nobrowser: 0, allowed: 0 };
  const findings = [];

  const api = async (path, token = adminToken) => {
    const res = await fetch(srv.url + '/api/v1' + path, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, json: await res.json() };
  };
  // Records a role makes for itself where the demo has none it may write
  // (advice is its supporter's, an item its author's until it is decided).
  const seeds = {
    'task-advice': () => ({ task_id: ids.tasks[0], content: '매트릭스 조언' }),
    'mileage-rewards': () => ({ staff_id: ids.staff[0], title: '매트릭스 포상', amount: 100000 }),
    'knowledge-items': () => ({ title: '매트릭스 지식', field_id: ids['knowledge-fields'][0], kind: 'case', body: '본문' }),
    enrolments: (role) => ({ course_id: course, staff_id: staffOf[role] }), // one applies for themselves
    // the demo has one inspection round, which the archive cells may take
    'devolved-inspections': () => ({ name: '매트릭스 일제 점검', starts_on: '2008-03-01', ends_on: '2008-03-31' }),
    // the demo's two disclosures are both archived by the archive routes' cells
    disclosures: () => ({ title: '매트릭스 공시', year: 2007, half: 'h1', disclosed_on: '2007-07-10' }),
  };
  let course;              // a course open to every grade, for the applications
  // Courses open to every grade: one application per person and course, so
  // each application the matrix makes is to a course of its own, made
  // before any write is watched.
  const courses = [];
  const openCourse = () => { assert.ok(courses.length, 'more courses for the applications'); return courses.shift(); };
  async function newCourse() {
    const res = await fetch(`${srv.url}/api/v1/courses`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: `매트릭스 과정 ${++stamp}`, kind: 'special', year: 2007 }) });
    const body = await res.text();
    assert.equal(res.status, 201, body);
    return JSON.parse(body).id;
  }
  const staffOf = {};      // role → the staff row its account is linked to
  // A record role may write: the first whose edit form (or, for an entity
  // without one, whose page) the role may open.  NaN when there is none.
  const mine = {};
  async function writable(e, role, suffix = '/edit') {
    const key = `${e} ${role} ${suffix}`;
    if (key in mine) return mine[key];
    const form = routes.some((r) => r.method === 'GET' && r.pattern === `/${e}/{id}${suffix}` && r.roles.includes(role));
    mine[key] = NaN;
    for (const id of ids[e]) {
      if (!form) { mine[key] = id; break; }
      if ((await api(`/${e}/${id}${suffix}`, tokens[role])).status === 200) { mine[key] = id; break; }
    }
    if (Number.isNaN(mine[key]) && seeds[e]) {
      const res = await fetch(`${srv.url}/api/v1/${e}`, { method: 'POST', body: JSON.stringify(seeds[e](role)),
        headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json' } });
      assert.equal(res.status, 201, `${e} seeded as ${role}: ${await res.clone().text()}`);
      mine[key] = (await res.json()).id;
      ids[e].push(mine[key]);
    }
    return mine[key];
  }
  // A file sent as a browser or an API client sends it.
  const pdf = { name: '매트릭스.pdf', bytes: Buffer.from('%PDF-1.4 매트릭스') };
  async function upload(path, role, kind, { csrf = true, file = pdf, fields = {} } = {}) {
    const body = new FormData(), headers = {};
    if (kind === 'cookie') {
      headers.cookie = clients[role].header();
      if (csrf) body.set('_csrf', clients[role].token);
    } else if (role !== 'anonymous') headers.authorization = `Bearer ${tokens[role]}`;
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    if (file) body.set('file', new Blob([file.bytes]), file.name);
    const res = await fetch(srv.url + (kind === 'bearer' ? '/api/v1' : '') + path, { method: 'POST', body, headers, redirect: 'manual' });
    return { status: res.status, location: res.headers.get('location') || '', text: await res.text() };
  }
  // the trail's entries of changes: all of them but the privacy log's (reading
  // a record with personal data is logged too, and is not a change), asked
  // over HTTP (a sqlite3 or psql process for each cell costs minutes)
  const audits = async () => (await api('/admin/audit?per_page=1')).json.total - (await api('/admin/privacy-log?per_page=1')).json.total;

  // One request as role through kind; body: fields [[name, value]…].
  async function ask(method, path, role, kind, { page = true, fields, csrf = true } = {}) {
    const headers = {};
    let url = srv.url + path, body;
    if (kind === 'bearer') {
      if (role !== 'anonymous') headers.authorization = `Bearer ${tokens[role]}`;
      if (page) url = srv.url + '/api/v1' + (path === '/' ? '/' : path);
      if (method !== 'GET') {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(Object.fromEntries(jsonOf(fields || [])));
      }
    } else {
      const c = clients[role];
      headers.cookie = c.header();
      if (method !== 'GET') {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        const f = (fields || []).filter(([n, , type]) => n !== '_csrf' && type !== 'unchecked');
        if (csrf) f.unshift(['_csrf', c.token]);
        body = new URLSearchParams(f.map(([n, v]) => [n, v])).toString();
      }
    }
    const res = await fetch(url, { method, headers, body, redirect: 'manual' });
    if (kind === 'cookie') clients[role].keep(res);
    return { status: res.status, location: res.headers.get('location') || '', type: res.headers.get('content-type') || '', cookies: res.headers.getSetCookie(), text: await res.text() };
  }

  // Form fields as the API's JSON: numbers and lists where the form sent them.
  function jsonOf(fields) {
    const out = new Map();
    for (const [n, v, type] of fields) {
      if (n === '_csrf' || n === '_next' || n === '_method') continue;
      const x = (type === 'number' || type === 'select' || type === 'multiple') && /^-?\d+$/.test(v) ? Number(v) : type === 'checkbox' ? true : type === 'unchecked' ? false : v;
      if (type === 'multiple') out.set(n, [...(out.get(n) || []), x]);
      else out.set(n, x);
    }
    return out;
  }

  // The concrete path of a route for a record id.
  function concrete(r, id) {
    if (special[r.pattern]) return special[r.pattern].path(id);
    const params = r.pattern.match(/\{[a-z_]+\}|\*[a-z_]+/g) || [];
    assert.ok(r.entity || !params.length, `${r.method} ${r.pattern} names no entity and is not in the matrix's special table`);
    assert.ok(params.every((p) => p === '{id}' || (p === '{file}' && files[r.entity])), `${r.method} ${r.pattern}: a parameter the matrix does not know`);
    return r.pattern.replace('{id}', String(id)).replace('{file}', String(files[r.entity]));
  }

  // Routes without an entity behind their {…}: how to name a real target.
  const special = {
    '/assets/*path': { path: () => '/assets/app/app.css' },
    '/setup/{token}': { path: () => `/setup/${setupToken}` },
    '/admin/users/{id}': { path: () => `/admin/users/${users.member}` },
    '/groups/{id}/record': { path: () => '/groups/1/record' },
    '/clubs/{id}/record': { path: () => '/clubs/1/record' },
    // the 2006 brand contest: confirmed, results public, its first entry 최우수
    '/contests/{id}/assignments': { path: () => '/contests/1/assignments' },
    '/contests/{id}/results': { path: () => '/contests/1/results' },
    '/contests/{id}/results.xlsx': { path: () => '/contests/1/results.xlsx' },
    '/contests/{id}/sheets.xlsx': { path: () => '/contests/1/sheets.xlsx' },
    '/contest-entries/{id}/certificate': { path: () => '/contest-entries/1/certificate' },
    // the demo's first basic manual, 혁신기획팀's, has three versions
    '/manuals/{id}/versions/{n}': { path: () => '/manuals/1/versions/2' },
    '/manuals/{id}/diff': { path: () => '/manuals/1/diff?a=1&b=3' },
    // the demo's 2007 plan
    '/plans/{id}/schedule': { path: () => '/plans/1/schedule' },
    '/plans/{id}/schedule.xlsx': { path: () => '/plans/1/schedule.xlsx' },
    // the demo's 2007-09 general inspection of the devolved affairs
    '/devolved-inspections/{id}/progress': { path: () => '/devolved-inspections/1/progress' },
  };
  let setupToken = 'A'.repeat(43), root;

  // ---- writes without a record of their own, and workflow steps only their
  // module's rules make right: what each needs, what it sends, what it did.
  const passwords = {};   // role → its password now
  const spare = {};       // role → tokens it made, for the revocations
  let lockedPool;         // accounts locked by failed sign-ins, for the unlocks
  let made = 0, address = 0, bulkMonth = 0;
  const login = (role) => `m.${role}`;
  const newPassword = () => `Matrix#${++made}q${made}`;
  const sessionOf = (res) => res.cookies.map((c) => c.split(';')[0]).filter((c) => c.startsWith('il_session=')).join('; ');

  // A page's form as its browser submits it, with values typed in; each value
  // names a field the form has, so a form that loses one fails here.
  async function filled(role, page, action, values = {}) {
    const res = await clients[role].get(page), html = await res.text();
    assert.equal(res.status, 200, `${page} as ${role}: ${res.status}`);
    const fields = formFields(html, action);
    assert.ok(fields, `${page} as ${role} has a form posting to ${action}`);
    for (const [name, value] of Object.entries(values)) {
      const f = fields.find(([n]) => n === name);
      assert.ok(f, `${page}: the form posting to ${action} has a field ${name}`);
      f[1] = value;
      if (f[2] === 'unchecked') f[2] = 'checkbox';
    }
    return fields;
  }

  // A browser's sign-in from an address of its own (127.0.x.y): the failures
  // counted for an address (10 free, then waits for everyone there) never
  // add up on 127.0.0.1, where every other cell signs in.
  function signInFrom(user, password) {
    const n = ++address, localAddress = `127.0.${1 + Math.floor(n / 250)}.${1 + (n % 250)}`;
    const request = (method, path, headers = {}, body) => new Promise((resolve, reject) => {
      const q = http.request({ host: '127.0.0.1', port: srv.port, method, path, localAddress, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
      });
      q.on('error', reject);
      q.end(body);
    });
    return request('GET', '/login').then((page) => {
      const body = new URLSearchParams({ _csrf: page.text.match(/name="_csrf" value="([^"]*)"/)[1], login: user, password, next: '/' }).toString();
      return request('POST', '/login', { cookie: (page.headers['set-cookie'] || []).map((l) => l.split(';')[0]).join('; '),
        'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }, body);
    });
  }

  // role's browser as the cells after need it: signed in with its password
  // now (a password change or a setup link ended its session), or, for
  // anonymous, signed in as nobody.
  async function reset(role) {
    const c = new Client(srv.url);
    if (role === 'anonymous') c.token = await c.csrf('/login');
    else {
      const res = await c.signIn(login(role), passwords[role]);
      assert.equal(res.status, 303, `${role} signs in with its password`);
      assert.equal(res.headers.get('location'), '/', `${role} signs in, no change asked`);
      c.token = await c.csrf('/password');
    }
    clients[role] = c;
  }

  // A new account locked by five wrong passwords (waiting out the throttle
  // between them), whose right password is refused too.
  async function locked() {
    const name = `m.locked${++made}`, id = await addUser(srv.db, name, 'member');
    let res;
    for (let tries = 0; tries < 12 && res?.status !== 423; tries++) {
      res = await signInFrom(name, 'Wrong#pass9x');
      if (res.status === 429) await sleep(Number(res.headers['retry-after']) * 1000 + 50);
      else if (res.status !== 423) assert.equal(res.status, 401, `${name}: a wrong password`);
    }
    assert.equal(res.status, 423, `${name} locked by failed sign-ins`);
    assert.match(res.text, /로그인에 여러 번 실패하여 계정이 잠겼습니다/);
    assert.equal((await signInFrom(name, 'Hyeoksin#2026')).status, 423, `${name}: the right password too while locked`);
    return { id, name };
  }

  // An import of two new rows: the upload answers the preview, its
  // confirmation the rows saved, and the list has them.
  const importing = (entity, file) => ({
    prepare: async () => ({ path: `/${entity}/import`, ...(await file(++made)) }),
    send: (t, role, kind, opts = {}) => upload(t.path, role, kind, { file: t.file, ...opts }),
    observe: async (res, t, role, kind, cell) => {
      assert.equal(res.status, 200, cell);
      const json = kind === 'bearer' ? JSON.parse(res.text) : null;
      if (json) assert.deepEqual([json.preview, json.rows, json.created, json.updated], [true, 2, 2, 0], cell);
      else assert.match(res.text, /2줄 모두 올바릅니다. 새로 2, 갱신 0/, cell);
      const confirm = json ? json.confirm : (res.text.match(/name="confirm" value="([\w-]{43})"/) || [])[1];
      assert.ok(confirm, `${cell}: the preview's confirmation`);
      const total = (await api(`/${entity}?per_page=1`)).json.total;
      const done = await upload(t.path, role, kind, { file: null, fields: { confirm } });
      assert.equal(done.status, 200, `${cell}: confirmed ${done.text.slice(0, 300)}`);
      if (json) assert.deepEqual([JSON.parse(done.text).done, JSON.parse(done.text).created], [true, 2], cell);
      else assert.match(done.text, /2줄을 저장했습니다 \(새로 2, 갱신 0\)/, cell);
      assert.equal((await api(`/${entity}?per_page=1`)).json.total, total + 2, `${cell}: two rows more`);
      for (const [field, value, name] of t.rows) {
        const found = (await api(`/${entity}?q=${encodeURIComponent(name)}`)).json;
        assert.deepEqual(found.items.map((x) => [x[field], x.name]), [[value, name]], `${cell}: ${value} listed`);
      }
    },
  });

  // The answer of a declared action: the browser back on the page with its
  // notice, the API the outcome.
  function actionDone(res, cell, page, action, notice) {
    if (res.location || res.status === 303) {
      assert.equal(res.status, 303, cell);
      assert.equal(res.location, `${page}${page.includes('?') ? '&' : '?'}notice=${action}`, cell);
      return null;
    }
    assert.equal(res.status, 200, cell);
    const json = JSON.parse(res.text);
    assert.deepEqual([json.ok, json.action, json.notice], [true, action, notice], cell);
    return json;
  }

  // A contest of its own for a judging cell: one criterion (0..10, weight
  // 100), one entry of a department apart from the role's own, the role's
  // staff row its judge (the office's name-only judge for the administrator).
  async function judging(role, { closed = false } = {}) {
    const made1 = async (path, body) => {
      const res = await fetch(`${srv.url}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await res.text();
      assert.equal(res.status, 201, `${path}: ${text}`);
      return JSON.parse(text).id;
    };
    const contest = await made1('/contests', { title: `매트릭스 경진대회 ${++made}`, kind: 'work', year: 2007, aggregation: 'mean', best_count: 1, excellent_count: 0, merit_count: 0 });
    await made1('/contest-criteria', { contest_id: contest, name: '창의성', weight: 100, score_min: 0, score_max: 10 });
    const mine = staffOf[role];
    const apart = mine ? `AND NOT EXISTS (SELECT 1 FROM staff s JOIN departments sd ON sd.id = s.department_id WHERE s.id = ${mine} AND (sd.id = d.id OR sd.path LIKE '%/' || d.id || '/%' OR d.path LIKE '%/' || sd.id || '/%'))` : '';
    const dept = Number((await sql(srv.db, `SELECT d.id FROM departments d WHERE d.archived_at IS NULL ${apart} ORDER BY d.id DESC LIMIT 1`)).trim());
    const entry = await made1('/contest-entries', { contest_id: contest, title: `매트릭스 출품작 ${made}`, entrant_kind: 'department', department_id: dept });
    const judge = await made1('/contest-judges', mine ? { contest_id: contest, staff_id: mine, panel: 'expert' } : { contest_id: contest, name: `매트릭스 심사위원 ${made}`, panel: 'expert' });
    if (closed) {
      const res = await fetch(`${srv.url}/api/v1/contests/${contest}/close`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: '{}' });
      assert.equal(res.status, 200, await res.text());
    }
    return { contest, entry, judge };
  }
  // A registry's record made by the administrator, then taken through step
  // (an action without inputs), if any.
  async function registryRecord(path, body, step) {
    const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    const res = await fetch(`${srv.url}/api/v1${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await res.text();
    assert.equal(res.status, 201, `${path}: ${text}`);
    const id = JSON.parse(text).id;
    if (step) assert.equal((await fetch(`${srv.url}/api/v1${path}/${id}/${step}`, { method: 'POST', headers, body: '{}' })).status, 200, `${path}/${id}/${step}`);
    return id;
  }
  const contestIs = async (t, status, cell) => assert.equal((await api(`/contests/${t.contest}`)).json.status, status, cell);

  // Keyed "METHOD pattern": prepare(role) makes a target the role may write
  // (kept as it was by a refused or CSRF-less cell, so the next cell takes
  // it); send, when the default (ask with target.fields) is not how it goes;
  // observe(answer, target, role, kind, cell) asserts the effect.
  const effects = {
    'POST /password': {
      prepare: async (role) => {
        const next = newPassword();
        return { path: '/password', next, old: passwords[role], fields: await filled(role, '/password', '/password', { current: passwords[role], password: next, confirm: next }) };
      },
      observe: async (res, t, role, kind, cell) => {
        assert.equal(res.status, 303, cell);
        assert.equal(res.location, '/me?password=changed', cell);
        passwords[role] = t.next;
        if (kind === 'bearer') {
          assert.equal(sessionOf(res), '', `${cell}: an API client gets no session`);
          assert.equal((await clients[role].get('/me')).status, 303, `${cell}: the browser's session ended with the old password`);
        } else assert.equal((await clients[role].get('/me')).status, 200, `${cell}: the browser that changed it stays signed in`);
        const [old] = await Promise.all([signInFrom(login(role), t.old), reset(role)]); // and with the new one
        assert.equal(old.status, 401, `${cell}: the old password signs in no more`);
        assert.match(old.text, /아이디 또는 비밀번호가 올바르지 않습니다/, cell);
      },
    },
    'POST /setup/{token}': {
      prepare: async (role) => {
        const user = `m.setup${++made}`;
        const r = await run(['user', 'add', '--db', srv.db.url, '--org', '3180000', '--login', user, '--name', `매트릭스 ${made}`, '--role', 'member']);
        assert.equal(r.code, 0, r.stderr);
        const path = `/setup/${r.stdout.match(/\/setup\/([\w-]{43})/)[1]}`, password = newPassword();
        return { path, user, password, fields: await filled(role, path, path, { password, confirm: password }) };
      },
      observe: async (res, t, role, kind, cell) => {
        assert.equal(res.status, 303, cell);
        assert.equal(res.location, '/', cell);
        const me = await fetch(`${srv.url}/api/v1/me`, { headers: { cookie: kind === 'cookie' ? clients[role].header() : sessionOf(res) } });
        assert.equal(me.status, 200, `${cell}: signed in as the account set up`);
        assert.equal((await me.json()).login, t.user, cell);
        const spent = await fetch(srv.url + t.path);
        assert.equal(spent.status, 410, `${cell}: a link works once`);
        assert.match(await spent.text(), /이미 사용했거나 유효 기간이 지난 링크입니다/, cell);
        // the browser is the new account's now: the role's again
        const [owner] = await Promise.all([new Client(srv.url).signIn(t.user, t.password), kind === 'cookie' && reset(role)]);
        assert.equal(owner.status, 303, `${cell}: the password chosen signs in`);
        assert.equal(owner.headers.get('location'), '/', `${cell}: chosen by its owner, no change asked`);
      },
    },
    'POST /account/tokens': {
      prepare: async (role) => {
        const name = `매트릭스 토큰 ${++made}`;
        return { path: '/account/tokens', name, fields: await filled(role, '/account/tokens', '/account/tokens', { name }) };
      },
      observe: async (res, t, role, kind, cell) => {
        assert.equal(res.status, 201, cell);
        const token = kind === 'bearer' ? JSON.parse(res.text).token : (res.text.match(/<code class="il-token">([\w-]{43})<\/code>/) || [])[1];
        assert.ok(token, `${cell}: the new token, shown once`);
        const me = await api('/me', token);
        assert.equal(me.status, 200, `${cell}: the new token authenticates`);
        assert.equal(me.json.login, login(role), cell);
        const row = (await api('/account/tokens', tokens[role])).json.items.find((x) => x.name === t.name);
        assert.equal(row?.active, true, `${cell}: listed, active`);
        (spare[role] ||= []).push({ id: row.id, token });
      },
    },
    'POST /account/tokens/{id}/revoke': {
      prepare: async (role) => {
        let mine = spare[role]?.pop();
        if (!mine) {
          const res = await ask('POST', '/account/tokens', role, 'bearer', { fields: [['name', `매트릭스 폐기 ${++made}`]] });
          assert.equal(res.status, 201, res.text);
          mine = { id: JSON.parse(res.text).items[0].id, token: JSON.parse(res.text).token };
        }
        const path = `/account/tokens/${mine.id}/revoke`;
        return { path, ...mine, fields: await filled(role, '/account/tokens', path) };
      },
      observe: async (res, t, role, kind, cell) => {
        assert.equal(res.status, 303, cell);
        assert.equal(res.location, '/account/tokens', cell);
        const gone = await api('/me', t.token);
        assert.equal(gone.status, 401, `${cell}: the revoked token is refused`);
        assert.equal(gone.json.error.code, 'unauthorized', cell);
        const row = (await api('/account/tokens', tokens[role])).json.items.find((x) => x.id === t.id);
        assert.deepEqual([row.active, /^\d{4}-/.test(row.revoked_at)], [false, true], `${cell}: listed as revoked`);
        assert.equal((await api('/me', tokens[role])).status, 200, `${cell}: the role's other token goes on`);
      },
    },
    'POST /admin/users/{id}/unlock': {
      ready: async () => { lockedPool = await lockedPool; },
      prepare: async () => {
        const u = lockedPool.shift() || (await locked()), path = `/admin/users/${u.id}/unlock`;
        return { path, ...u, fields: await filled('admin', `/admin/users/${u.id}`, path) };
      },
      observe: async (res, t, role, kind, cell) => {
        assert.equal(res.status, 303, cell);
        assert.equal(res.location, `/admin/users/${t.id}`, cell);
        assert.equal((await api('/admin/users')).json.items.find((u) => u.id === t.id).locked, false, `${cell}: listed unlocked`);
        const back = await new Client(srv.url).signIn(t.name, 'Hyeoksin#2026');
        assert.equal(back.status, 303, `${cell}: the account signs in again`);
        assert.equal(back.headers.get('location'), '/password', `${cell}: to its first password change`);
      },
    },
    'POST /staff/import': importing('staff', async (n) => {
      const code = (await api('/departments?per_page=100')).json.items.find((d) => d.code).code;
      const rows = [1, 2].map((k) => ['employee_no', `99${String(n).padStart(4, '0')}${k}`, `매트릭스직원${n}-${k}`]);
      const csv = `사번,성명,직급,부서코드\n${rows.map(([, no, name]) => `${no},${name},6급,${code}`).join('\n')}\n`;
      return { rows, file: { name: `매트릭스 직원 ${n}.csv`, bytes: Buffer.from(csv) } };
    }),
    'POST /departments/import': importing('departments', async (n) => {
      const rows = [['code', `M${n}A`, `매트릭스국${n}`], ['code', `M${n}B`, `매트릭스과${n}`]];
      const csv = `부서코드,부서명,구분,상위부서코드\nM${n}A,매트릭스국${n},국,\nM${n}B,매트릭스과${n},과·담당관·보건소,M${n}A\n`;
      return { rows, file: { name: `매트릭스 부서 ${n}.csv`, bytes: Buffer.from(csv) } };
    }),
    // the ministry's list of devolved affairs: two new cards in one upload,
    // listed after it (no preview step: a dry run is the form's checkbox)
    'POST /devolved-affairs/import': {
      prepare: async () => {
        const n = ++made, rows = [1, 2].map((k) => `M${n}-${k}`);
        const csv = `사무번호,사무명,담당부서,추진상태\n${rows.map((no) => `${no},매트릭스 이양사무 ${no},혁신기획담당관,진행`).join('\n')}\n`;
        return { path: '/devolved-affairs/import', rows, file: { name: `매트릭스 이양사무 ${n}.csv`, bytes: Buffer.from(csv) } };
      },
      send: (t, role, kind, opts = {}) => upload(t.path, role, kind, { file: t.file, ...opts }),
      observe: async (res, t, role, kind, cell) => {
        assert.equal(res.status, 200, `${cell}: ${res.text.slice(0, 300)}`);
        if (kind === 'bearer') {
          const json = JSON.parse(res.text);
          assert.deepEqual([json.done, json.rows, json.created, json.updated], [true, 2, 2, 0], cell);
        } else assert.match(res.text, /2줄을 저장했습니다 \(새로 2, 갱신 0\)/, cell);
        for (const no of t.rows)
          assert.equal((await api(`/devolved-affairs?q=${encodeURIComponent(no)}`)).json.items.filter((a) => a.affair_no === no).length, 1, `${cell}: ${no} listed`);
      },
    },
    'POST /mileage-entries/bulk': {
      prepare: async () => {
        const month = `2003-${String(++bulkMonth).padStart(2, '0')}`; // a month without entries
        const people = (await api(`/staff?per_page=3&page=${bulkMonth + 1}`)).json.items;
        assert.equal(people.length, 3);
        return { path: '/mileage-entries/bulk', month, people, fields: await filled('admin', '/mileage-entries/bulk', '/mileage-entries/bulk',
          { numbers: people.map((p) => p.employee_no).join('\n'), points: '1.5', earned_on: `${month}-15`, reason: `매트릭스 일괄 부여 ${month}` }) };
      },
      observe: async (res, t, role, kind, cell) => {
        assert.equal(res.status, 303, cell);
        assert.equal(res.location, '/mileage-entries/bulk?done=3', cell);
        const board = (await api(`/mileage-entries/leaderboard?period=${t.month}`)).json;
        assert.deepEqual(board.rows.map((x) => [x.name, x.points]).sort(), t.people.map((p) => [p.name, '1.5']).sort(), `${cell}: the month's board`);
        const ledger = (await api(`/mileage-entries?q=${encodeURIComponent(`매트릭스 일괄 부여 ${t.month}`)}&per_page=100`)).json;
        assert.deepEqual(ledger.items.map((e) => [e.staff_id, e.points, e.earned_on]).sort(), t.people.map((p) => [p.id, 1.5, `${t.month}-15`]).sort(), `${cell}: the ledger`);
      },
    },
    'POST /enrolments/attendance': {
      prepare: async () => {
        const course = openCourse(), people = (await api(`/staff?per_page=2&page=${++made + 20}`)).json.items;
        assert.equal(people.length, 2);
        const csv = `직원 번호,이름,이수 시간\n${people.map((p) => `${p.employee_no},${p.name},3`).join('\n')}\n`;
        return { path: '/enrolments/attendance', course, people, fields: { course_id: String(course), completed_on: '2007-05-02' },
          file: { name: `매트릭스 출석부 ${made}.csv`, bytes: Buffer.from(csv) } };
      },
      send: (t, role, kind, opts = {}) => upload(t.path, role, kind, { file: t.file, fields: t.fields, ...opts }),
      observe: async (res, t, role, kind, cell) => {
        assert.equal(res.status, 200, `${cell}: ${res.text.slice(0, 300)}`);
        const json = kind === 'bearer' ? JSON.parse(res.text) : null;
        if (json) assert.deepEqual([json.preview, json.rows, json.completed], [true, 2, 2], cell);
        const confirm = json ? json.confirm : (res.text.match(/name="confirm" value="([\w-]{43})"/) || [])[1];
        assert.ok(confirm, `${cell}: the dry run's confirmation`);
        assert.equal((await api(`/enrolments?course_id=${t.course}`)).json.total, 0, `${cell}: a dry run writes nothing`);
        const done = await upload(t.path, role, kind, { file: null, fields: { ...t.fields, confirm } });
        assert.equal(done.status, 200, `${cell}: confirmed ${done.text.slice(0, 300)}`);
        const list = (await api(`/enrolments?course_id=${t.course}&per_page=100`)).json.items;
        assert.deepEqual(list.map((x) => [x.staff_id, x.status, x.hours, x.completed_on]).sort(), t.people.map((p) => [p.id, 'completed', 3, '2007-05-02']).sort(), `${cell}: both completed`);
      },
    },
    'POST /mileage-rewards/mvps': {
      prepare: async () => {
        for (const { value: period } of (await api('/mileage-rewards/mvps')).json.periods) {
          const doc = (await api(`/mileage-rewards/mvps?period=${period}`)).json;
          // a month where a tie at the cut-off brings more than one confirmation takes (100) is another cell's
          if (!/^\d{4}-\d{2}$/.test(period) || doc.is_confirmed || !doc.candidates.length || doc.candidates.length > 100) continue;
          const amounts = Object.fromEntries(doc.candidates.map((c) => [`amount_${c.staff_id}`, '50000']));
          return { path: '/mileage-rewards/mvps', period, candidates: doc.candidates, rewards: (await api(`/mileage-rewards?period=${period}`)).json.total,
            fields: await filled('admin', `/mileage-rewards/mvps?period=${period}`, '/mileage-rewards/mvps', amounts) };
        }
        assert.fail('a month with candidates and no MVPs yet');
      },
      observe: async (res, t, role, kind, cell) => {
        actionDone(res, cell, `/mileage-rewards/mvps?period=${t.period}`, 'mvps', '혁신MVP를 확정하고 포상을 기록했습니다.');
        const doc = (await api(`/mileage-rewards/mvps?period=${t.period}`)).json;
        assert.deepEqual([doc.is_confirmed, doc.people, doc.amount_total], [true, t.candidates.length, 50000 * t.candidates.length], `${cell}: confirmed`);
        assert.deepEqual(doc.confirmed.map((m) => m.name).sort(), t.candidates.map((c) => c.name).sort(), cell);
        assert.equal((await api(`/mileage-rewards?period=${t.period}`)).json.total, t.rewards + t.candidates.length, `${cell}: a reward each`);
        const again = await ask('POST', t.path, 'admin', 'bearer', { fields: t.fields });
        assert.equal(again.status, 409, `${cell}: confirmed once`);
        assert.equal(JSON.parse(again.text).error.detail, '이 기간의 MVP는 이미 확정되었습니다.', cell);
      },
    },
    'POST /knowledge-items/{id}/review': {
      prepare: async (role) => {
        const open = (await api(`/knowledge-items?field_id=${ids['knowledge-fields'][0]}&per_page=100`)).json.items.filter((k) => ['registered', 'under_review'].includes(k.status));
        for (const k of open) {
          if ((await api(`/knowledge-items/${k.id}/review`, tokens[role])).status !== 200) continue; // not this role's to review
          const path = `/knowledge-items/${k.id}/review`, comment = `매트릭스 심사 ${++made}`;
          const fields = await filled(role, `/knowledge-items/${k.id}`, path, { comment });
          const scores = fields.filter(([n]) => /^score_\d+$/.test(n));
          assert.ok(scores.length, `${path}: the criteria's scores`);
          for (const f of scores) f[1] = '10';
          return { path, id: k.id, comment, total: 10 * scores.length, fields };
        }
        assert.fail(`an item of the first field left for ${role} to review`);
      },
      observe: async (res, t, role, kind, cell) => {
        const json = actionDone(res, cell, `/knowledge-items/${t.id}`, 'review', '심사를 기록했습니다.');
        if (json) assert.equal(json.item.status, 'under_review', cell);
        const mine = (await api(`/knowledge-reviews?item_id=${t.id}&per_page=100`)).json.items.filter((x) => x.comment === t.comment);
        assert.deepEqual(mine.map((x) => [x.expert_name, x.total, x.proposed]), [[login(role), t.total, 'adopt']], `${cell}: the review listed`);
        assert.equal((await api(`/knowledge-items/${t.id}`)).json.status, 'under_review', `${cell}: the item under review`);
        const twice = await api(`/knowledge-items/${t.id}/review`, tokens[role]);
        assert.equal(twice.status, 403, `${cell}: reviewed once`);
        assert.equal(twice.json.error.detail, '이 지식의 분야 전문가만, 작성자가 아닐 때, 심사를 기다리는 지식을 한 번 심사할 수 있습니다.', cell);
      },
    },
    'POST /knowledge-items/{id}/decide': {
      prepare: async () => {
        const waiting = async (status) => (await api(`/knowledge-items?status=${status}&per_page=1`)).json.items;
        const [k] = [...(await waiting('under_review')), ...(await waiting('registered'))];
        assert.ok(k, 'an item waiting for its decision');
        const path = `/knowledge-items/${k.id}/decide`;
        return { path, id: k.id, fields: await filled('admin', `/knowledge-items/${k.id}`, path) };
      },
      observe: async (res, t, role, kind, cell) => {
        const json = actionDone(res, cell, `/knowledge-items/${t.id}`, 'decide', '결정을 기록하고 작성자에게 알렸습니다.');
        if (json) assert.equal(json.item.status, 'adopted', cell);
        assert.equal((await api(`/knowledge-items/${t.id}`)).json.status, 'adopted', `${cell}: the item adopted`);
        const again = await ask('POST', t.path, 'admin', 'bearer', { fields: t.fields });
        assert.equal(again.status, 409, `${cell}: decided once`);
        assert.equal(JSON.parse(again.text).error.detail, '이미 결정된 지식입니다.', cell);
      },
    },
    'POST /contest-entries/{id}/score': {
      prepare: async (role) => {
        const t = await judging(role), path = `/contest-entries/${t.entry}/score`;
        const fields = await filled(role, `/contest-entries/${t.entry}`, path);
        const scores = fields.filter(([n]) => /^score_\d+$/.test(n));
        assert.equal(scores.length, 1, `${path}: the criterion's score`);
        scores[0][1] = '8';
        const judge = fields.find(([n]) => n === 'judge_id');
        if (judge) judge[1] = String(t.judge); // the office enters it for its judge
        return { ...t, path, id: t.entry, fields };
      },
      observe: async (res, t, role, kind, cell) => {
        actionDone(res, cell, `/contest-entries/${t.entry}`, 'score', '심사표를 제출했습니다. 제출한 심사표는 고칠 수 없고, 고치면 새 판으로 남습니다.');
        const sheets = (await api(`/contest-scores?entry_id=${t.entry}`)).json.items;
        assert.deepEqual(sheets.map((x) => [x.judge_id, x.version, x.total]), [[t.judge, 1, 8000]], `${cell}: the sheet listed`);
      },
    },
    'POST /contest-entries/{id}/recuse': {
      prepare: async (role) => {
        const t = await judging(role), path = `/contest-entries/${t.entry}/recuse`, reason = `매트릭스 회피 ${++made}`;
        const fields = await filled(role, path, path, { reason });
        const judge = fields.find(([n]) => n === 'judge_id');
        if (judge) judge[1] = role === 'admin' ? String(t.judge) : '';
        return { ...t, path, id: t.entry, reason, fields };
      },
      observe: async (res, t, role, kind, cell) => {
        actionDone(res, cell, `/contest-entries/${t.entry}`, 'recuse', '회피를 기록했습니다. 이 출품작은 심사하지 않습니다.');
        assert.equal((await sql(srv.db, `SELECT judge_id || ' ' || reason FROM contest_recusals WHERE entry_id = ${t.entry}`)).trim(), `${t.judge} ${t.reason}`, `${cell}: the recusal recorded`);
      },
    },
    'POST /contests/{id}/close': {
      prepare: async (role) => {
        const t = await judging(role);
        return { ...t, path: `/contests/${t.contest}/close`, id: t.contest, fields: await filled(role, `/contests/${t.contest}`, `/contests/${t.contest}/close`) };
      },
      observe: async (res, t, role, kind, cell) => {
        actionDone(res, cell, `/contests/${t.contest}`, 'close', '심사를 마감했습니다. 지금의 심사표로 결과를 고정했습니다.');
        await contestIs(t, 'closed', cell);
        assert.equal((await api(`/contests/${t.contest}/results`)).json.board.version, 1, `${cell}: results frozen`);
      },
    },
    'POST /contests/{id}/confirm': {
      prepare: async (role) => {
        const t = await judging(role, { closed: true });
        return { ...t, path: `/contests/${t.contest}/confirm`, id: t.contest, fields: await filled(role, `/contests/${t.contest}`, `/contests/${t.contest}/confirm`) };
      },
      observe: async (res, t, role, kind, cell) => {
        actionDone(res, cell, `/contests/${t.contest}`, 'confirm', '수상을 확정했습니다. 출품자와 수상자의 마일리지 사건을 기록했습니다.');
        await contestIs(t, 'confirmed', cell);
      },
    },
    'POST /contests/{id}/reopen': {
      prepare: async (role) => {
        const t = await judging(role, { closed: true }), path = `/contests/${t.contest}/reopen`;
        return { ...t, path, id: t.contest, fields: await filled(role, path, path, { reason: '매트릭스 재심사' }) };
      },
      observe: async (res, t, role, kind, cell) => {
        actionDone(res, cell, `/contests/${t.contest}`, 'reopen', '심사를 다시 열었습니다. 사유는 감사 기록에 남았습니다.');
        await contestIs(t, 'open', cell);
      },
    },
    // a manual's next version: on a manual of its own, on a team the role
    // may keep (a manager's under its bureau), its text typed in the form
    'POST /manuals/{id}/save': {
      prepare: async (role) => {
        const under = role === 'manager' ? `AND path LIKE '/${root}/%'` : '';
        const team = Number((await sql(srv.db, `SELECT id FROM departments WHERE kind = 'team' AND archived_at IS NULL ${under} ORDER BY id LIMIT 1`)).trim());
        const res = await fetch(`${srv.url}/api/v1/manuals`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ title: `매트릭스 매뉴얼 ${++made}`, department_id: team, year: 2030 + made % 70, kind: 'unit', duty: `매트릭스 단위사무 ${made}` }) });
        const text = await res.text();
        assert.equal(res.status, 201, text);
        const id = JSON.parse(text).id, path = `/manuals/${id}/save`;
        return { id, path, fields: await filled(role, path, path, { body: `# 매트릭스 매뉴얼 ${made}\n\n1. 접수`, note: '매트릭스 판' }) };
      },
      observe: async (res, t, role, kind, cell) => {
        actionDone(res, cell, `/manuals/${t.id}`, 'save', '새 판으로 저장했습니다.');
        assert.equal((await api(`/manuals/${t.id}`)).json.versions, 1, `${cell}: version 1 saved`);
        assert.equal((await api(`/manual-versions?manual_id=${t.id}`)).json.items[0].note, '매트릭스 판', cell);
      },
    },
    // the evaluations' steps: each on a round of its own, made here (one
    // area of 20 points: a computed indicator and a scored one, one division)
    'POST /evaluations/{id}/close': {
      round: async ({ close = false } = {}) => {
        const make = async (path, body) => {
          const res = await fetch(`${srv.url}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
          const text = await res.text();
          assert.ok(res.status === 201 || res.status === 200, `${path}: ${text}`);
          return JSON.parse(text);
        };
        const round = await make('/evaluations', { year: 2007, title: `매트릭스 평가 ${++made}`, subject: 'departments', period_from: '2007-01-01', period_to: '2007-12-31' });
        const area = await make('/evaluation-areas', { evaluation_id: round.id, name: '혁신역량', weight: 20 });
        const computed = await make('/evaluation-indicators', { evaluation_id: round.id, area_id: area.id, name: '1인당 지식 등록', weight: 10, method: 'computed', measure: 'knowledge_per_head', norm: 'ratio_best' });
        const scored = await make('/evaluation-indicators', { evaluation_id: round.id, area_id: area.id, name: '추진 노력도', weight: 10, method: 'scored', score_lo: 0, score_hi: 10 });
        const divisions = (await api('/departments?kind=division&per_page=2')).json.items;
        const target = await make('/evaluation-targets', { evaluation_id: round.id, department_id: divisions[0].id });
        if (close) await make(`/evaluations/${round.id}/close`, {});
        return { id: round.id, target: target.id, computed: computed.id, scored: scored.id, other: divisions[1].id };
      },
      prepare: async () => {
        const r = await effects['POST /evaluations/{id}/close'].round();
        const path = `/evaluations/${r.id}/close`;
        return { ...r, path, fields: await filled('admin', `/evaluations/${r.id}`, path) };
      },
      observe: async (res, t, role, kind, cell) => {
        const json = actionDone(res, cell, `/evaluations/${t.id}`, 'close', '평가를 마감하고 결과를 계산했습니다.');
        if (json) assert.deepEqual([json.item.status, json.item.version], ['closed', 1], cell);
        const doc = (await api(`/evaluations/results?round=${t.id}`)).json;
        assert.deepEqual([doc.version, doc.rows.length, doc.rows[0].rank, doc.rows[0].tier_label], [1, 1, 1, '최우수'], `${cell}: the result`);
        const again = await ask('POST', t.path, 'admin', 'bearer', { fields: t.fields });
        assert.equal(again.status, 409, `${cell}: closed once`);
        assert.equal(JSON.parse(again.text).error.detail, '이미 마감된 평가입니다.', cell);
      },
    },
    'POST /evaluations/{id}/recompute': {
      prepare: async () => {
        const r = await effects['POST /evaluations/{id}/close'].round({ close: true });
        const path = `/evaluations/${r.id}/recompute`;
        return { ...r, path, fields: await filled('admin', path, path, { reason: '매트릭스 재계산' }) };
      },
      observe: async (res, t, role, kind, cell) => {
        const json = actionDone(res, cell, `/evaluations/${t.id}`, 'recompute', '결과를 다시 계산해 새 버전으로 남겼습니다.');
        if (json) assert.equal(json.item.version, 2, cell);
        const doc = (await api(`/evaluations/results?round=${t.id}`)).json;
        assert.deepEqual(doc.versions.map((v) => [v.version, v.kind, v.reason]), [[1, 'close', ''], [2, 'recompute', '매트릭스 재계산']], `${cell}: a new version`);
      },
    },
    'POST /evaluations/{id}/reopen': {
      prepare: async () => {
        const r = await effects['POST /evaluations/{id}/close'].round({ close: true });
        const path = `/evaluations/${r.id}/reopen`;
        return { ...r, path, fields: await filled('admin', path, path, { reason: '매트릭스 이의 신청' }) };
      },
      observe: async (res, t, role, kind, cell) => {
        actionDone(res, cell, `/evaluations/${t.id}`, 'reopen', '평가를 다시 열었습니다. 결과 공개는 취소되었습니다.');
        assert.equal((await api(`/evaluations/${t.id}`)).json.status, 'open', `${cell}: open again`);
        const again = await ask('POST', t.path, 'admin', 'bearer', { fields: t.fields });
        assert.equal(again.status, 409, `${cell}: reopened once`);
        assert.equal(JSON.parse(again.text).error.detail, '마감된 평가만 할 수 있습니다. 먼저 평가를 마감하십시오.', cell);
      },
    },
    'POST /evaluations/{id}/publish': {
      prepare: async () => {
        const r = await effects['POST /evaluations/{id}/close'].round({ close: true });
        const path = `/evaluations/${r.id}/publish`;
        return { ...r, path, fields: await filled('admin', `/evaluations/${r.id}`, path) };
      },
      observe: async (res, t, role, kind, cell) => {
        actionDone(res, cell, `/evaluations/${t.id}`, 'publish', '결과를 공개했습니다.');
        assert.equal((await api(`/evaluations/${t.id}`)).json.published, true, `${cell}: published`);
        assert.equal((await api(`/evaluations/results?round=${t.id}`, tokens.member)).json.rows.length, 1, `${cell}: the departments see the ranking`);
      },
    },
    // the registries' workflow steps, each on a record of its own in the state it needs
    'POST /complaint-improvements/{id}/review': {
      prepare: async () => {
        const id = await registryRecord('/complaint-improvements', { title: `매트릭스 민원제도개선 ${++made}`, source: 'repeated', found_on: '2007-05-01' });
        const path = `/complaint-improvements/${id}/review`;
        return { id, path, fields: await filled('admin', `/complaint-improvements/${id}`, path) };
      },
      observe: async (res, t, role, kind, cell) => {
        actionDone(res, cell, `/complaint-improvements/${t.id}`, 'review', '검토를 시작했습니다.');
        assert.equal((await api(`/complaint-improvements/${t.id}`)).json.status, 'reviewing', cell);
      },
    },
    'POST /complaint-improvements/{id}/complete': {
      prepare: async () => {
        const id = await registryRecord('/complaint-improvements', { title: `매트릭스 민원제도개선 ${++made}`, source: 'chronic', found_on: '2007-05-01' }, 'review');
        const path = `/complaint-improvements/${id}/complete`;
        return { id, path, fields: await filled('admin', path, path, { decided_on: '2007-06-30' }) };
      },
      observe: async (res, t, role, kind, cell) => {
        actionDone(res, cell, `/complaint-improvements/${t.id}`, 'complete', '개선 완료로 기록했습니다.');
        const row = (await api(`/complaint-improvements/${t.id}`)).json;
        assert.deepEqual([row.status, row.decided_on], ['done', '2007-06-30'], cell);
      },
    },
    'POST /complaint-improvements/{id}/reject': {
      prepare: async () => {
        const id = await registryRecord('/complaint-improvements', { title: `매트릭스 민원제도개선 ${++made}`, source: 'internal', found_on: '2007-05-01' });
        const path = `/complaint-improvements/${id}/reject`;
        return { id, path, fields: await filled('admin', path, path, { reason: '매트릭스 불채택' }) };
      },
      observe: async (res, t, role, kind, cell) => {
        actionDone(res, cell, `/complaint-improvements/${t.id}`, 'reject', '불채택으로 기록했습니다. 사유는 감사 기록에 남았습니다.');
        const row = (await api(`/complaint-improvements/${t.id}`)).json;
        assert.deepEqual([row.status, row.reason], ['rejected', '매트릭스 불채택'], cell);
      },
    },
    'POST /benchmarkings/{id}/publish': {
      prepare: async () => {
        const id = await registryRecord('/benchmarkings', { institution: `매트릭스 기관 ${++made}`, region: 'domestic', sector: 'public', method: 'visit', visited_on: '2007-05-02', follow_up: 'immediate', status: 'done', findings: '매트릭스 결과' });
        const path = `/benchmarkings/${id}/publish`;
        return { id, path, fields: await filled('admin', path, path, { field_id: String(ids['knowledge-fields'][0]) }) };
      },
      observe: async (res, t, role, kind, cell) => {
        actionDone(res, cell, `/benchmarkings/${t.id}`, 'publish', '벤치마킹 결과를 지식(벤치마킹)으로 게시했습니다.');
        const item = (await api(`/benchmarkings/${t.id}`)).json.knowledge_item_id;
        assert.equal((await api(`/knowledge-items/${item}`)).json.kind, 'benchmarking', `${cell}: published as knowledge`);
      },
    },
    'POST /disclosures/{id}/publish': {
      prepare: async () => {
        const id = await registryRecord('/disclosures', { title: `매트릭스 공시 ${++made}`, year: 2007, half: 'h1', disclosed_on: '2007-07-10' });
        const path = `/disclosures/${id}/publish`;
        return { id, path, fields: await filled('admin', path, path, { published_on: '2007-07-12' }) };
      },
      observe: async (res, t, role, kind, cell) => {
        actionDone(res, cell, `/disclosures/${t.id}`, 'publish', '공시를 게시했습니다.');
        const row = (await api(`/disclosures/${t.id}`)).json;
        assert.deepEqual([row.published, row.published_on], [true, '2007-07-12'], cell);
      },
    },
    // one evaluation a quarter: each cell evaluates an improvement of its own
    'POST /complaint-evaluations': {
      prepare: async () => {
        const res = await fetch(`${srv.url}/api/v1/complaint-improvements`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ title: `매트릭스 민원제도개선 ${++made}`, source: 'internal', found_on: '2007-05-01' }) });
        const text = await res.text();
        assert.equal(res.status, 201, text);
        const id = JSON.parse(text).id;
        return { id: undefined, improvement: id, path: '/complaint-evaluations', fields: await filled('admin', '/complaint-evaluations/new', '/complaint-evaluations', { improvement_id: String(id), year: '2007', quarter: '2', score: '77' }) };
      },
      observe: async (res, t, role, kind, cell) => {
        assert.ok(res.status === 201 || res.status === 303, cell);
        const list = (await api(`/complaint-evaluations?improvement_id=${t.improvement}`)).json.items;
        assert.deepEqual(list.map((e) => [e.year, e.quarter, e.score]), [[2007, 2, 77]], `${cell}: evaluated once`);
      },
    },
    'POST /evaluation-targets': {
      prepare: async () => {
        const r = await effects['POST /evaluations/{id}/close'].round();
        return { ...r, path: '/evaluation-targets', fields: await filled('admin', '/evaluation-targets/new', '/evaluation-targets', { evaluation_id: String(r.id), department_id: String(r.other) }) };
      },
      observe: async (res, t, role, kind, cell) => {
        assert.ok(res.status === 201 || res.status === 303, cell);
        const list = (await api(`/evaluation-targets?evaluation_id=${t.id}`)).json.items;
        assert.deepEqual(list.map((x) => x.department_id).sort(), [t.other, (await api(`/evaluation-targets/${t.target}`)).json.department_id].sort(), `${cell}: listed`);
      },
    },
    'POST /evaluation-targets/{id}/assign': {
      prepare: async () => {
        const r = await effects['POST /evaluations/{id}/close'].round();
        const path = `/evaluation-targets/${r.target}/assign`;
        return { ...r, path, fields: await filled('admin', path, path, { login: login('evaluator') }) };
      },
      observe: async (res, t, role, kind, cell) => {
        actionDone(res, cell, `/evaluation-targets/${t.target}`, 'assign', '평가위원을 배정했습니다.');
        const again = await ask('POST', t.path, 'admin', 'bearer', { fields: t.fields });
        assert.equal(again.status, 409, `${cell}: assigned once`);
        assert.equal(JSON.parse(again.text).error.detail, '이미 이 대상에 배정된 평가위원입니다.', cell);
      },
    },
    'POST /evaluation-targets/{id}/score': {
      prepare: async (role) => {
        const r = await effects['POST /evaluations/{id}/close'].round();
        const path = `/evaluation-targets/${r.target}/score`;
        if (role === 'evaluator') {
          const res = await ask('POST', `/evaluation-targets/${r.target}/assign`, 'admin', 'bearer', { fields: [['login', login('evaluator'), 'text']] });
          assert.equal(res.status, 200, res.text);
        }
        return { ...r, path, fields: await filled(role, path, path, { indicator_id: String(r.scored), score: '7' }) };
      },
      observe: async (res, t, role, kind, cell) => {
        actionDone(res, cell, `/evaluation-targets/${t.target}`, 'score', '점수를 기록했습니다.');
        const sheets = (await api(`/evaluation-scores?target_id=${t.target}`)).json.items;
        assert.deepEqual(sheets.map((x) => [x.indicator_id, x.score, x.version, x.evaluator_name]), [[t.scored, 7, 1, login(role)]], `${cell}: the sheet`);
      },
    },
    'POST /logout': {
      prepare: async (role) => ({ path: '/logout', session: clients[role].header(), fields: await filled(role, '/me', '/logout') }),
      observe: async (res, t, role, kind, cell) => {
        assert.equal(res.status, 303, cell);
        assert.equal(res.location, '/', cell);
        assert.equal((await api('/admin/audit?action=logout&per_page=1')).json.items[0].actor, login(role), `${cell}: on the trail`);
        if (kind === 'bearer') {
          assert.equal((await clients[role].get('/api/v1/me')).status, 200, `${cell}: a token's sign-out ends no browser's session`);
          assert.equal((await api('/me', tokens[role])).status, 200, `${cell}: nor the token`);
        } else assert.equal((await fetch(`${srv.url}/api/v1/me`, { headers: { cookie: t.session } })).status, 401, `${cell}: the session ended`);
      },
    },
    'POST /login': {
      prepare: async (role) => {
        const as = role === 'anonymous' ? 'member' : role; // anonymous signs in as the member
        return { path: '/login', user: login(as), fields: await filled(role, '/login', '/login', { login: login(as), password: passwords[as], next: '/me' }) };
      },
      observe: async (res, t, role, kind, cell) => {
        assert.equal(res.status, 303, cell);
        assert.equal(res.location, '/me', cell);
        const me = await fetch(`${srv.url}/api/v1/me`, { headers: { cookie: kind === 'cookie' ? clients[role].header() : sessionOf(res) } });
        assert.equal(me.status, 200, `${cell}: the new session`);
        assert.equal((await me.json()).login, t.user, cell);
      },
    },
  };

  // The cells of a route in `effects`: refused and CSRF-less ones send the
  // prepared request and change nothing; allowed ones make the effect.
  async function effectCells(r, eff) {
    const send = (t, role, kind, opts = {}) => (eff.send ? eff.send(t, role, kind, opts) : ask(r.method, t.path, role, kind, { page: r.page, fields: t.fields, ...opts }));
    const snapshot = async (t) => JSON.stringify([await audits(), r.entity && t.id ? await api(`/${r.entity}/${t.id}`) : null]);
    const unchanged = async (t, role, kind, opts, check) => {
      const before = await snapshot(t);
      const res = await send(t, role, kind, opts);
      const cell = `${r.method} ${t.path} as ${role} (${kind}${opts.csrf === false ? ', no CSRF token' : ''}): ${res.status} ${res.text.slice(0, 200)}`;
      check(res, cell);
      assert.equal(await snapshot(t), before, `${cell}: changed something`);
    };
    const kept = {}; // role → a target left as it was, for its next cell
    const allowed = everyone.filter((x) => r.roles.includes(x));
    await eff.ready?.();
    const owner = r.roles.includes('admin') ? 'admin' : allowed.find((x) => x !== 'anonymous');
    for (const role of everyone.filter((x) => !r.roles.includes(x))) for (const kind of kinds) {
      const t = (kept[owner] ||= await eff.prepare(owner));
      await unchanged(t, role, kind, {}, (res, cell) => refused(res, role, kind, r.page, cell));
      count.refused++;
    }
    for (const role of allowed) {
      const t = (kept[role] ||= await eff.prepare(role));
      await unchanged(t, role, 'cookie', { csrf: false }, (res, cell) => assert.equal(res.status, 403, cell));
      count.csrf++;
    }
    for (const role of allowed) for (const kind of kinds) {
      count.allowed++;
      if (role === 'anonymous' && kind === 'bearer') { // no token, no session: no browser's form
        await unchanged(kept[role], role, kind, {}, (res, cell) => {
          assert.equal(res.status, 403, cell);
          assert.match(res.text, /csrf_failed/, cell);
        });
        count.nobrowser++;
        continue;
      }
      const t = kept[role] || (await eff.prepare(role));
      delete kept[role];
      const res = await send(t, role, kind);
      await eff.observe(res, t, role, kind, `${r.method} ${t.path} as ${role} (${kind}): ${res.status} ${res.text.slice(0, 300)}`);
      count.effect++;
    }
  }

  before(async () => {
    // views pending in memory are written only at the stop: a flush between
    // two snapshots would change the list's stored count, which no write did
    srv = await start(['--demo', '--count-flush', '3600']);
    setupToken = srv.stdout().match(/\/setup\/([\w-]{43})/)[1]; // the first administrator's link
    routes = JSON.parse((await run(['routes'])).stdout);
    // the manager heads the bureau with the most departments under it
    root = Number((await sql(srv.db, "SELECT r.id FROM departments r JOIN departments d ON d.path LIKE '/' || r.id || '/%' WHERE r.path = '/' GROUP BY r.id ORDER BY COUNT(*) DESC, r.id LIMIT 1")).trim());
    for (const role of roles) {
      users[role] = await addUser(srv.db, `m.${role}`, role);
      if (role === 'manager') await sql(srv.db, `UPDATE users SET department_id = ${root} WHERE id = ${users[role]}`);
      const t = await run(['token', 'create', '--db', srv.db.url, '--login', `m.${role}`]);
      assert.equal(t.code, 0, t.stderr);
      tokens[role] = t.stdout.trim();
      clients[role] = await staff(srv.url, `m.${role}`);
      passwords[role] = 'Hyeoksin#2027'; // chosen at the first sign-in
    }
    clients.anonymous = new Client(srv.url);
    for (const role of everyone) clients[role].token = await clients[role].csrf(role === 'anonymous' ? '/login' : '/password');
    adminToken = tokens.admin;
    // staff roles are people of the organisation: each account its own staff
    // row (the roles from member on are clubs' 총무, linked below)
    for (const role of roles.slice(1, 2)) {
      staffOf[role] = Number((await sql(srv.db, `SELECT id FROM staff WHERE user_id IS NULL AND active = 1 ORDER BY id LIMIT 1`)).trim());
      await sql(srv.db, `UPDATE staff SET user_id = ${users[role]} WHERE id = ${staffOf[role]}`);
    }
    for (let i = 0; i < 80; i++) courses.push(await newCourse());
    course = openCourse();
    for (const e of new Set(routes.map((r) => r.entity).filter(Boolean))) {
      const list = await api(`/${e}?per_page=100`);
      assert.equal(list.status, 200, `${e} list`);
      ids[e] = list.json.items.map((x) => x.id);
    }
    // a manager confirms and completes their bureau's applications (actions
    // without a form take the records in turn): applications of theirs first
    const bureau = new Set((await sql(srv.db, `SELECT id FROM departments WHERE id = ${root} OR path LIKE '%/${root}/%'`)).trim().split('\n').map(Number));
    const applicants = (await sql(srv.db, `SELECT id FROM staff WHERE active = 1 AND department_id IN (${[...bureau].join(',')}) ORDER BY id LIMIT 30`)).trim().split('\n').map(Number);
    const applied = [], theirs = openCourse();
    for (const who of applicants) {
      const res = await fetch(`${srv.url}/api/v1/enrolments`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ course_id: theirs, staff_id: who }) });
      const body = await res.text();
      assert.equal(res.status, 201, body);
      applied.push(JSON.parse(body).id);
    }
    ids.enrolments = [...applied, ...ids.enrolments];
    // every staff role reviews the first field's items: an appointed expert
    for (const role of roles.slice(2)) {
      const res = await fetch(`${srv.url}/api/v1/knowledge-experts`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ field_id: ids['knowledge-fields'][0], user_id: users[role], appointed_on: '2007-03-02' }) });
      assert.equal(res.status, 201, await res.text());
    }
    if (!ids['task-advice'].length) await writable('task-advice', 'supporter');
    // a learning club's records are its 회장's and 총무's: every staff role
    // but the administrator is the 총무 of a club with outputs
    const keeping = [...new Set((await api('/club-outputs?per_page=100&sort=produced_on')).json.items.map((o) => o.club_id))];
    for (const [i, role] of roles.slice(2, -1).entries()) {
      const secretary = (await api(`/club-members?club_id=${keeping[i]}&role=secretary`)).json.items[0];
      const res = await fetch(`${srv.url}/api/v1/staff/${secretary.staff_id}`, { method: 'PATCH', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user_id: users[role] }) });
      assert.equal(res.status, 200, await res.text());
      staffOf[role] = secretary.staff_id;
    }
    // … and studies and meetings more: a file attached takes a record a session kind
    for (const club of keeping.slice(0, roles.length - 3)) for (let n = 0; n < 3; n++) for (const [e, body] of [['club-outputs', { kind: 'study', title: '매트릭스 학습자료', produced_on: '2007-03-02' }],
      ['club-meetings', { kind: 'meeting', held_on: '2007-03-02', topic: '매트릭스 모임' }]]) {
      const res = await fetch(`${srv.url}/api/v1/${e}`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ club_id: club, ...body }) });
      const made = await res.text();
      assert.equal(res.status, 201, made);
      ids[e].push(JSON.parse(made).id);
    }
    // … with a former member each, listed first: a copy of a current
    // membership would be a second one, which the club refuses
    for (const [i, role] of roles.slice(2).entries()) {
      const club = keeping[i % (roles.length - 3)], staffId = ids.staff[i];
      const res = await fetch(`${srv.url}/api/v1/club-members`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ club_id: club, staff_id: staffId, role: 'member', joined_on: `2005-01-0${i + 1}`, left_on: '2005-02-28', note: `매트릭스 이전 회원 ${role}` }) });
      const made = await res.text();
      assert.equal(res.status, 201, made);
      ids['club-members'].unshift(JSON.parse(made).id);
    }
    for (const r of routes.filter((x) => x.method === 'POST' && x.pattern.endsWith('/{id}/attachments'))) {
      const path = concrete(r, ids[r.entity][0]);
      assert.equal((await upload(path, 'admin', 'cookie')).status, 303, path);
      const html = await (await clients.admin.get(path.replace(/\/attachments$/, ''))).text();
      files[r.entity] = Number(html.match(/\/attachments\/(\d+)"/)[1]);
    }
    // every staff role judges the open 2007 contest (its staff row), so the
    // score and recusal forms, and a judge's scoped reads, have a record
    const open = (await api('/contests?status=open')).json.items[0].id;
    for (const role of roles.slice(2, -1)) {
      const res = await fetch(`${srv.url}/api/v1/contest-judges`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ contest_id: open, staff_id: staffOf[role], panel: 'expert' }) });
      assert.equal(res.status, 201, await res.text());
    }
    // the evaluator reads only what it is assigned: a target of the open 동
    // round (and so the round), that its reads have a record
    const dong = (await api('/evaluations?per_page=100')).json.items.find((x) => x.subject === 'dongs').id;
    const target = (await api(`/evaluation-targets?evaluation_id=${dong}&per_page=1`)).json.items[0].id;
    const assigned = await fetch(`${srv.url}/api/v1/evaluation-targets/${target}/assign`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ login: login('evaluator') }) });
    assert.equal(assigned.status, 200, await assigned.text());
    // locking waits out the sign-in throttle (3 s): while the GETs run
    lockedPool = Promise.all([locked(), locked()]);
    lockedPool.catch(() => {}); // a failure is the unlock cells', which await it
  });
  after(async () => { await srv.stop(); });

  test('every GET answers its page to the roles allowed, and refuses the rest', async () => {
    for (const r of routes.filter((x) => x.method === 'GET')) {
      for (const role of everyone) for (const kind of kinds) {
        const reads = !r.entity || r.pattern.includes('{file}') || !r.roles.includes(role);
        const path = concrete(r, r.entity && (reads ? ids[r.entity][0] : await writable(r.entity, role, r.pattern.slice(`/${r.entity}/{id}`.length))));
        const res = await ask('GET', path, role, kind, { page: r.page });
        const cell = `GET ${path} as ${role} (${kind}): ${res.status}`;
        count.get++;
        if (r.roles.includes(role)) {
          assert.equal(res.status, 200, `${cell} ${res.text.slice(0, 300)}`);
          if (kind === 'cookie' && r.page) assert.doesNotMatch(res.text, /class="il-error"/, cell);
          if (kind === 'bearer' && r.page) assert.match(res.type, /json/, cell);
        } else refused(res, role, kind, r.page, cell);
      }
    }
  });

  test('every write changes nothing for roles refused and browsers without the CSRF token, and changes the record for roles allowed', async () => {
    const writes = routes.filter((x) => x.method !== 'GET').sort((a, b) => rank(a) - rank(b));
    for (const r of writes) {
      if (rank(r) === 5) for (const role of everyone) clients[role].token = await clients[role].csrf('/login'); // signed out now
      const eff = effects[`${r.method} ${r.pattern}`];
      assert.ok(r.entity || eff, `${r.method} ${r.pattern} has no entity and no entry in the matrix's effects table: declare there how to prepare a target for a role, what to send and how its effect shows`);
      if (eff) { await effectCells(r, eff); continue; }
      const suffix = r.entity ? r.pattern.slice(`/${r.entity}/{id}`.length) : '';
      const hasForm = (role) => routes.some((x) => x.method === 'GET' && x.pattern === r.pattern && x.roles.includes(role));
      const formSuffix = (role) => (suffix && hasForm(role) ? suffix : r.pattern.includes('{id}') ? '/edit' : '');
      // an action without a form (a recommendation) takes a record of someone else's, a new one each time
      const once = r.entity && !suffix.startsWith('/archive') && suffix && !hasForm('admin') && !suffix.startsWith('/attachments');
      let turn = 0;
      const create = routes.find((x) => x.method === 'POST' && x.pattern === `/${r.entity}`);
      const pick = async (role) => {
        const pool = fresh[`${r.entity} ${role}`];
        if (rank(r) === 2 && pool && !pool.length && create.roles.includes(role)) { // one more copy to archive
          const res = await ask('POST', create.pattern, role, 'bearer', { fields: await fieldsFor(create, create.pattern, role, 0) });
          assert.equal(res.status, 201, res.text);
          pool.push(JSON.parse(res.text).id);
        }
        return pick1(role);
      };
      const pick1 = async (role) => (rank(r) === 2 && fresh[`${r.entity} ${role}`]?.length ? fresh[`${r.entity} ${role}`].at(-1) : once ? ids[r.entity][1 + turn++] : r.entity && r.pattern.includes('{id}') ? writable(r.entity, role, formSuffix(role)) : 0);
      const snapshot = async (id) => JSON.stringify([await audits(), r.entity && id ? await api(`/${r.entity}/${id}`) : r.entity ? (await api(`/${r.entity}?per_page=1`)).json.total : null]);
      const files = r.pattern.endsWith('/attachments');
      const send = (path, role, kind, fields, opts = {}) => (files ? upload(path, role, kind, opts) : ask(r.method, path, role, kind, { page: r.page, fields, ...opts }));

      // refused: the admin's record, so nothing but the gate stands in the way
      const theirs = await pick(r.roles.includes('admin') ? 'admin' : 'admin');
      const theirPath = concrete(r, theirs);
      const theirFields = await fieldsFor(r, theirPath, 'admin', theirs);
      for (const role of everyone.filter((x) => !r.roles.includes(x))) for (const kind of kinds) {
        const before = await snapshot(theirs);
        const res = await send(theirPath, role, kind, theirFields);
        refused(res, role, kind, r.page, `${r.method} ${theirPath} as ${role} (${kind}): ${res.status}`);
        assert.equal(await snapshot(theirs), before, `${r.method} ${theirPath} as ${role} (${kind}) changed something`);
        count.refused++;
      }
      // a browser session without its CSRF token, for every role allowed
      for (const role of everyone.filter((x) => r.roles.includes(x))) {
        const id = await pick(role), path = concrete(r, id);
        const before = await snapshot(id);
        const res = await send(path, role, 'cookie', await fieldsFor(r, path, role, id), { csrf: false });
        assert.equal(res.status, 403, `${r.method} ${path} as ${role} without the CSRF token: ${res.status}`);
        assert.equal(await snapshot(id), before, `${r.method} ${path} as ${role} without the CSRF token changed something`);
        count.csrf++;
      }
      // allowed: the write as a browser or an API client does it
      for (const role of everyone.filter((x) => r.roles.includes(x))) for (const kind of kinds) {
        const id = await pick(role), path = concrete(r, id);
        const fields = await fieldsFor(r, path, role, id);
        const before = await snapshot(id);
        const res = await send(path, role, kind, fields);
        const cell = `${r.method} ${path} as ${role} (${kind}): ${res.status} ${res.text.slice(0, 300)}`;
        count.allowed++;
        if (role === 'anonymous' && kind === 'bearer') { // no token, no session: no browser's form
          assert.equal(res.status, 403, cell);
          assert.match(res.text, /csrf_failed/, cell);
          assert.equal(await snapshot(id), before, `${cell}: changed something`);
          count.nobrowser++;
          continue;
        }
        assert.ok(res.status >= 200 && res.status < 400, cell);
        assert.notEqual(await snapshot(id), before, `${cell}: nothing changed`);
        const changed = fields.changed;
        if (changed && r.pattern.endsWith('{id}')) assert.equal((await api(`/${r.entity}/${id}`)).json[changed[0]], changed[1], cell);
        if (rank(r) === 0) {
          const made = Number((res.location.match(/\/(\d+)$/) || [])[1] || (res.status === 201 && JSON.parse(res.text).id));
          assert.ok(made > 0, `${cell}: the new record's id`);
          (fresh[`${r.entity} ${role}`] ||= []).push(made);
        }
        if (rank(r) === 2 && fresh[`${r.entity} ${role}`]?.at(-1) === id) fresh[`${r.entity} ${role}`].pop();
        if (suffix || r.method === 'DELETE') { // archived, paid, decided: the next write takes another record
          ids[r.entity] = ids[r.entity].filter((x) => x !== id);
          for (const k of Object.keys(mine)) if (k.startsWith(`${r.entity} `)) delete mine[k];
        }
        count.written++;
      }
    }
    const gateOnly = count.allowed - count.written - count.effect - count.nobrowser;
    console.log(`# matrix: ${routes.length} routes × ${everyone.length} roles × ${kinds.length} session kinds; ${count.get} GET cells, ${count.refused} refused writes, ${count.csrf} writes without CSRF, ${count.written} writes checked on the record, ${count.effect} writes checked for their effect, ${count.nobrowser} writes with neither token nor session (403 csrf_failed), ${gateOnly} writes checked at the gate only`);
    assert.equal(gateOnly, 0, 'every allowed write is checked on its record or for its effect');
  });

  // What a browser submits for a write: its form's fields (the route's own
  // form, or the record's edit form for a create) with one text changed.
  async function fieldsFor(r, path, role, id) {
    const formless = !r.pattern.endsWith('{id}') && r.pattern !== `/${r.entity}` && !routes.some((x) => x.method === 'GET' && x.pattern === r.pattern);
    if (!r.entity || r.method === 'DELETE' || formless) return []; // an archive, a recommendation, a file
    const client = clients[role === 'anonymous' ? 'admin' : role].token ? clients[role === 'anonymous' ? 'admin' : role] : clients.admin;
    const creating = r.pattern === `/${r.entity}`;
    const source = creating ? await writable(r.entity, role === 'anonymous' ? 'admin' : role) : id;
    // a ledger has no edit form: its new form, filled in from a record
    const ledger = creating && !routes.some((x) => x.pattern === `/${r.entity}/{id}/edit`);
    const formPage = ledger ? `/${r.entity}/new` : creating || r.pattern.endsWith('{id}') ? `/${r.entity}/${source}/edit` : path;
    const page = await client.get(formPage), html = await page.text();
    if (!r.roles.includes(role) && page.status === 403) return []; // a route nobody may use
    assert.equal(page.status, 200, `${formPage} as ${role}, the form for ${r.method} ${path}`);
    const fields = formFields(html, creating && !ledger ? `/${r.entity}/${source}` : path.replace(/^\/api\/v1/, ''));
    if (!fields) return [];
    if (ledger) {
      const row = (await api(`/${r.entity}/${source}`)).json;
      for (const f of fields) if (row[f[0]] != null && !Array.isArray(row[f[0]]) && f[2] !== 'unchecked') f[1] = String(row[f[0]]);
    }
    if (creating) for (const f of fields) {
      if ((unique[r.entity] || []).includes(f[0])) f[1] = f[0].endsWith('_id') ? '' : `9${String(++stamp).padStart(6, '0')}`;
      if (r.entity === 'mileage-rules' && f[0] === 'active') f[2] = 'unchecked'; // one rule in force per activity
      if (r.entity === 'clubs' && f[0] === 'kind') f[1] = 'general'; // one department club a department: a copy is a general club
      if (role === 'manager' && f[0] === scoped[r.entity]) f[1] = String(root); // a manager starts its own bureau's
      if (r.entity === 'enrolments' && f[0] === 'course_id') f[1] = String(openCourse());
      if (r.entity === 'enrolments' && f[0] === 'session_id') f[1] = ''; // the copied one is its course's
      if (r.entity === 'group-members' && f[0] === 'staff_id') // someone else of the same grade, in no group yet
        f[1] = (await sql(srv.db, `SELECT s.id FROM staff s JOIN staff o ON o.id = ${Number(f[1])} AND s.grade = o.grade WHERE s.active = 1 AND s.archived_at IS NULL AND s.id NOT IN (SELECT staff_id FROM innovation_group_members) ORDER BY s.id LIMIT 1`)).trim();
      if (r.entity === 'devolved-checks' && f[0] === 'affair_id') // one result a card and round: a card not checked yet
        f[1] = (await sql(srv.db, 'SELECT a.id FROM devolved_affairs a WHERE a.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM devolved_checks k WHERE k.affair_id = a.id AND k.archived_at IS NULL) ORDER BY a.id LIMIT 1')).trim();
      if (r.entity === 'group-rules' && f[0] === 'year') f[1] = String(2030 + ++stamp % 70); // one rule per group and year
      // one charter a team a year, one manual a team, year and duty; one plan a year
      if ((r.entity === 'team-charters' || r.entity === 'manuals' || r.entity === 'plans') && f[0] === 'year') f[1] = String(2030 + ++stamp % 70);
    }
    const words = fields.filter(([, v, type]) => (type === 'text' || type === 'textarea') && /[가-힣]/.test(v));
    const text = words.find(([, , type]) => type === 'text') || words[0];
    if (text) {
      text[1] = `${text[1].slice(0, 40)} 매트릭스 ${++stamp}`;
      fields.changed = [text[0], text[1]];
    }
    return fields;
  }
  let stamp = 0;
  // Values a copy may not share with the record it copies.
  // a copied contest's tie criterion is the original's, never one of its own (it has none yet)
  const unique = { departments: ['code'], staff: ['employee_no', 'user_id'], contests: ['tie_criterion_id'], 'devolved-affairs': ['affair_no'] };
  const scoped = { tasks: 'lead_department_id' };

  // A refusal: the gate's code, never the handler's.
  function refused(res, role, kind, page, cell) {
    if (role === 'anonymous') {
      if (kind === 'bearer' && page) {
        assert.equal(res.status, 401, cell);
        assert.equal(JSON.parse(res.text).error.code, 'login_required', cell);
      } else {
        assert.equal(res.status, 303, cell);
        assert.match(res.location, /^\/login\?next=/, cell);
      }
      return;
    }
    assert.equal(res.status, 403, cell);
    if (kind === 'bearer' && page) assert.equal(JSON.parse(res.text).error.code, 'forbidden', cell);
  }
});
