// relevance.test.mjs: does knowledge search find what a person means?  The
// 2,000 pages of the side-by-side benchmark corpus (tests/fixtures/relevance:
// gen_pages.py, seeded, as knowledge items by pages.py) and a few items of
// our own are loaded in one SQL transaction and indexed by `innoland
// rebuild`; each of the 30 queries of queries.json names what must be in the
// first 10 results and what must not be found at all (the pair 소중 across
// the syllables of 탄소중립 among them).  Precision at 10 (the share of the
// first 10 that are relevant, out of at most the relevant items there are) is
// printed, per query and on average.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, root, run, sql, staff, start } from './harness.mjs';

const dir = path.join(root, 'tests/fixtures/relevance');
const { extra, queries } = JSON.parse(readFileSync(path.join(dir, 'queries.json'), 'utf8'));
const corpus = gunzipSync(readFileSync(path.join(dir, 'pages.jsonl.gz'))).toString('utf8')
  .split('\n').filter(Boolean).map((l) => JSON.parse(l));
const items = [...corpus, ...extra];

// Statements through the client's standard input: the load is 3 MB, more
// than one command-line argument may hold.
function sqlIn(db, text) {
  const [cmd, args] = db.url.startsWith('postgres')
    ? ['psql', [db.url, '-v', 'ON_ERROR_STOP=1', '-qAt']] : ['sqlite3', [db.url]];
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args);
    let err = '';
    p.stderr.setEncoding('utf8');
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(err))));
    p.stdin.end(text);
  });
}

const lit = (s) => `'${s.replace(/'/g, "''")}'`;

describe(`search relevance on ${driver}`, () => {
  let srv, reader;
  const results = async (q, extraQuery = '') => {
    const html = await (await reader.get(`/knowledge-items/search?q=${encodeURIComponent(q)}${extraQuery}`)).text();
    const titles = [...html.matchAll(/<h2><a href="\/knowledge-items\/\d+">(.*?)<\/a><\/h2>/g)]
      .map((m) => m[1].replace(/<\/?mark>/g, '').replace(/&amp;/g, '&'));
    const total = Number((html.match(/검색 결과 ([\d,]+)건/) || [])[1]?.replace(/,/g, ''));
    return { html, titles, total };
  };

  before(async () => {
    srv = await start();
    await addUser(srv.db, 'r.reader', 'member');
    reader = await staff(srv.url, 'r.reader');
    const rows = items.map((k) => `((SELECT MIN(id) FROM organisations), ${lit(k.title)}, 'case', ${lit(k.tags)}, ${lit(k.body)}, 'adopted', '2026-01-05', '시험')`);
    await sqlIn(srv.db, `BEGIN;\nINSERT INTO knowledge_items (org_id, title, kind, tags, body, status, registered_on, author_name) VALUES\n${rows.join(',\n')};\nCOMMIT;\n`);
    const rebuilt = await run(['rebuild', '--db', srv.db.url]);
    assert.equal(rebuilt.code, 0, rebuilt.stderr);
    assert.equal((await sql(srv.db, 'SELECT COUNT(*) FROM knowledge_items')).trim(), String(items.length));
  });
  after(async () => { await srv.stop(); });

  test('precision at 10 over the 30 queries, and what must and must not be found', async () => {
    const lines = [], failures = [];
    let sum = 0;
    for (const k of queries) {
      const r = await results(k.q);
      const relevant = new RegExp(k.relevant);
      const first = r.titles.slice(0, 10);
      const have = items.filter((i) => relevant.test(i.title)).length;
      const p = first.filter((t) => relevant.test(t)).length / Math.min(10, have);
      sum += p;
      lines.push(`  ${k.q.padEnd(18)} P@10 ${p.toFixed(2)}  (${r.total}건)`);
      for (const t of k.top || []) if (!first.includes(t)) failures.push(`${k.q}: "${t}" is not in the first 10`);
      if (k.not_top) for (const t of first.filter((x) => new RegExp(k.not_top).test(x))) failures.push(`${k.q}: "${t}" in the first 10`);
      if (k.absent) {
        const bad = items.filter((i) => new RegExp(k.absent).test(i.title)).length;
        for (const t of r.titles.filter((x) => new RegExp(k.absent).test(x))) failures.push(`${k.q}: "${t}" found`);
        const everything = (await results(k.q, '&part=1'));
        // counted and offered apart, never among the results
        if (r.total !== undefined && r.total >= bad && bad > 0 && everything.total === r.total) failures.push(`${k.q}: the ${bad} items of /${k.absent}/ are counted among the results`);
      }
    }
    const mean = sum / queries.length;
    console.log(`precision at 10 on ${driver}:\n${lines.join('\n')}\n  mean P@10 ${mean.toFixed(3)}`);
    assert.deepEqual(failures, []);
    assert.ok(mean >= 0.95, `mean precision at 10 is ${mean.toFixed(3)}`);
  });
});
