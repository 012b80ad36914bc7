// cli.test.mjs: the command line: version, migrate, check, bad options.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { driver, run, sql, tempDb } from './harness.mjs';

test('version prints the version', async () => {
  const r = await run(['version']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^innoland \S+\n$/);
});

test('unknown commands and options print usage and exit 2', async () => {
  for (const args of [[], ['frobnicate'], ['serve', '--no-such-option'], ['serve', '--listen', 'nonsense'],
    ['migrate', '--listen', '127.0.0.1:1'], ['serve', '--threads', '0'], ['version', 'extra']]) {
    const r = await run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /사용법 \(usage\): innoland COMMAND/);
  }
});

test(`migrate creates the schema and check reports it sound (${driver})`, async () => {
  const db = await tempDb();
  try {
    const m = await run(['migrate', '--db', db.url]);
    assert.equal(m.code, 0, m.stderr);
    assert.match(m.stdout, /schema version [1-9]/);
    const again = await run(['migrate', '--db', db.url]);
    assert.match(again.stdout, /applied 0 migration/);
    const c = await run(['check', '--db', db.url]);
    assert.equal(c.code, 0, c.stdout + c.stderr);
    assert.match(c.stdout, new RegExp(driver));
  } finally { await db.cleanup(); }
});

if (driver === 'sqlite') {
  test('INNOLAND_TRACE_SQL=1 writes every statement with its values on stderr, and nothing without it', async () => {
    const db = await tempDb();
    try {
      assert.equal((await run(['org', 'add', '--db', db.url, '--org', '3180000', '--name', '영등포구'])).code, 0);
      const add = ['user', 'add', '--db', db.url, '--org', '3180000', '--login', 'trace.me', '--name', '추적',
        '--role', 'member', '--password-stdin'];
      process.env.INNOLAND_TRACE_SQL = '1';
      const traced = await run(add, { input: 'Hyeoksin#2026\n' });
      delete process.env.INNOLAND_TRACE_SQL;
      assert.equal(traced.code, 0, traced.stderr);
      assert.match(traced.stderr, /^sql: INSERT INTO users .*'trace\.me'/m);
      const quiet = await run([...add.slice(0, 7), 'trace.you', ...add.slice(8)], { input: 'Hyeoksin#2026\n' });
      assert.equal(quiet.code, 0, quiet.stderr);
      assert.doesNotMatch(quiet.stderr, /^sql: /m);
    } finally { await db.cleanup(); }
  });

  test('check fails on a file that is not a database', async () => {
    const { writeFileSync } = await import('node:fs');
    const db = await tempDb();
    writeFileSync(db.url, 'this is not a database, just text '.repeat(200));
    const c = await run(['check', '--db', db.url]);
    assert.notEqual(c.code, 0);
    await db.cleanup();
  });
}

test('docs/entities.md is what `innoland entities` prints (the reference is generated)', async () => {
  const { readFileSync } = await import('node:fs');
  const { root } = await import('./harness.mjs');
  const r = await run(['entities']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /## `staff`: 직원 \(Staff\)/);
  assert.equal(readFileSync(`${root}/docs/entities.md`, 'utf8'), r.stdout,
    'regenerate it: build/innoland entities > docs/entities.md');
});

test(`the registry is checked against the database at start (${driver})`, async () => {
  const db = await tempDb();
  try {
    assert.equal((await run(['migrate', '--db', db.url])).code, 0);
    await sql(db, 'ALTER TABLE staff RENAME COLUMN phone TO telephone');
    const r = await run(['serve', '--db', db.url, '--listen', '127.0.0.1:0']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /staff\.phone has no column in the database/);
  } finally { await db.cleanup(); }
});
