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

export function tempDb() {
  if (process.env.INNOLAND_TEST_PG) return { url: process.env.INNOLAND_TEST_PG, cleanup() {} };
  const dir = mkdtempSync(path.join(tmpdir(), 'innoland-'));
  return { url: path.join(dir, 'test.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// Runs an innoland subcommand to completion: {code, stdout, stderr}.
export function run(args, { input } = {}) {
  return new Promise((resolve) => {
    const p = spawn(binary, args, { cwd: root });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    if (input !== undefined) p.stdin.end(input);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// Starts `innoland serve` and resolves once it prints its address.
export async function start(extra = [], { db, cwd = root } = {}) {
  const owned = !db;
  db = db || tempDb();
  const proc = spawn(binary, ['serve', '--db', db.url, '--listen', '127.0.0.1:0', ...extra], { cwd });
  live.add(proc);
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start:\n' + stderr)), 15000);
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
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const r = await exited;
      live.delete(proc);
      if (owned) db.cleanup();
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
