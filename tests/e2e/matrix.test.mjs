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
//     record changed.
// A route whose {id} belongs to no entity must be named in `special`: a new
// pattern there fails the test until it is declared.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client, addUser, driver, run, sql, staff, start } from './harness.mjs';

const roles = ['resident', 'supporter', 'member', 'expert', 'judge', 'evaluator', 'manager', 'admin'];
const everyone = ['anonymous', ...roles];
const kinds = ['bearer', 'cookie'];

// Entities' state changes that only their module's own steps make right
// (a review needs an appointed expert and an item under review, a payment a
// decided reward): their allowed cell asserts the gate let the role through
// and the handler answered a 4xx of its own, never a 5xx.  Every other
// route gets the full allowed check.
// Routes without an entity are all here too: the sign-in and account routes,
// imports and bulk awards have their own e2e tests.
const ruled = new Set([
  'POST /knowledge-items/{id}/review', 'POST /knowledge-items/{id}/decide',
  'POST /mileage-rewards/mvps',
]);
// Last: writes that end a record, then those that end a session.
const rank = (r) => (r.pattern === '/login' ? 5 : r.pattern === '/logout' ? 4 : !r.entity ? 3 : r.method === 'DELETE' || r.pattern.endsWith('/archive') ? 2 : r.pattern === `/${r.entity}` ? 0 : 1);

const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const attr = (tag, name) => { const m = tag.match(new RegExp(`\\s${name}="([^"]*)"`)); return m ? decode(m[1]) : null; };

// The fields a browser would submit from the form posting to action.
function formFields(html, action) {
  const forms = [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((m) => m[0]);
  const form = forms.find((f) => attr(f.match(/<form\b[^>]*>/)[0], 'action') === action);
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
  const count = { get: 0, refused: 0, csrf: 0, written: 0, ruled: 0 };
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
  };
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
      const res = await fetch(`${srv.url}/api/v1/${e}`, { method: 'POST', body: JSON.stringify(seeds[e]()),
        headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json' } });
      assert.equal(res.status, 201, `${e} seeded as ${role}: ${await res.clone().text()}`);
      mine[key] = (await res.json()).id;
      ids[e].push(mine[key]);
    }
    return mine[key];
  }
  // A file sent as a browser or an API client sends it.
  async function upload(path, role, kind, { csrf = true } = {}) {
    const body = new FormData(), headers = {};
    if (kind === 'cookie') {
      headers.cookie = clients[role].header();
      if (csrf) body.set('_csrf', clients[role].token);
    } else if (role !== 'anonymous') headers.authorization = `Bearer ${tokens[role]}`;
    body.set('file', new Blob([Buffer.from('%PDF-1.4 매트릭스')]), '매트릭스.pdf');
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
    return { status: res.status, location: res.headers.get('location') || '', type: res.headers.get('content-type') || '', text: await res.text() };
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
    '/admin/users/{id}/unlock': { path: () => `/admin/users/${users.member}/unlock` },
    '/account/tokens/{id}/revoke': { path: (id) => `/account/tokens/${id}/revoke` },
  };
  let setupToken = 'A'.repeat(43), root;

  before(async () => {
    srv = await start(['--demo']);
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
    }
    clients.anonymous = new Client(srv.url);
    for (const role of everyone) clients[role].token = await clients[role].csrf(role === 'anonymous' ? '/login' : '/password');
    adminToken = tokens.admin;
    for (const e of new Set(routes.map((r) => r.entity).filter(Boolean))) {
      const list = await api(`/${e}?per_page=100`);
      assert.equal(list.status, 200, `${e} list`);
      ids[e] = list.json.items.map((x) => x.id);
    }
    // every staff role reviews the first field's items: an appointed expert
    for (const role of roles.slice(2)) {
      const res = await fetch(`${srv.url}/api/v1/knowledge-experts`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ field_id: ids['knowledge-fields'][0], user_id: users[role], appointed_on: '2007-03-02' }) });
      assert.equal(res.status, 201, await res.text());
    }
    if (!ids['task-advice'].length) await writable('task-advice', 'supporter');
    for (const r of routes.filter((x) => x.method === 'POST' && x.pattern.endsWith('/{id}/attachments'))) {
      const path = concrete(r, ids[r.entity][0]);
      assert.equal((await upload(path, 'admin', 'cookie')).status, 303, path);
      const html = await (await clients.admin.get(path.replace(/\/attachments$/, ''))).text();
      files[r.entity] = Number(html.match(/\/attachments\/(\d+)"/)[1]);
    }
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
        if (role === 'anonymous' && kind === 'bearer') { // no token, no session: no browser's form
          assert.equal(res.status, 403, cell);
          assert.match(res.text, /csrf_failed|보안 확인값/, cell);
          count.ruled++;
          continue;
        }
        if (ruled.has(`${r.method} ${r.pattern}`) || !r.entity) {
          // an empty sign-in is the handler's 401 (wrong credentials), never the gate's
          if (r.pattern === '/login') assert.match(`${res.status} ${res.text}`, /^401 [\s\S]*아이디 또는 비밀번호/, cell);
          else assert.ok(![401, 403].includes(res.status) && res.status < 500, cell);
          count.ruled++;
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
    console.log(`# matrix: ${routes.length} routes × ${everyone.length} roles × ${kinds.length} session kinds; ${count.get} GET cells, ${count.refused} refused writes, ${count.csrf} writes without CSRF, ${count.written} writes checked on the record, ${count.ruled} writes checked at the gate only`);
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
      if (role === 'manager' && f[0] === scoped[r.entity]) f[1] = String(root); // a manager starts its own bureau's
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
  const unique = { departments: ['code'], staff: ['employee_no', 'user_id'] };
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
