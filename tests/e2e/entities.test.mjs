// entities.test.mjs: the generic entity engine seen through departments and
// staff: the API and the forms with their validation, lists with paging,
// sorting, filters and search, CSV/XLSX exports, archiving, the audit trail,
// the manager's scope, and constant queries per list page.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, run, sql, staff, start } from './harness.mjs';
import { readCsv, readXlsx, trimRow } from './xlsx.mjs';

describe(`entities on ${driver}`, () => {
  let srv, admin, token;
  const api = (path, init = {}) => fetch(srv.url + '/api/v1' + path, {
    ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers || {}) },
  });
  const post = (path, body) => api(path, { method: 'POST', body: JSON.stringify(body) });

  before(async () => {
    srv = await start();
    await addUser(srv.db, 'org.admin', 'admin');
    admin = await staff(srv.url, 'org.admin');
    token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'org.admin'])).stdout.trim();
  });
  after(async () => { await srv.stop(); });

  test('create through the API: 201, validation errors per field, unknown keys refused', async () => {
    const bureau = await post('/departments', { name: '행정관리국', kind: 'bureau', code: 'B01' });
    assert.equal(bureau.status, 201);
    const b = await bureau.json();
    assert.equal(b.name, '행정관리국');
    const div = await (await post('/departments', { name: '혁신기획담당관', kind: 'division', parent_id: b.id, code: 'D01' })).json();
    assert.equal(div.parent_id_title, '행정관리국');
    const bad = await post('/departments', { name: '', kind: 'castle', parent_id: 999999, colour: 'red' });
    assert.equal(bad.status, 422);
    const err = (await bad.json()).error;
    assert.equal(err.code, 'invalid_input');
    assert.match(err.fields.name, /꼭 입력해야/);
    assert.match(err.fields.kind, /목록에 있는 값/);
    assert.match(err.fields.colour, /알 수 없거나/);
    const dangling = await post('/departments', { name: '유령과', kind: 'division', parent_id: 999999 });
    assert.equal(dangling.status, 422);
    const json = await api('/departments', { method: 'POST', body: '{"name": "a", "name": "b"}' });
    assert.equal(json.status, 400);
    const count = await sql(srv.db, "SELECT COUNT(*) FROM departments WHERE name IN ('', '유령과', 'a', 'b')");
    assert.equal(count.trim(), '0', 'nothing half-written');
    const twice = await post('/departments', { name: '같은 코드', kind: 'division', code: 'D01' });
    assert.equal(twice.status, 409, 'a value that may appear once is a conflict, not a failure');
    assert.match((await twice.json()).error.detail, /이미 쓰고 있습니다/);
  });

  test('an empty optional number takes its default on create; cleared on update it is a 422 naming the field, nothing written', async () => {
    const made = await post('/departments', { name: '빈순서과', kind: 'division', code: 'N01', sort_order: null });
    assert.equal(made.status, 201);
    const d = await made.json();
    assert.equal(d.sort_order, 0);
    const moved = await api(`/departments/${d.id}`, { method: 'PATCH', body: JSON.stringify({ sort_order: 7 }) });
    assert.equal(moved.status, 200);
    const cleared = await api(`/departments/${d.id}`, { method: 'PATCH', body: JSON.stringify({ name: '바뀐이름과', sort_order: null }) });
    assert.equal(cleared.status, 422);
    const err = (await cleared.json()).error;
    assert.equal(err.code, 'invalid_input');
    assert.match(err.fields.sort_order, /비워 둘 수 없는/);
    const now = await (await api(`/departments/${d.id}`)).json();
    assert.equal(now.name, '빈순서과');
    assert.equal(now.sort_order, 7);
  });

  test('lists page, sort, filter and search, with the same number of queries for 10 or 100 rows', async () => {
    const dept = (await (await api('/departments?q=혁신기획')).json()).items[0];
    const grades = ['g6', 'g7', 'g8', 'g9'];
    for (let i = 0; i < 120; i++) {
      const r = await post('/staff', { employee_no: `E${1000 + i}`, name: `직원${String(i).padStart(3, '0')}`,
        grade: grades[i % 4], department_id: i % 2 ? dept.id : null, phone: '02-2670-1234', active: true });
      assert.equal(r.status, 201);
    }
    const page = await (await api('/staff?per_page=10&page=2&sort=-name')).json();
    assert.equal(page.total, 120);
    assert.equal(page.items.length, 10);
    assert.equal(page.items[0].name, '직원109');
    const filtered = await (await api('/staff?grade=g6&per_page=100')).json();
    assert.equal(filtered.total, 30);
    assert.ok(filtered.items.every((s) => s.grade === 'g6'));
    const searched = await (await api('/staff?q=직원11')).json();
    assert.equal(searched.total, 10, '직원110 … 직원119');
    const inDept = await (await api(`/staff?department_id=${dept.id}&per_page=100`)).json();
    assert.equal(inDept.total, 60);
    assert.equal(inDept.items[0].department_id_title, '혁신기획담당관');
    // the count is remembered until a write (db_memo), so a page may skip it:
    // compare the fewest statements each length needs over three requests
    const fewest = async (path) => {
      const n = [];
      for (let i = 0; i < 3; i++) n.push(Number((await api(path)).headers.get('x-db-queries')));
      return Math.min(...n);
    };
    const q10 = await fewest('/staff?per_page=10');
    const q100 = await fewest('/staff?per_page=100');
    assert.ok(q10 > 0);
    assert.equal(q10, q100, 'a list costs the same queries whatever its length');
    const html = await (await admin.get('/staff?q=직원00')).text();
    assert.match(html, /<caption>직원 목록<\/caption>/);
    assert.match(html, /직원009/);
    assert.equal((await api('/staff?grade=castle')).status, 422);
  });

  test('forms keep what was typed and show a Korean message under each bad field', async () => {
    const _csrf = await admin.csrf('/staff/new');
    const r = await admin.post('/staff', { _csrf, employee_no: 'E9999', name: '김혁신', grade: '', email: 'not-an-email' });
    assert.equal(r.status, 422);
    const html = await r.text();
    assert.match(html, /value="김혁신"/);
    assert.match(html, /id="e-grade"[^>]*>꼭 입력해야 합니다/);
    assert.match(html, /id="e-email"[^>]*>전자우편 주소 형식이 아닙니다/);
    const ok = await admin.post('/staff', { _csrf, employee_no: 'E9999', name: '김혁신', grade: 'g6', email: 'kim@ydp.go.kr', active: '1' });
    assert.equal(ok.status, 303);
    const show = await admin.get(ok.headers.get('location'));
    assert.match(await show.text(), /김혁신[\s\S]*6급/);
  });

  test('exports: CSV with a BOM and neutralised formulas, XLSX as a spreadsheet', async () => {
    await post('/staff', { employee_no: 'E7777', name: '=cmd|\' /C calc\'!A0', grade: 'g7' });
    const csv = await admin.get('/staff.csv?q=E7777');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type'), /text\/csv/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    assert.match(text, /^직원 번호,이름,직급/);
    assert.match(text, /'=cmd/);
    const xlsx = await admin.get('/staff.xlsx?q=E7777');
    assert.equal(xlsx.status, 200);
    assert.match(xlsx.headers.get('content-type'), /spreadsheetml/);
    const sheet = readXlsx(await xlsx.arrayBuffer());
    const rows = readCsv(bytes).map(trimRow);
    assert.equal(sheet.length, 2);
    assert.deepEqual(sheet[0], rows[0], 'the CSV\'s header');
    assert.deepEqual(sheet[1], rows[1].map((c) => c.replace(/^'=/, '=')), 'its row, the formula kept as text');
    assert.equal(sheet[1][1], '=cmd|\' /C calc\'!A0');
  });

  test('exports stream every row in the list\'s order, past one batch, and read back', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'innoland-export-'));
    try {
      const lines = ['사번,성명,직급'];
      for (let i = 0; i < 1234; i++) lines.push(`X${String(i).padStart(5, '0')},직원${String((i * 7919) % 1234).padStart(4, '0')},${['6급', '7급', '8급'][i % 3]}`);
      const input = path.join(dir, 'many.csv');
      writeFileSync(input, lines.join('\n'));
      const listed = async () => {
        const page = await admin.get('/staff');
        return Number((await page.text()).match(/전체 (\d+)건/)[1]);
      };
      const before = await listed(); // counted, and remembered until a write
      assert.equal(await listed(), before);
      const imported = await run(['import', 'staff', input, '--db', srv.db.url]);
      assert.equal(imported.code, 0, imported.stderr);
      const total = (await (await api('/staff?per_page=1')).json()).total;
      assert.equal(total, before + 1234, 'a write by another process is counted at once');
      assert.equal(await listed(), total);
      const csv = await admin.get('/staff.csv?sort=-name');
      assert.equal(csv.status, 200);
      assert.equal(csv.headers.get('transfer-encoding'), 'chunked', 'sent while it is written');
      const rows = Buffer.from(await csv.arrayBuffer()).subarray(3).toString('utf8').trim().split('\r\n');
      assert.equal(rows.length, total + 1, 'the header and every listed row, once');
      const names = rows.slice(1).map((r) => r.split(',')[1]);
      const sorted = [...names].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
      assert.deepEqual(names, sorted, 'in the order the list was asked for');
      assert.equal(new Set(rows.slice(1).map((r) => r.split(',')[0])).size, total, 'no row twice');
      const xlsx = Buffer.from(await (await admin.get('/staff.xlsx?q=X0')).arrayBuffer());
      const back = path.join(dir, 'back.xlsx');
      writeFileSync(back, xlsx);
      const dry = await run(['import', 'staff', back, '--dry-run', '--db', srv.db.url]);
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /\(dry run\) 1234 rows: 0 new, 1234 updated/, 'the XLSX export imports back as the same rows');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('archive hides a row from lists, keeps it readable, and every write is audited', async () => {
    const s = await (await post('/staff', { employee_no: 'E5555', name: '박보관', grade: 'g8' })).json();
    const upd = await api(`/staff/${s.id}`, { method: 'PATCH', body: JSON.stringify({ position: '주무관' }) });
    assert.equal(upd.status, 200);
    assert.equal((await upd.json()).position, '주무관');
    assert.equal((await api(`/staff/${s.id}`, { method: 'DELETE' })).status, 200);
    assert.equal((await (await api('/staff?q=박보관')).json()).total, 0);
    const kept = await (await api(`/staff/${s.id}`)).json();
    assert.equal(kept.archived, true);
    const trail = await (await admin.get(`/api/v1/admin/audit?entity=staff`)).json();
    const mine = trail.items.filter((x) => x.record_id === String(s.id)).map((x) => x.action);
    assert.deepEqual(mine, ['archive', 'update', 'create']);
    const verify = await run(['audit', 'verify', '--db', srv.db.url]);
    assert.equal(verify.code, 0, verify.stdout);
  });

  test('departments keep their tree: paths follow a move, no cycles, no archive while in use', async () => {
    const a = await (await post('/departments', { name: '갑국', kind: 'bureau' })).json();
    const b = await (await post('/departments', { name: '을과', kind: 'division', parent_id: a.id })).json();
    const c = await (await post('/departments', { name: '병팀', kind: 'team', parent_id: b.id })).json();
    const path = async (id) => (await sql(srv.db, `SELECT path FROM departments WHERE id = ${id}`)).trim();
    assert.equal(await path(c.id), `/${a.id}/${b.id}/`);
    const d = await (await post('/departments', { name: '정국', kind: 'bureau' })).json();
    const moved = await api(`/departments/${b.id}`, { method: 'PATCH', body: JSON.stringify({ parent_id: d.id }) });
    assert.equal(moved.status, 200);
    assert.equal(await path(b.id), `/${d.id}/`);
    assert.equal(await path(c.id), `/${d.id}/${b.id}/`, 'the subtree moved along');
    const cycle = await api(`/departments/${b.id}`, { method: 'PATCH', body: JSON.stringify({ parent_id: c.id }) });
    assert.equal(cycle.status, 422);
    assert.match((await cycle.json()).error.fields.parent_id, /하위 부서를 상위 부서로/);
    assert.equal(await path(b.id), `/${d.id}/`, 'a refused move changes nothing');
    const busy = await api(`/departments/${b.id}`, { method: 'DELETE' });
    assert.equal(busy.status, 422);
    assert.match((await busy.json()).error.fields.id, /하위 부서나 직원이 있는 부서/);
    const html = await admin.post(`/departments/${b.id}/archive`, { _csrf: await admin.csrf(`/departments/${b.id}`) });
    assert.equal(html.status, 409);
    assert.match(await html.text(), /보관할 수 없습니다/);
    assert.equal((await api(`/departments/${c.id}`, { method: 'DELETE' })).status, 200);
  });

  test('members read but do not write; a manager writes only in their own department subtree', async () => {
    await addUser(srv.db, 'org.member', 'member');
    const member = await staff(srv.url, 'org.member');
    assert.equal((await member.get('/staff')).status, 200);
    const _csrf = await member.csrf('/staff');
    assert.equal((await member.post('/staff', { _csrf, employee_no: 'X1', name: '가', grade: 'g9' })).status, 403);
    const depts = (await (await api('/departments?per_page=100')).json()).items;
    const div = depts.find((d) => d.name === '혁신기획담당관');
    const other = await (await post('/departments', { name: '복지정책과', kind: 'division' })).json();
    const mid = await addUser(srv.db, 'org.manager', 'manager');
    await sql(srv.db, `UPDATE users SET department_id = ${div.id} WHERE id = ${mid}`);
    const manager = await staff(srv.url, 'org.manager');
    const t = await manager.csrf('/staff/new');
    const mine = await manager.post('/staff', { _csrf: t, employee_no: 'M1', name: '우리팀', grade: 'g7', department_id: div.id, active: '1' });
    assert.equal(mine.status, 303);
    const theirs = await manager.post('/staff', { _csrf: t, employee_no: 'M2', name: '남의팀', grade: 'g7', department_id: other.id, active: '1' });
    assert.equal(theirs.status, 422);
    const outside = (await (await api('/staff?q=E7777')).json()).items[0];
    assert.equal((await manager.post(`/staff/${outside.id}/archive`, { _csrf: t })).status, 403);
  });
});
