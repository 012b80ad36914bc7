// kill9.mjs: N trials of SIGKILL under concurrent API writes, on the driver
// the harness picks (INNOLAND_TEST_PG for PostgreSQL).  Each trial starts
// the server on the same database, lets 4 writers create staff through
// /api/v1 and keeps the id of every write answered 201, kills the server
// with SIGKILL at a random moment, then runs `innoland check` and looks
// for every acknowledged id in the database.  Prints each trial and a
// summary; exits 1 if a single acknowledged write is missing or a check
// fails.  usage: node scripts/kill9.mjs [TRIALS]   (scripts/kill9.sh)
import { addUser, driver, run, sql, start, tempDb } from '../tests/e2e/harness.mjs';

const trials = Number(process.argv[2] || 5);
const db = await tempDb();
await (await start(['--quiet'], { db })).stop(); /* the first start makes the organisation */
await addUser(db, 'k9.admin', 'admin');
const token = (await run(['token', 'create', '--db', db.url, '--login', 'k9.admin'])).stdout.trim();
let acked = 0, lost = 0, bad = 0, seq = 0;
const t0 = Date.now();

for (let t = 1; t <= trials; t++) {
  const srv = await start(['--threads', '4', '--quiet'], { db });
  const ids = [];
  let alive = true;
  const writer = async () => {
    while (alive) {
      const n = seq++;
      try {
        const r = await fetch(srv.url + '/api/v1/staff', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ employee_no: `K${n}`, name: `직원${n}`, grade: 'g6' }),
        });
        const body = await r.json();
        if (r.status === 201) ids.push(body.id);
      } catch { /* the server died mid-answer: not acknowledged */ }
    }
  };
  const writers = Array.from({ length: 4 }, writer);
  await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 1000));
  srv.proc.kill('SIGKILL');
  await srv.exited;
  alive = false;
  await Promise.all(writers);
  const check = await run(['check', '--db', db.url]);
  const have = new Set((await sql(db, 'SELECT id FROM staff')).split('\n').filter(Boolean).map(Number));
  const missing = ids.filter((id) => !have.has(id));
  acked += ids.length;
  lost += missing.length;
  if (check.code !== 0) bad++;
  console.log(`trial ${t}/${trials}: ${ids.length} writes acknowledged, ${missing.length} lost` +
    (missing.length ? ` (ids ${missing.slice(0, 10).join(', ')})` : '') +
    `, check ${check.code === 0 ? 'ok' : 'FAILED: ' + check.stdout + check.stderr}`);
}
const verify = await run(['audit', 'verify', '--db', db.url]);
if (verify.code !== 0) bad++;
console.log(`kill -9 on ${driver}: ${trials} trials, ${acked} writes acknowledged, ${lost} lost, ` +
  `${bad} failed checks, audit ${verify.code === 0 ? 'verified' : 'FAILED'}, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
await db.cleanup();
process.exit(lost === 0 && bad === 0 && acked > 0 ? 0 : 1);
