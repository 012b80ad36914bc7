// harness.mjs: starts the real innoland binary on a free port with a
// temporary database and talks HTTP to it, for the end-to-end and browser
// tests.  The database is SQLite by default; INNOLAND_TEST_PG (a postgres://
// URL) runs the same tests on PostgreSQL.  Every server started here is
// stopped when its test ends, and killed outright if the test process exits.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const binary = path.resolve(root, process.env.INNOLAND_BIN || 'build/innoland');
export const driver = process.env.INNOLAND_TEST_PG ? 'postgres' : 'sqlite';
const live = new Set();
process.on('exit', () => { for (const p of live) p.kill('SIGKILL'); });

// A new, empty database: a SQLite file in a temporary folder, or a fresh
// PostgreSQL database beside INNOLAND_TEST_PG's (its role may create them).
export async function tempDb() {
  const base = process.env.INNOLAND_TEST_PG;
  if (base) {
    const name = `innoland_t${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = { url: base };
    await sql(admin, `CREATE DATABASE ${name}`);
    const u = new URL(base);
    u.pathname = '/' + name;
    return { url: u.toString(), cleanup: () => sql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'innoland-'));
  return { url: path.join(dir, 'test.db'), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

// Runs an innoland subcommand to completion: {code, stdout, stderr}.
export function run(args, { input } = {}) {
  return new Promise((resolve) => {
    const p = spawn(binary, args, { cwd: root });
    let stdout = '', stderr = '';
    // decoded as a stream: a Korean character may straddle two chunks
    p.stdout.setEncoding('utf8');
    p.stderr.setEncoding('utf8');
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    if (input !== undefined) p.stdin.end(input);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// Starts `innoland serve` and resolves once it prints its address.
export async function start(extra = [], { db, cwd = root } = {}) {
  const owned = !db;
  db = db || (await tempDb());
  const proc = spawn(binary, ['serve', '--db', db.url, '--listen', '127.0.0.1:0', ...extra], { cwd });
  live.add(proc);
  let stderr = '', stdout = '';
  proc.stdout.setEncoding('utf8');
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (d) => (stderr += d));
  proc.stdout.on('data', (d) => (stdout += d));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error("server did not start:\n" + stderr)), 60000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/[^\s]+?)\/?\n/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}:\n${stderr}`)); });
  });
  const port = Number(new URL(url).port);
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    url, port, proc, db, exited,
    log: () => stderr,
    stdout: () => stdout,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const r = await exited;
      live.delete(proc);
      if (owned) await db.cleanup();
      return r;
    },
  };
}

// Sends raw bytes on a new connection and resolves with everything the
// server answers before it closes the connection or the timeout passes.
export function raw(port, bytes, { timeout = 3000, host = '127.0.0.1' } = {}) {
  return new Promise((resolve, reject) => {
    const s = net.connect({ port, host });
    let data = Buffer.alloc(0);
    s.setTimeout(timeout, () => { s.destroy(); resolve(data.toString('latin1')); });
    s.on('connect', () => s.write(bytes));
    s.on('data', (d) => (data = Buffer.concat([data, d])));
    s.on('end', () => resolve(data.toString('latin1')));
    s.on('error', (e) => (data.length ? resolve(data.toString('latin1')) : reject(e)));
  });
}

// The status code of a raw HTTP answer, or 0 when there was none.
export const statusOf = (answer) => Number((answer.match(/^HTTP\/1\.[01] (\d{3})/) || [])[1] || 0);

// A browser's cookies, kept by hand: fetch has no cookie jar of its own.
export class Client {
  constructor(base) { this.base = base; this.cookies = new Map(); }
  header() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
  keep(res) {
    for (const line of res.headers.getSetCookie?.() || []) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i), value = pair.slice(i + 1);
      if (/Max-Age=0/i.test(line)) this.cookies.delete(name); else this.cookies.set(name, value);
    }
  }
  async get(path, headers = {}) {
    const res = await fetch(this.base + path, { redirect: 'manual', headers: { cookie: this.header(), ...headers } });
    this.keep(res);
    return res;
  }
  async post(path, fields = {}, headers = {}) {
    const res = await fetch(this.base + path, {
      method: 'POST', redirect: 'manual', body: new URLSearchParams(fields).toString(),
      headers: { cookie: this.header(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
    this.keep(res);
    return res;
  }
  // The CSRF token of the form on a page.
  async csrf(path) {
    const html = await (await this.get(path)).text();
    return (html.match(/name="_csrf" value="([^"]*)"/) || [])[1] || '';
  }
  async signIn(login, password) {
    const _csrf = await this.csrf('/login');
    return this.post('/login', { _csrf, login, password, next: '/' });
  }
}

// Creates an account from the shell with a password; resolves with its id.
export async function addUser(db, login, role, password = 'Hyeoksin#2026', name = login) {
  const r = await run(['user', 'add', '--db', db.url, '--org', '3180000', '--login', login, '--name', name,
    '--role', role, '--password-stdin'], { input: password + '\n' });
  if (r.code !== 0) throw new Error(`user add ${login}: ${r.stderr}`);
  return Number(r.stdout.trim());
}

// Signs in and makes the first-login password change; resolves with the client.
export async function staff(base, login, password = 'Hyeoksin#2026', next = 'Hyeoksin#2027') {
  const c = new Client(base);
  const r = await c.signIn(login, password);
  if (r.status !== 303) throw new Error(`sign-in of ${login}: ${r.status}`);
  if (r.headers.get('location') === '/password') {
    const _csrf = await c.csrf('/password');
    const p = await c.post('/password', { _csrf, current: password, password: next, confirm: next });
    if (p.status !== 303) throw new Error(`password change of ${login}: ${p.status}`);
  }
  return c;
}

// Runs SQL on the test database with the sqlite3 or psql client.
export function sql(db, statement) {
  const [cmd, args] = db.url.startsWith('postgres')
    ? ['psql', [db.url, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', statement]]
    : ['sqlite3', [db.url, statement]];
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args);
    let out = '', err = '';
    p.stdout.setEncoding('utf8');
    p.stderr.setEncoding('utf8');
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
  });
}
