// dev.test.mjs: `serve --dev` reads templates and assets from disk (the
// files tools/assets.list names, relative to the working folder), so an
// edit shows on the next request without rebuilding.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { root, start } from './harness.mjs';

test('--dev picks up template and stylesheet edits without a rebuild', async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'innoland-dev-'));
  for (const p of ['tools/assets.list', 'templates', 'web/static'])
    cpSync(path.join(root, p), path.join(work, p), { recursive: true });
  const srv = await start(['--dev'], { cwd: work });
  try {
    assert.match(await (await fetch(srv.url + '/')).text(), /업무 영역/);
    const home = path.join(work, 'templates/home.mustache');
    writeFileSync(home, readFileSync(home, 'utf8').replace('업무 영역', '업무 영역 (편집됨)'));
    assert.match(await (await fetch(srv.url + '/')).text(), /업무 영역 \(편집됨\)/);
    writeFileSync(path.join(work, 'web/static/app.css'), 'body { color: red; }\n');
    const css = await fetch(srv.url + '/assets/app/app.css');
    assert.equal(await css.text(), 'body { color: red; }\n');
    assert.equal(css.headers.get('cache-control'), 'no-cache');
    writeFileSync(home, '{{#unclosed}}');
    const broken = await fetch(srv.url + '/');
    assert.equal(broken.status, 500, 'a broken template is an error page, not a crash');
    assert.equal((await fetch(srv.url + '/healthz')).status, 200);
  } finally {
    await srv.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
