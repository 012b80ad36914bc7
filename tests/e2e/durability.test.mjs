// durability.test.mjs: what survives and what is refused under load, on
// either driver: a backup taken while writers write holds every write
// acknowledged before it began and restores into an empty database only;
// parallel writers get 201 or a clear 503 with Retry-After, never a 500 or
// half a write; two events of one person at once never pass a rule's
// monthly cap.  (kill -9 trials: scripts/kill9.sh, in make test.)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, run, sql, start, tempDb } from './harness.mjs';

describe(`durability on ${driver}`, () => {
  let srv, token, dir, adminId;
  const api = (p, init = {}) => fetch(srv.url + '/api/v1' + p, {
    ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers || {}) },
  });
  const post = (p, body) => api(p, { method: 'POST', body: JSON.stringify(body) });
  // Staff rows whose employee number starts with prefix, as the database has them.
  const staffIds = async (db, prefix) => (await sql(db, `SELECT id FROM staff WHERE employee_no LIKE '${prefix}%' ORDER BY id`))
    .split('\n').filter(Boolean).map(Number);
  // n writes of new staff, at most width at once: each answer's status,
  // Retry-After, error code and, for a 201, the id.
  const writeMany = async (prefix, n, width) => {
    const answers = [];
    let next = 0;
    await Promise.all(Array.from({ length: width }, async () => {
      while (next < n) {
        const i = next++;
        const r = await post('/staff', { employee_no: `${prefix}${i}`, name: `직원${i}`, grade: 'g6' });
        const body = await r.json();
        answers.push({ status: r.status, retry: r.headers.get('retry-after'), code: body.error?.code, id: body.id });
      }
    }));
    return answers;
  };

  before(async () => {
    srv = await start(['--threads', '8']);
    adminId = await addUser(srv.db, 'd.admin', 'admin');
    token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'd.admin'])).stdout.trim();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'innoland-backup-'));
  });
  after(async () => {
    await srv.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('parallel writers: every answer is 201 or 503 with Retry-After, and every 201 is there', async () => {
    const answers = await writeMany('PAR', 120, 24);
    assert.equal(answers.length, 120);
    const odd = answers.filter((a) => a.status !== 201 && !(a.status === 503 && Number(a.retry) > 0));
    assert.deepEqual(odd, [], 'no 500, no 503 without Retry-After');
    const created = answers.filter((a) => a.status === 201).map((a) => a.id).sort((x, y) => x - y);
    assert.ok(created.length > 0, 'writes went through');
    assert.deepEqual(await staffIds(srv.db, 'PAR'), created, 'the 201s and only they are stored');
  });

  test('a write that cannot get the lock is a 503 busy with Retry-After and Korean text, and writes nothing', { skip: driver !== 'sqlite' && 'SQLite only: PostgreSQL writers wait on row locks' }, async () => {
    // another process holds SQLite's write lock past the server's 5 s busy timeout
    const holder = spawn('sqlite3', [srv.db.url]);
    holder.stdout.setEncoding('utf8');
    const held = new Promise((resolve) => holder.stdout.on('data', (d) => d.includes('held') && resolve()));
    holder.stdin.write("BEGIN IMMEDIATE;\nSELECT 'held';\n");
    await held;
    const r = await post('/staff', { employee_no: 'BUSY1', name: '대기직원', grade: 'g6' });
    const page = await fetch(srv.url + '/staff', { method: 'POST', headers: { authorization: `Bearer ${token}`, accept: 'text/html', 'content-type': 'application/json' }, body: '{"employee_no":"BUSY2","name":"대기","grade":"g6"}' });
    const closed = new Promise((resolve) => holder.on('close', resolve));
    holder.stdin.end('ROLLBACK;\n');
    await closed;
    assert.equal(r.status, 503);
    assert.equal(r.headers.get('retry-after'), '1');
    const body = await r.json();
    assert.equal(body.error.code, 'busy');
    assert.match(body.error.message, /아무것도 저장되지 않았으니 잠시 후 다시 시도해 주세요/);
    assert.equal(page.status, 503);
    assert.equal(page.headers.get('retry-after'), '1');
    assert.match(await page.text(), /잠시 후 다시 시도해 주세요/);
    assert.deepEqual(await staffIds(srv.db, 'BUSY'), [], 'nothing half-written');
    const again = await post('/staff', { employee_no: 'BUSY1', name: '대기직원', grade: 'g6' });
    assert.equal(again.status, 201, 'the same write goes through once the lock is free');
  });

  test('two events of one person at once never pass the rule\'s monthly cap', async () => {
    const person = await (await post('/staff', { employee_no: 'CAP1', name: '한도직원', grade: 'g6', user_id: adminId })).json();
    assert.ok(person.id, JSON.stringify(person));
    const rule = await post('/mileage-rules', { event_code: 'knowledge.registered', name: '지식 등록', points: 1, monthly_cap: 2.5 });
    assert.equal(rule.status, 201, await rule.clone().text());
    const field = (await (await post('/knowledge-fields', { name: '한도 분야', sort_order: 1 })).json()).id;
    const items = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      post('/knowledge-items', { title: `동시 등록 ${i}`, field_id: field, kind: 'idea', body: '본문' })));
    assert.deepEqual(items.map((r) => r.status), Array(8).fill(201));
    const points = (await sql(srv.db, `SELECT points FROM mileage_entries WHERE staff_id = ${person.id} ORDER BY id`))
      .split('\n').filter(Boolean).map(Number);
    assert.deepEqual(points, [2, 2, 1], 'in halves: 1, 1 and the 0.5 the cap leaves; the other five get nothing');
    const balance = (await sql(srv.db, `SELECT points FROM mileage_balances WHERE subject = 0 AND subject_id = ${person.id} AND period = 0`)).trim();
    assert.equal(balance, '5', 'the balance agrees: 2.5 points');
    const consumed = (await sql(srv.db, `SELECT COUNT(*) FROM domain_events WHERE staff_id = ${person.id} AND consumed_at IS NOT NULL`)).trim();
    assert.equal(consumed, '8', 'every event taken once');
  });

  test('a backup under write load restores into an empty database with every write acknowledged before it', async () => {
    let writing = true, n = 0;
    const acked = [];
    const writers = Array.from({ length: 4 }, async () => {
      while (writing) {
        const r = await post('/staff', { employee_no: `BK${n}`, name: `백업직원${n++}`, grade: 'g6' });
        if (r.status === 201) acked.push((await r.json()).id); else await r.arrayBuffer();
      }
    });
    while (acked.length < 40) await new Promise((resolve) => setTimeout(resolve, 20));
    const before = [...acked];
    const file = path.join(dir, 'live.backup');
    const b = await run(['backup', '--db', srv.db.url, file]);
    const during = acked.length;
    while (acked.length < during + 20) await new Promise((resolve) => setTimeout(resolve, 20));
    writing = false;
    await Promise.all(writers);
    assert.equal(b.code, 0, b.stderr);
    assert.match(b.stdout, driver === 'postgres' ? /pg_dump's custom format/ : /SQLite's online backup/);
    assert.ok(fs.statSync(file).size > 0);
    assert.equal(fs.existsSync(file + '.part'), false);

    const target = await tempDb();
    try {
      const r = await run(['restore', '--db', target.url, file]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /복원했습니다/);
      const check = await run(['check', '--db', target.url]);
      assert.equal(check.code, 0, check.stdout + check.stderr);
      const verify = await run(['audit', 'verify', '--db', target.url]);
      assert.equal(verify.code, 0, verify.stdout + verify.stderr);
      const restored = new Set(await staffIds(target, 'BK'));
      assert.deepEqual(before.filter((id) => !restored.has(id)), [], 'every write acknowledged before the backup began');
      const live = await staffIds(srv.db, 'BK');
      assert.ok([...restored].every((id) => live.includes(id)), 'nothing the live database does not have');
      const twice = await run(['restore', '--db', target.url, file]);
      assert.equal(twice.code, 1);
      assert.match(twice.stderr, /대상 데이터베이스가 비어 있지 않습니다/);
    } finally {
      await target.cleanup();
    }
    const over = await run(['backup', '--db', srv.db.url, file]);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /이미 있는 파일입니다/);
  });
});
