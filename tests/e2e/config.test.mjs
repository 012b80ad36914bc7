// config.test.mjs: --config FILE, serve's options and --db as "key = value"
// lines: the file's settings are used, the command line wins over them, and
// a bad file is refused with its line before anything is opened.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { binary, driver, run, tempDb } from './harness.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'innoland-conf-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function confFile(text) {
  const f = path.join(dir, `c${++files}.conf`);
  writeFileSync(f, text);
  return f;
}

// Starts serve with args alone (no --db or --listen of the harness's) and
// resolves with its address once it prints it, and a stop().
function serve(args) {
  const proc = spawn(binary, ['serve', ...args]);
  let stderr = '';
  proc.stderr.setEncoding('utf8');
  proc.stdout.setEncoding('utf8');
  proc.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/[^\s]+?)\/?\n/);
      if (m) resolve({ url: m[1], log: () => stderr, stop: () => (proc.kill('SIGTERM'), exited) });
    });
    proc.on('exit', (code) => reject(new Error(`serve exited ${code}:\n${stderr}`)));
  });
}

test(`serve takes the database, the address and the rest from --config (${driver})`, async () => {
  const db = await tempDb();
  const f = confFile(`# InnoLand\n\n  # indented comment\ndb = ${db.url}\nlisten = 127.0.0.1:0\r\nthreads = 2\n` +
    'quiet = no\nsecure-cookies = yes\n');
  const s = await serve(['--config', f]);
  try {
    const res = await fetch(s.url + '/healthz');
    assert.equal(res.status, 200);
    assert.ok(s.log().includes(`database ${db.url} (${driver})`), s.log());
    // secure-cookies = yes: the sign-in page's cookie is Secure
    const login = await fetch(s.url + '/login');
    assert.match(login.headers.get('set-cookie') || '', /; Secure/);
  } finally { await s.stop(); await db.cleanup(); }
});

test('an option on the command line wins over the same key in the file', async () => {
  const db = await tempDb();
  const f = confFile(`db = ${path.join(dir, 'no-such-folder', 'x.db')}\nlisten = 127.0.0.1:1\nsecure-cookies = no\n`);
  const s = await serve(['--config', f, '--db', db.url, '--listen', '127.0.0.1:0']);
  try {
    assert.notEqual(new URL(s.url).port, '1');
    assert.equal((await fetch(s.url + '/healthz')).status, 200);
    assert.ok(s.log().includes(`database ${db.url} `), s.log());
  } finally { await s.stop(); await db.cleanup(); }
});

if (driver === 'sqlite') {
  test('every command reads --config: migrate creates the database the file names', async () => {
    const file = path.join(dir, 'migrated.db');
    const r = await run(['migrate', '--config', confFile(`db = ${file}\nthreads = 4\nlisten = 0.0.0.0:80\n`)]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^applied [1-9]\d* migration\(s\); schema version [1-9]/);
    assert.ok(existsSync(file));
  });
}

test('a bad file is refused with its line, exit 2 and no usage, before the database is opened', async () => {
  const file = path.join(dir, 'never.db');
  const cases = [
    ['thread = 2\n', "1: 'thread' 알 수 없는 설정 (unknown key)"],
    [`db = ${file}\n# threads\n\nthreads = 0\n`, "4: 'threads' 값이 잘못됨 (bad value)"],
    [`db = ${file}\nthreads = 257\n`, "2: 'threads' 값이 잘못됨 (bad value)"],
    ['listen = 127.0.0.1\n', "1: 'listen' 값이 잘못됨 (bad value)"],
    ['listen 127.0.0.1:8080\n', "1: '이름 = 값' 형식이 아님 (expected key = value)"],
    ['quiet = 1\n', "1: 'quiet' 값은 yes 또는 no (yes or no)"],
    ['db = a.db\nthreads = 2\ndb = b.db\n', "3: 'db' 설정이 1행에 이미 있음 (repeated key)"],
    ['Listen = 127.0.0.1:8080\n', "1: 설정 이름은 영문 소문자, 숫자, '-' (bad key)"],
    ['db =   \n', '1: 값이 없음 (empty value)'],
    ['config = /etc/innoland/innoland.conf\n', "1: 'config' 알 수 없는 설정 (unknown key)"],
    ['login = admin\n', "1: 'login' 알 수 없는 설정 (unknown key)"],
    ['threads = 2\ndb = a\x01b\n', '2: 제어 문자가 있음 (control character)'],
    ['threads = 2\n\ndb = a\0b\n', '3: 제어 문자가 있음 (control character)'],
    ['db = \xff\xfe.db\n', '1: UTF-8이 아님 (not UTF-8)'],
  ];
  for (const [text, said] of cases) {
    const f = path.join(dir, `bad${++files}.conf`);
    writeFileSync(f, Buffer.from(text, 'latin1'));
    const r = await run(['serve', '--config', f, '--listen', '127.0.0.1:0']);
    assert.equal(r.code, 2, text);
    assert.equal(r.stderr, `innoland: ${f}:${said}\n`, text);
  }
  const big = confFile('#'.repeat(65537));
  const r = await run(['migrate', '--config', big]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `innoland: ${big}: 설정 파일이 65536바이트를 넘음 (file over 65536 bytes)\n`);
  const missing = path.join(dir, 'missing.conf');
  const m = await run(['serve', '--config', missing]);
  assert.equal(m.code, 2);
  assert.equal(m.stderr, `innoland: ${missing}: 설정 파일을 읽을 수 없음 (cannot read the file): No such file or directory\n`);
  assert.equal(existsSync(file), false);
});
