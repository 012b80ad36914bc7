// http.test.mjs: the server seen from outside: pages, the API face, assets,
// errors, bad input, limits, and shutdown.  Runs on the driver the harness
// picks (SQLite, or PostgreSQL with INNOLAND_TEST_PG).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { driver, raw, start, statusOf } from './harness.mjs';

describe(`HTTP on ${driver}`, () => {
  let srv;
  before(async () => { srv = await start(); });
  after(async () => { await srv.stop(); });

  test('home page is Korean HTML naming the organisation; an anonymous visitor is offered the sign-in, not areas they may not open', async () => {
    const r = await fetch(srv.url + '/');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/html; charset=utf-8/);
    const html = await r.text();
    assert.match(html, /<html lang="ko">/);
    assert.match(html, /<h1 id="hero-title">영등포구 혁신랜드<\/h1>/);
    for (const href of ['/staff', '/tasks', '/knowledge', '/mileage-entries/mine', '/clubs'])
      assert.ok(!html.includes(`href="${href}"`), `no link to ${href} for an anonymous visitor`);
    assert.match(html, /<a class="krds-btn primary" href="\/login">로그인<\/a>/);
    assert.match(html, /href="\/assets\/krds\/css\/component\/output\.[0-9a-f]{16}\.css"/);
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'no request to another host');
  });

  test('the same document is JSON at /api/v1/ and with Accept: application/json', async () => {
    const a = await fetch(srv.url + '/api/v1/');
    assert.equal(a.status, 200);
    assert.match(a.headers.get('content-type'), /^application\/json/);
    const doc = await a.json();
    assert.equal(doc.org.name, '영등포구');
    assert.equal(doc.org.code, '3180000');
    assert.deepEqual(doc.areas, []);
    assert.deepEqual(doc.todo, []);
    assert.equal(doc.signed_in, false);
    assert.equal(doc.site, undefined, 'layout data stays out of the API');
    const b = await fetch(srv.url + '/', { headers: { accept: 'application/json' } });
    assert.deepEqual(await b.json(), doc);
  });

  test('healthz answers 200 while the database is reachable', async () => {
    const r = await fetch(srv.url + '/healthz');
    assert.equal(r.status, 200);
    assert.equal(await r.text(), 'ok\n');
  });

  test('unknown pages are 404 in HTML and in JSON', async () => {
    const h = await fetch(srv.url + '/no-such-page');
    assert.equal(h.status, 404);
    assert.match(await h.text(), /페이지를 찾을 수 없습니다/);
    const j = await fetch(srv.url + '/api/v1/no-such-thing');
    assert.equal(j.status, 404);
    const body = await j.json();
    assert.equal(body.error.code, 'not_found');
    assert.match(body.error.message, /페이지가 없습니다/);
    const asset = await fetch(srv.url + '/api/v1/assets/app/app.css');
    assert.equal(asset.status, 404, 'assets have no API face');
  });

  test('a wrong method is 405 with Allow; HEAD has headers and no body', async () => {
    const r = await fetch(srv.url + '/', { method: 'POST', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(r.status, 405);
    assert.equal(r.headers.get('allow'), 'GET, HEAD');
    const unknown = statusOf(await raw(srv.port, 'BREW / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    assert.equal(unknown, 405);
    const head = await raw(srv.port, 'HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.equal(statusOf(head), 200);
    assert.match(head, /Content-Length: [1-9]\d*/i);
    assert.equal(head.split('\r\n\r\n')[1], '');
  });

  test('every answer carries the security headers', async () => {
    for (const p of ['/', '/no-such-page', '/assets/app/app.css']) {
      const r = await fetch(srv.url + p);
      assert.match(r.headers.get('content-security-policy'), /frame-ancestors 'none'/);
      assert.doesNotMatch(r.headers.get('content-security-policy'), /unsafe-inline/);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(r.headers.get('referrer-policy'), 'same-origin');
    }
  });

  test('assets: MIME type, ETag and 304, gzip, long cache only for hashed names', async () => {
    const html = await (await fetch(srv.url + '/')).text();
    const hashed = html.match(/href="(\/assets\/krds\/css\/component\/output\.[0-9a-f]{16}\.css)"/)[1];
    const r = await fetch(srv.url + hashed);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.match(r.headers.get('cache-control'), /max-age=31536000, immutable/);
    const etag = r.headers.get('etag');
    assert.match(etag, /^"[0-9a-f]{16}"$/);
    const css = await r.text();
    assert.match(css, /krds/);
    const plain = await fetch(srv.url + '/assets/krds/css/component/output.css');
    assert.equal(plain.headers.get('cache-control'), 'public, max-age=300');
    assert.equal(plain.headers.get('etag'), etag);
    const again = await fetch(srv.url + hashed, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    const gz = await raw(srv.port, `GET ${hashed} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n`);
    assert.match(gz, /Content-Encoding: gzip/i);
    const body = Buffer.from(gz.split('\r\n\r\n').slice(1).join('\r\n\r\n'), 'latin1');
    assert.equal(gunzipSync(body).toString('utf8'), css);
    const font = await fetch(srv.url + '/assets/krds/fonts/PretendardGOV-Regular.subset.woff2');
    assert.equal(font.headers.get('content-type'), 'font/woff2');
    assert.ok((await font.arrayBuffer()).byteLength > 10000);
  });

  test('bad paths and encodings are 400, and the server keeps serving', async () => {
    const cases = [
      ['/assets/../../etc/passwd', 400], ['/assets/%2e%2e/%2e%2e/etc/passwd', 400],
      ['/a%2Fb', 400], ['/%ff%fe', 400], ['/%zz', 400], ['/?q=%C0%AF', 400],
      ['/?q=%', 400], ['/%00', 400],
    ];
    for (const [target, status] of cases) {
      const answer = await raw(srv.port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assert.equal(statusOf(answer), status, target);
    }
    const j = await raw(srv.port, 'GET /api/v1/?q=%ff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.match(j, /"code":"invalid_utf8"/);
    const garbage = await raw(srv.port, 'THIS IS NOT HTTP\r\n\r\n');
    assert.equal(statusOf(garbage), 400, 'malformed request line is refused');
    const noHost = await raw(srv.port, 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n');
    assert.equal(statusOf(noHost), 400);
    assert.equal((await fetch(srv.url + '/')).status, 200);
  });

  test('oversized bodies are 413, too-long URLs 414, huge headers refused', async () => {
    const big = await raw(srv.port, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 20000000\r\nConnection: close\r\n\r\n');
    assert.equal(statusOf(big), 413);
    assert.match(big, /payload_too_large|너무 큽니다/);
    const long = await raw(srv.port, `GET /${'a'.repeat(9000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.equal(statusOf(long), 414);
    const hdr = await raw(srv.port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(40000)}\r\nConnection: close\r\n\r\n`);
    assert.equal(statusOf(hdr), 431, 'header flood refused');
    assert.equal((await fetch(srv.url + '/')).status, 200);
  });

  test('each request is logged with method, path, status, microseconds and bytes', async () => {
    await fetch(srv.url + '/healthz?x=1');
    await new Promise((r) => setTimeout(r, 100));
    assert.match(srv.log(), /info GET \/healthz 200 \d+us 3B/);
  });
});

// Opens a keep-alive connection and asks /healthz on it once: resolves with
// the open socket and the answer's status (0: closed without one).
async function askKept(port) {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let data = '';
    const done = () => resolve({ socket, status: statusOf(data) });
    socket.on('connect', () => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'));
    socket.on('data', (d) => { data += d; if (data.endsWith('ok\n')) done(); });
    socket.on('end', done);
    socket.on('error', done);
  });
}

describe(`limits and shutdown on ${driver}`, () => {
  test('a chunked body past the cap is 413', async () => {
    const srv = await start(['--body-max', '1000']);
    try {
      const chunk = 'x'.repeat(600);
      const answer = await raw(srv.port, 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n' +
        `258\r\n${chunk}\r\n258\r\n${chunk}\r\n0\r\n\r\n`);
      assert.equal(statusOf(answer), 413);
    } finally { await srv.stop(); }
  });

  test('a client past its connection limit is cut off, others are served', async () => {
    // two threads: the limit holds over all of them, not per thread
    const srv = await start(['--max-per-client', '20', '--threads', '2']);
    const net = await import('node:net');
    const held = [];
    try {
      for (let i = 0; i < 30; i++) {
        held.push(await new Promise((resolve) => {
          const s = net.connect({ port: srv.port, host: '127.0.0.1', localAddress: '127.0.0.3' }, () => resolve(s));
          s.on('error', () => resolve(s));
        }));
      }
      await new Promise((r) => setTimeout(r, 300));
      const closed = held.filter((s) => s.destroyed || s.readableEnded).length;
      assert.equal(closed, 10, 'the 10 connections past the limit of 20 were closed');
      assert.equal((await fetch(srv.url + '/healthz')).status, 200);
    } finally { held.forEach((s) => s.destroy()); await srv.stop(); }
  });

  test('keep-alive connections opened together are spread over every thread', async () => {
    const srv = await start(['--threads', '3']);
    const held = [];
    try {
      for (let i = 0; i < 8; i++) held.push(await askKept(srv.port));
      assert.deepEqual(held.map((c) => c.status), Array(8).fill(200));
    } finally { held.forEach((c) => c.socket.destroy()); }
    assert.equal((await srv.stop()).code, 0);
    // the eight were all open at once: each went to the thread with the fewest, in turn
    assert.match(srv.log(), /info connections given to each thread: 3 3 2\n/);
  });

  test('the total connection limit holds over all threads, and closed connections free their places', async () => {
    const srv = await start(['--threads', '2', '--max-connections', '10']);
    const net = await import('node:net');
    const held = [];
    try {
      for (let i = 0; i < 12; i++) {
        held.push(await new Promise((resolve) => {
          const s = net.connect({ port: srv.port, host: '127.0.0.1' }, () => resolve(s));
          s.on('error', () => resolve(s));
        }));
      }
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(held.map((s) => s.destroyed || s.readableEnded),
        [...Array(10).fill(false), true, true], 'the 2 connections past the limit of 10 were closed');
      held.forEach((s) => s.destroy());
      await new Promise((r) => setTimeout(r, 300));
      const again = [];
      try {
        for (let i = 0; i < 10; i++) again.push(await askKept(srv.port));
        assert.deepEqual(again.map((c) => c.status), Array(10).fill(200), 'the places of closed connections are free again');
      } finally { again.forEach((c) => c.socket.destroy()); }
    } finally { held.forEach((s) => s.destroy()); await srv.stop(); }
  });

  test('with 2,000 idle connections held, other clients are still answered', async () => {
    const srv = await start(['--idle-timeout', '60']);
    const net = await import('node:net');
    const held = [];
    try {
      // 40 addresses × 50 connections: under the per-client limit, over libmicrohttpd's default total.
      for (let a = 0; a < 40; a++) {
        const conns = await Promise.all(Array.from({ length: 50 }, () => new Promise((resolve, reject) => {
          const s = net.connect({ port: srv.port, host: '127.0.0.1', localAddress: `127.0.1.${a + 1}` }, () => resolve(s));
          s.on('error', reject);
        })));
        held.push(...conns);
      }
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(held.filter((s) => !s.destroyed).length, 2000, 'all 2,000 idle connections are open');
      for (let i = 0; i < 20; i++) assert.equal((await fetch(srv.url + '/')).status, 200);
      assert.equal(held.filter((s) => !s.destroyed).length, 2000, 'idle connections are still held');
    } finally {
      held.forEach((s) => s.destroy());
      await srv.stop();
    }
  });

  test('idle connections are closed after the idle timeout', async () => {
    const srv = await start(['--idle-timeout', '1']);
    try {
      const net = await import('node:net');
      // the server ends it (an end from its side, no answer), not our 30 s give-up
      const how = await new Promise((resolve) => {
        const s = net.connect({ port: srv.port, host: '127.0.0.1' });
        let data = '';
        s.on('data', (d) => (data += d));
        s.setTimeout(30000, () => { s.destroy(); resolve('still open'); });
        s.on('end', () => resolve(`ended by the server${data ? ' after ' + data : ''}`));
        s.on('error', () => resolve('reset'));
      });
      assert.equal(how, 'ended by the server');
    } finally { await srv.stop(); }
  });

  test('a port in use is refused with a message; a stopped server\'s port is free at once', async () => {
    const first = await start();
    const other = start(['--listen', `127.0.0.1:${first.port}`]);
    await assert.rejects(other, /server exited 1:[\s\S]*cannot listen on 127\.0\.0\.1:\d+ \(address in use\?\)/,
      'a second server on the same port does not quietly share it');
    assert.equal((await fetch(`${first.url}/healthz`)).status, 200); // a connection closed by the server: TIME_WAIT
    const port = first.port;
    await first.stop();
    const again = await start(['--listen', `127.0.0.1:${port}`]);
    assert.equal(again.port, port);
    assert.equal((await fetch(`${again.url}/healthz`)).status, 200);
    await again.stop();
  });

  test('SIGTERM finishes the request in flight and exits 0, idle connections or not', async () => {
    const srv = await start();
    const net = await import('node:net');
    const idle = await Promise.all(Array.from({ length: 50 }, () => new Promise((resolve) => {
      const s = net.connect({ port: srv.port, host: '127.0.0.1' }, () => resolve(s));
    })));
    const inflight = net.connect({ port: srv.port, host: '127.0.0.1' });
    let answer = '';
    inflight.on('data', (d) => (answer += d));
    await new Promise((r) => inflight.on('connect', r));
    inflight.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\nabcde');
    await new Promise((r) => setTimeout(r, 200));
    srv.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    inflight.write('fghij');
    const { code } = await srv.stop();
    assert.equal(code, 0);
    assert.equal(statusOf(answer), 405, 'the request in flight got its full answer');
    idle.forEach((s) => s.destroy());
    inflight.destroy();
  });
});
