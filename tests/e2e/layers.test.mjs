// layers.test.mjs: scripts/check-layers.sh, which keeps the layers pointing
// one way (DESIGN.md, decision 11): it passes the real tree and names the
// file and line of an include planted against the layers in a copy of it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { root } from './harness.mjs';

const script = path.join(root, 'scripts/check-layers.sh');

test('the real tree passes: every include points one way', () => {
  const r = spawnSync(script, [], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^check-layers: \d+ files, \d+ includes, all pointing one way/);
});

test('an upward include fails, naming its file and line', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'innoland-layers-'));
  try {
    const src = path.join(dir, 'src');
    cpSync(path.join(root, 'src'), src, { recursive: true });
    const router = path.join(src, 'http/router.c');
    const lines = readFileSync(router, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('#include')) + 1; // after the first include
    lines.splice(at, 0, '#include "app/app.h"');
    writeFileSync(router, lines.join('\n'));
    const r = spawnSync(script, [src], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.ok(r.stdout.includes(`${src}/http/router.c:${at + 1}: includes app/app.h ` +
      '(layer http may not include layer app)'), r.stdout);
    assert.equal(r.stdout.trim().split('\n').length, 1, r.stdout); // nothing else
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('sideways between db, tpl and sheet, and into another folder\'s *_int.h, fail too', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'innoland-layers-'));
  try {
    const src = path.join(dir, 'src');
    cpSync(path.join(root, 'src'), src, { recursive: true });
    const plant = (file, header) => {
      const p = path.join(src, file);
      writeFileSync(p, `#include "${header}"\n` + readFileSync(p, 'utf8'));
    };
    plant('tpl/tpl_set.c', 'db/db.h');
    plant('mod/tasks/pages.c', 'crud/crud_int.h');
    plant('mod/tasks/progress.c', 'mod/org/org.h'); // a module's public header: allowed
    const r = spawnSync(script, [src], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.ok(r.stdout.includes(`${src}/tpl/tpl_set.c:1: includes db/db.h (layer tpl may not include layer db)`), r.stdout);
    assert.ok(r.stdout.includes(`${src}/mod/tasks/pages.c:1: includes crud/crud_int.h ` +
      '(layer mod/tasks may not include layer crud\'s internal header)'), r.stdout);
    assert.equal(r.stdout.trim().split('\n').length, 2, r.stdout);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
