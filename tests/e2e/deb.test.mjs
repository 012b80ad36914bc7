// deb.test.mjs: the Debian package `make deb` builds (scripts/deb.sh, from
// the binary under test): its files, its control data with the Depends the
// binary's libraries call for, its systemd unit as systemd-analyze reads
// it, and the binary it holds serving with the configuration it holds.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { binary, driver, root } from './harness.mjs';

const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', cwd: root, ...opts });
// The package does not depend on the database the other tests run on.
const skip = driver === 'postgres' && 'the package is the same on PostgreSQL';
let dir, deb, top;

test.before(() => {
  if (skip) return;
  dir = mkdtempSync(path.join(tmpdir(), 'innoland-deb-'));
  deb = sh('scripts/deb.sh', [binary, dir]).trim();
  top = path.join(dir, 'root');
  sh('dpkg-deb', ['-x', deb, top]);
});
test.after(() => dir && rmSync(dir, { recursive: true, force: true }));

test('the package holds the binary, the unit and the configuration, owned by root', { skip }, () => {
  const rows = sh('dpkg-deb', ['-c', deb]).trim().split('\n').map((l) => l.split(/\s+/));
  const files = rows.filter((r) => !r[0].startsWith('d')).map((r) => [r[0], r[1], r[5]]);
  assert.deepEqual(files, [
    ['-rw-r--r--', 'root/root', './etc/innoland/innoland.conf'],
    ['-rw-r--r--', 'root/root', './lib/systemd/system/innoland.service'],
    ['-rwxr-xr-x', 'root/root', './usr/bin/innoland'],
  ]);
  assert.equal(sh('dpkg-deb', ['-I', deb, 'conffiles']), '/etc/innoland/innoland.conf\n');
  for (const s of ['postinst', 'prerm', 'postrm']) sh('sh', ['-n', '-c', sh('dpkg-deb', ['-I', deb, s])]);
  assert.match(sh('dpkg-deb', ['-I', deb, 'postinst']),
    /adduser --system --group --home \/var\/lib\/innoland --no-create-home/);
});

test('its version is the binary\'s and its Depends are the packages of the libraries it links', { skip }, () => {
  const [, version] = sh(binary, ['version']).trim().split(' ');
  const want = /^\d/.test(version) ? version : `0~git${version}`;
  assert.equal(sh('dpkg-deb', ['-f', deb, 'Package']), 'innoland\n');
  assert.equal(sh('dpkg-deb', ['-f', deb, 'Version']), want.replace(/-/g, '+') + '\n');
  assert.equal(path.basename(deb), `innoland_${want.replace(/-/g, '+')}_${sh('dpkg', ['--print-architecture']).trim()}.deb`);
  // what the binary needs (its NEEDED entries), found where ldd finds them,
  // and the package dpkg says each comes from
  const bin = path.join(top, 'usr/bin/innoland');
  const needed = sh('objdump', ['-p', bin]).match(/NEEDED\s+\S+/g).map((l) => l.split(/\s+/)[1]);
  const where = Object.fromEntries(sh('ldd', [bin]).split('\n').map((l) => l.trim().split(/\s+/))
    .filter((w) => w[1] === '=>').map((w) => [w[0], w[2]]));
  const owner = (file) => {
    for (const f of [file, realpathSync(file)]) {
      try { return sh('dpkg-query', ['-S', f], { stdio: ['ignore', 'pipe', 'ignore'] }).split(':')[0]; } catch { /* next */ }
    }
    throw new Error(`no package holds ${file}`);
  };
  const libs = new Set(needed.map((n) => owner(where[n])));
  const depends = sh('dpkg-deb', ['-f', deb, 'Depends']).trim().split(/,\s*/).map((d) => d.split(' ')[0]);
  assert.deepEqual(depends.slice(0, -1).sort(), [...libs].sort());
  assert.equal(depends.at(-1), 'adduser');
  assert.ok(libs.has('libmicrohttpd12') && libs.has('libsqlite3-0') && libs.has('libpq5'), [...libs].join());
});

test('systemd-analyze finds nothing wrong with the unit, and rates its sandbox', { skip }, () => {
  const unit = readFileSync(path.join(top, 'lib/systemd/system/innoland.service'), 'utf8');
  assert.match(unit, /^ExecStart=\/usr\/bin\/innoland serve --config \/etc\/innoland\/innoland\.conf$/m);
  assert.match(unit, /^User=innoland$/m);
  assert.match(unit, /^StateDirectory=innoland$/m);
  // verify wants ExecStart's binary: a copy of the unit points at the extracted one
  const check = path.join(dir, 'check');
  sh('mkdir', ['-p', check]);
  writeFileSync(path.join(check, 'innoland.service'), unit.replace('ExecStart=/usr/bin/innoland', `ExecStart=${top}/usr/bin/innoland`));
  // verify exits 0 on an unknown key or a bad value too: only its silence says it read every line
  const said = sh('sh', ['-c', 'systemd-analyze verify "$1" 2>&1', 'verify', path.join(check, 'innoland.service')]);
  assert.equal(said, '');
  const security = sh('systemd-analyze', ['security', '--offline=yes', `--root=${top}`, 'innoland.service']);
  assert.match(security, /Overall exposure level for innoland\.service: 1\.4 OK/);
});

test('the packaged binary serves /healthz with the packaged configuration', { skip }, async () => {
  const db = path.join(dir, 'innoland.db');
  const conf = path.join(top, 'etc/innoland/innoland.conf');
  assert.match(readFileSync(conf, 'utf8'), /^db = \/var\/lib\/innoland\/innoland\.db$/m);
  const proc = spawn(path.join(top, 'usr/bin/innoland'),
    ['serve', '--config', conf, '--db', db, '--listen', '127.0.0.1:0']);
  let out = '', err = '';
  proc.stdout.setEncoding('utf8');
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (d) => (err += d));
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  try {
    const url = await new Promise((resolve, reject) => {
      proc.stdout.on('data', (d) => {
        out += d;
        const m = out.match(/serving (http:\/\/[^\s]+?)\/?\n/);
        if (m) resolve(m[1]);
      });
      proc.on('exit', (code) => reject(new Error(`serve exited ${code}:\n${err}`)));
    });
    assert.equal((await fetch(url + '/healthz')).status, 200);
    assert.ok(err.includes(`database ${db} (sqlite)`), err);
  } finally { proc.kill('SIGTERM'); await exited; }
});
