// views.test.mjs: a knowledge item's views are counted in memory
// (crud/counter.h), not written one UPDATE a page: each page shown shows the
// exact count at once (stored + pending) while the stored row stays as it
// was (on SQLite no statement that writes runs at all, on PostgreSQL the row
// is not rewritten: its xmin stays); the monitoring report writes what is
// pending before it sums; a graceful stop (SIGTERM) writes the rest, and a
// running server writes them every --count-flush seconds.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, sql, staff, start, tempDb } from './harness.mjs';

describe(`view counts on ${driver}`, () => {
  let db, srv, viewer, id, stored;
  const trace = driver === 'sqlite'; // INNOLAND_TRACE_SQL is SQLite's
  const views = async () => Number((await sql(db, `SELECT views FROM knowledge_items WHERE id = ${id}`)).trim());
  const xmin = async () => (await sql(db, `SELECT xmin FROM knowledge_items WHERE id = ${id}`)).trim();
  // one page shown: the count in its header and in its fields
  const show = async (client = viewer) => {
    const html = await (await client.get(`/knowledge-items/${id}`)).text();
    const head = Number((html.match(/조회 (\d+) · 추천/) || [])[1]);
    const field = Number((html.match(/<dt>조회<\/dt><dd>(\d+)<\/dd>/) || [])[1]);
    assert.equal(field, head, 'the header and the fields show the same count');
    return head;
  };

  before(async () => {
    db = await tempDb();
    const demo = await start(['--demo'], { db });
    await addUser(db, 'v.viewer', 'member');
    await demo.stop();
    // a flush interval longer than the test: only the report and the stop write
    if (trace) process.env.INNOLAND_TRACE_SQL = '1';
    try { srv = await start(['--count-flush', '3600'], { db }); } finally { delete process.env.INNOLAND_TRACE_SQL; }
    viewer = await staff(srv.url, 'v.viewer');
    id = Number((await sql(db, "SELECT id FROM knowledge_items WHERE status = 'adopted' AND archived_at IS NULL ORDER BY id LIMIT 1")).trim());
    stored = await views();
  });
  after(async () => {
    await srv?.stop();
    await db.cleanup();
  });

  test('seven views show 1..7 more at once, and nothing is written', async () => {
    const row = driver === 'postgres' ? await xmin() : null;
    const from = srv.log().length;
    for (let k = 1; k <= 7; k++) assert.equal(await show(), stored + k);
    const api = async () => (await (await viewer.get(`/api/v1/knowledge-items/${id}`)).json()).views;
    assert.equal(await api(), stored + 7, 'the API shows the pending views too');
    assert.equal(await api(), stored + 7, 'an API read is not a view');
    assert.equal(await views(), stored, 'the stored count is untouched');
    if (row !== null) assert.equal(await xmin(), row, 'the row was not rewritten');
    if (trace) {
      const ran = srv.log().slice(from).split('\n').filter((l) => l.startsWith('sql: '));
      assert.ok(ran.some((l) => /FROM knowledge_items/.test(l)), 'the trace holds the pages\' reads');
      // a request's reads share one deferred read transaction (db_snapshot()): it writes nothing
      const writes = ran.filter((l) => /^sql: (INSERT|UPDATE|DELETE|BEGIN|REPLACE)/i.test(l) && l !== 'sql: BEGIN DEFERRED');
      assert.deepEqual(writes, [], 'no statement that writes');
    }
  });

  test('the monitoring report writes what is pending, then sums it', async () => {
    await addUser(db, 'v.admin', 'admin');
    const admin = await staff(srv.url, 'v.admin');
    const on = (await sql(db, `SELECT registered_on FROM knowledge_items WHERE id = ${id}`)).trim();
    const report = async () => {
      const html = await (await admin.get(`/knowledge/monitoring?from=${on}&to=${on}`)).text();
      const body = html.match(/aria-labelledby="d-title">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/)[1];
      return [...body.matchAll(/<td>(\d+)<\/td><\/tr>/g)].reduce((s, m) => s + Number(m[1]), 0);
    };
    const before = await report(); // writes the seven of the test above
    assert.equal(await views(), stored + 7);
    stored += 7;
    for (let k = 1; k <= 3; k++) assert.equal(await show(), stored + k);
    assert.equal(await report(), before + 3, 'the day\'s views hold the three just shown');
    assert.equal(await views(), stored + 3);
    stored += 3;
    assert.equal(await show(), stored + 1, 'counted on from what was written');
    stored += 1; // pending
  });

  test('SIGTERM writes the pending views before the process ends', async () => {
    for (let k = 1; k <= 4; k++) assert.equal(await show(), stored + k);
    assert.equal(await views(), stored - 1, 'only the report wrote so far');
    const { code } = await srv.stop();
    srv = null;
    assert.equal(code, 0);
    assert.equal(await views(), stored + 4, 'every view shown is in the database');
    stored += 4;
  });

  test('a running server writes them every --count-flush seconds', async () => {
    srv = await start(['--count-flush', '1'], { db });
    viewer = await staff(srv.url, 'v.viewer', 'Hyeoksin#2027', 'Hyeoksin#2027'); // changed above
    for (let k = 1; k <= 2; k++) assert.equal(await show(), stored + k);
    let now = await views();
    for (let i = 0; i < 300 && now !== stored + 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      now = await views();
    }
    assert.equal(now, stored + 2, 'written without a stop');
    assert.equal(await show(), stored + 3, 'and shown once, not twice');
  });
});
