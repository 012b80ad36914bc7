// writer.mjs: the writer of the mixed benchmarks (bench/list.sh, bench/soak.sh):
// new staff records POSTed through /api/v1 with a Bearer token at a steady
// rate, each answer checked to be 201.  The sends are paced on the clock
// (the n-th at start + n / RATE), not after the previous answer, so a slow
// answer does not lower the rate; at most 64 are in flight.
//
// With WRITER_KIND=update it changes the names of the first 100 staff
// instead (PATCH, each answer checked to be 200), so the database keeps its
// size and a soak measures the server's memory, not a growing table's pages
// in SQLite's cache.
//
// Runs until SIGTERM (or for SECONDS if given), then prints one line:
//   writer: SENT DONE NOT_OK P99_MS SECONDS_SENDING
//
// usage: [WRITER_KIND=update] node bench/writer.mjs BASE_URL TOKEN RATE [SECONDS]
const [base, token, rate, secs] = process.argv.slice(2);
const updating = process.env.WRITER_KIND === 'update';
const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const ids = updating
  ? (await (await fetch(`${base}/api/v1/staff?per_page=100`, { headers: auth })).json()).items.map((r) => r.id)
  : [];
if (updating && ids.length === 0) throw new Error('writer: no staff to update');
const prefix = `W${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
const grades = ['g6', 'g7', 'g8', 'g9'];
const start = performance.now();
const took = [];
let sent = 0, created = 0, wrong = 0, inFlight = 0, stopping = false;

async function write(n) {
  inFlight++;
  const t = performance.now();
  try {
    const r = updating
      ? await fetch(`${base}/api/v1/staff/${ids[n % ids.length]}`, {
        method: 'PATCH', headers: auth, body: JSON.stringify({ name: `벤치수정${n}` }),
      })
      : await fetch(`${base}/api/v1/staff`, {
        method: 'POST', headers: auth,
        body: JSON.stringify({ employee_no: `${prefix}-${n}`, name: `벤치직원${n}`, grade: grades[n % 4], active: true }),
      });
    await r.arrayBuffer();
    if (r.status === (updating ? 200 : 201)) created++;
    else wrong++;
  } catch {
    wrong++;
  }
  took.push(performance.now() - t);
  inFlight--;
}

function finish() {
  stopping = true;
  const sending = (performance.now() - start) / 1000; // the answers still awaited do not count

  const wait = setInterval(() => {
    if (inFlight > 0) return;
    clearInterval(wait);
    took.sort((a, b) => a - b);
    const p99 = took.length ? took[Math.min(took.length - 1, Math.floor(took.length * 0.99))] : 0;
    console.log(`writer: ${sent} ${created} ${wrong} ${p99.toFixed(2)} ${sending.toFixed(1)}`);
    process.exit(0);
  }, 10);
}

function tick() {
  if (stopping) return;
  const due = Math.floor(((performance.now() - start) / 1000) * Number(rate));
  while (sent < due && inFlight < 64) write(sent++);
  if (secs && performance.now() - start >= Number(secs) * 1000) return finish();
  setTimeout(tick, 5);
}

process.on('SIGTERM', finish);
tick();
