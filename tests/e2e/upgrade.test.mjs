// upgrade.test.mjs: a database made by the previous release (the commit
// before migration 0012, with its demo data: tests/fixtures/v11-demo.db.gz,
// made by scripts/make-upgrade-fixture.sh) is migrated by this binary and
// reads back the same: rows per table, the balances 0012 re-keyed, a few
// records field by field, the audit chain, and the leaderboard the API
// shows.  On SQLite the fixture is the database file; on PostgreSQL the
// old build's plain pg_dump of its own demo database
// (tests/fixtures/v11-demo.pg.sql.gz), loaded with psql into a new one.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { query } from '../fixtures/query.mjs';
import { addUser, driver, root, run, start, tempDb } from './harness.mjs';

const suffix = driver === 'postgres' ? '.pg' : '';
const fixture = JSON.parse(fs.readFileSync(path.join(root, `tests/fixtures/v11-demo${suffix}.json`), 'utf8'));

describe(`upgrade from schema version 11 with demo data on ${driver}`, () => {
  let dir, db, temp, q, migrated;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'innoland-upgrade-'));
    if (driver === 'postgres') {
      temp = await tempDb();
      db = temp.url;
      execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', db], {
        input: zlib.gunzipSync(fs.readFileSync(path.join(root, 'tests/fixtures/v11-demo.pg.sql.gz'))),
        stdio: ['pipe', 'ignore', 'inherit'],
      });
    } else {
      db = path.join(dir, 'v11.db');
      fs.writeFileSync(db, zlib.gunzipSync(fs.readFileSync(path.join(root, 'tests/fixtures/v11-demo.db.gz'))));
    }
    q = query(db);
    assert.equal(q('SELECT MAX(version) AS v FROM schema_version')[0].v, 11);
    migrated = await run(['migrate', '--db', db]);
  });
  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (temp) await temp.cleanup();
  });

  test('the current binary migrates it, and check and the audit chain pass', async () => {
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stdout, /^applied \d+ migration\(s\); schema version (\d+)\n$/);
    assert.ok(Number(migrated.stdout.match(/schema version (\d+)/)[1]) >= 12);
    const check = await run(['check', '--db', db]);
    assert.equal(check.code, 0, check.stdout + check.stderr);
    const verify = await run(['audit', 'verify', '--db', db]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  });

  test('every table keeps its rows', () => {
    const now = Object.fromEntries(Object.keys(fixture.counts).map((t) => [t, q(`SELECT COUNT(*) AS n FROM ${t}`)[0].n]));
    assert.deepEqual(now, fixture.counts);
    assert.equal(now.mileage_entries, 2808);
  });

  test('the balances 0012 re-keyed by numbers hold the same points, entries and people', () => {
    assert.deepEqual(q('SELECT subject, COUNT(*) AS n, SUM(points) AS points, SUM(entries) AS entries FROM mileage_balances GROUP BY 1 ORDER BY 1'),
      fixture.balance_totals);
    assert.deepEqual(q('SELECT subject, subject_id, period, points, entries, people FROM mileage_balances WHERE period IN (0, 2006, 200607) ' +
      'ORDER BY subject, period, points DESC, subject_id LIMIT 40'), fixture.balances);
  });

  test('records read back field by field', () => {
    for (const [sql, rows] of Object.entries(fixture.records)) {
      assert.ok(rows.length > 0, sql);
      assert.deepEqual(q(sql), rows, sql);
    }
  });

  test('the server serves it: the 2006 leaderboard is the seed\'s 1,292 people and 2,991.5 points', async () => {
    await addUser({ url: db }, 'u.admin', 'admin');
    const token = (await run(['token', 'create', '--db', db, '--login', 'u.admin'])).stdout.trim();
    const srv = await start([], { db: { url: db, cleanup: async () => {} } });
    try {
      const r = await fetch(srv.url + '/api/v1/mileage-entries/leaderboard?period=2006', { headers: { authorization: `Bearer ${token}` } });
      assert.equal(r.status, 200);
      const board = await r.json();
      assert.equal(board.summary.people, 1292);
      assert.equal(board.summary.points, '2991.5');
    } finally {
      await srv.stop();
    }
  });
});
