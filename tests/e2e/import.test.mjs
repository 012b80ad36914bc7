// import.test.mjs: importing departments and staff as an HR system exports
// them: Korean or English headers, UTF-8 with or without BOM, CP949, XLSX;
// a dry run that names every bad row; all or nothing; re-import updates by
// employee number; the browser flow (upload, preview, confirm) and the
// command line; bad files refused with a clear message.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, raw, run, sql, staff, start, statusOf } from './harness.mjs';

const cp949 = (text) => execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP949'], { input: text });

describe(`import on ${driver}`, () => {
  let srv, admin, dir;
  const file = (name, content) => { const p = path.join(dir, name); writeFileSync(p, content); return p; };
  const upload = async (client, kind, name, bytes, extra = {}) => {
    const form = new FormData();
    form.set('_csrf', await client.csrf(`/${kind}/import`));
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    if (bytes) form.set('file', new Blob([bytes]), name);
    const res = await fetch(srv.url + `/${kind}/import`, { method: 'POST', body: form, headers: { cookie: client.header() } });
    return { status: res.status, html: await res.text() };
  };

  before(async () => {
    srv = await start();
    dir = mkdtempSync(path.join(tmpdir(), 'innoland-import-'));
    await addUser(srv.db, 'hr.admin', 'admin');
    admin = await staff(srv.url, 'hr.admin');
  });
  after(async () => { await srv.stop(); rmSync(dir, { recursive: true, force: true }); });

  test('departments from the shell, with a dry run first', async () => {
    const csv = file('depts.csv', '\ufeff부서코드,부서명,구분,상위부서코드\nB01,행정관리국,국,\nD01,혁신기획담당관,과·담당관·보건소,B01\nT01,혁신기획팀,팀·담당,D01\nT02,혁신지원팀,team,D01\n');
    const dry = await run(['import', 'departments', csv, '--dry-run', '--db', srv.db.url]);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /\(dry run\) 4 rows: 4 new, 0 updated/);
    assert.equal((await sql(srv.db, 'SELECT COUNT(*) FROM departments')).trim(), '0');
    const real = await run(['import', 'departments', csv, '--db', srv.db.url]);
    assert.equal(real.code, 0, real.stderr);
    const team = (await sql(srv.db, "SELECT d.path, p.path, p.id FROM departments d JOIN departments p ON p.id = d.parent_id WHERE d.code = 'T01'")).trim().split('|');
    assert.equal(team[0], `${team[1]}${team[2]}/`, 'paths follow the tree');
  });

  test('staff: Korean headers in CP949, bad rows named by line, nothing half-imported', async () => {
    const bad = file('bad.csv', cp949('사번,성명,직급,부서,직위\n2007001,김혁신,6급,혁신기획팀,팀장\n2007002,,7급,혁신기획팀,\n2007003,이지원,12급,혁신기획팀,\n2007001,박중복,8급,없는과,\n'));
    const r = await run(['import', 'staff', bad, '--db', srv.db.url]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.csv:3: 이름: 꼭 입력해야 합니다/);
    assert.match(r.stderr, /bad\.csv:4: 직급: 목록에 있는 값/);
    assert.match(r.stderr, /bad\.csv:5: 같은 직원 번호가 파일에 두 번/);
    assert.match(r.stderr, /bad\.csv:5: 부서명에 해당하는 부서가 없습니다/);
    assert.equal((await sql(srv.db, 'SELECT COUNT(*) FROM staff')).trim(), '0', 'all or nothing');
    const good = file('good.csv', cp949('사번,성명,직급,부서,직위,재직\n2007001,김혁신,지방행정주사(6급),혁신기획팀,팀장,재직\n2007002,최지원,7급,혁신지원팀,,Y\n'));
    const ok = await run(['import', 'staff', good, '--db', srv.db.url]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /2 rows: 2 new, 0 updated/);
    const again = await run(['import', 'staff', good, '--db', srv.db.url]);
    assert.match(again.stdout, /2 rows: 0 new, 2 updated/);
    assert.equal((await sql(srv.db, 'SELECT COUNT(*) FROM staff')).trim(), '2', 're-import never duplicates');
    assert.equal((await sql(srv.db, "SELECT grade FROM staff WHERE employee_no = '2007001'")).trim(), 'g6');
  });

  test('English headers, UTF-8 without BOM, quoted fields', async () => {
    const csv = file('en.csv', 'employee_no,name,grade,department,email\n2007100,"Hong, Gil-dong",g8,혁신지원팀,hong@ydp.go.kr\n');
    const r = await run(['import', 'staff', csv, '--db', srv.db.url]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await sql(srv.db, "SELECT name FROM staff WHERE employee_no = '2007100'")).trim(), 'Hong, Gil-dong');
  });

  test('XLSX as exported, through the browser: upload, preview, confirm', async () => {
    const xlsx = Buffer.from(await (await admin.get('/staff.xlsx')).arrayBuffer());
    const preview = await upload(admin, 'staff', '직원.xlsx', xlsx);
    assert.equal(preview.status, 200, preview.html.slice(0, 500));
    assert.match(preview.html, /3줄 모두 올바릅니다. 새로 0, 갱신 3/);
    const token = preview.html.match(/name="confirm" value="([\w-]{43})"/)[1];
    const done = await upload(admin, 'staff', null, null, { confirm: token });
    assert.equal(done.status, 200);
    assert.match(done.html, /3줄을 저장했습니다/);
    const reused = await upload(admin, 'staff', null, null, { confirm: token });
    assert.equal(reused.status, 410, 'a confirmation works once');
    const trail = await (await admin.get('/api/v1/admin/audit?action=import')).json();
    assert.ok(trail.total >= 1);
  });

  test('bad files: binary renamed .csv, empty, too big, no file', async () => {
    const binary = Buffer.alloc(4096);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;
    const r1 = await upload(admin, 'staff', 'photo.csv', binary);
    assert.equal(r1.status, 422);
    assert.match(r1.html, /인코딩|문자/);
    const r2 = await upload(admin, 'staff', 'empty.csv', Buffer.from('\n\n'));
    assert.equal(r2.status, 422);
    const r3 = await upload(admin, 'staff', null, null);
    assert.equal(r3.status, 422);
    assert.match(r3.html, /파일\(CSV 또는 XLSX\)을 골라 주세요/);
    const big = await raw(srv.port, `POST /staff/import HTTP/1.1\r\nHost: x\r\nCookie: ${admin.header()}\r\n` +
      `Content-Type: multipart/form-data; boundary=x\r\nContent-Length: ${50 << 20}\r\nConnection: close\r\n\r\n`);
    assert.equal(statusOf(big), 413, '50 MB is refused before it is read');
    assert.match(Buffer.from(big, 'latin1').toString('utf8'), /요청 본문이 너무 큽니다/);
    assert.equal((await sql(srv.db, 'SELECT COUNT(*) FROM staff')).trim(), '3');
  });

  test('the headcount report counts active staff per grade, teams in their division', async () => {
    const doc = await (await admin.get('/api/v1/staff/headcount')).json();
    const div = doc.rows.find((r) => r.name === '혁신기획담당관');
    assert.deepEqual(div.counts, [3, 0, 0, 1, 1, 1, 0, 0]);
    const csv = await admin.get('/staff/headcount.csv');
    assert.match(Buffer.from(await csv.arrayBuffer()).toString('utf8'), /혁신기획담당관,3,0,0,1,1,1,0,0/);
  });

  test('only administrators import', async () => {
    await addUser(srv.db, 'hr.member', 'member');
    const m = await staff(srv.url, 'hr.member');
    assert.equal((await m.get('/staff/import')).status, 403);
  });
});
