// plans.test.mjs: the query-plan guard (`innoland plans`, crud/plans.c) on
// the demo organisation, on either driver: every entity's list in its
// default order, each sortable column both ways, each filter, their
// counts and reference options, and the statements of the pages modules
// name (dashboard, leaderboards, search, home) plan without a whole-table
// scan or a sort of all they find; and the guard fails, naming the entity,
// the query and the plan's line, once an index a list needs is gone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addUser, driver, run, sql, staff, start, tempDb } from './harness.mjs';

let db;
before(async () => {
  db = await tempDb();
  const srv = await start(['--demo'], { db }); // migrates, makes the derived indexes, loads the seed
  await srv.stop();
});
after(async () => db && db.cleanup());

// The entities of the registry, as `innoland entities` lists them.
async function entities() {
  const r = await run(['entities']);
  return [...r.stdout.matchAll(/^## `([^`]+)`/gm)].map((m) => m[1]);
}

test('every list and registered page plans within its rows', async () => {
  const r = await run(['plans', '--db', db.url]);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^\d+ queries, 0 with a flaw$/m);
  const names = await entities();
  assert.ok(names.length >= 20, names.join(' '));
  for (const e of names) {
    assert.ok(r.stdout.includes(`\n${e}: list ?sort=`) || r.stdout.startsWith(`${e}: list ?sort=`), `${e}: its default list`);
    assert.ok(r.stdout.includes(`\n${e}: reference options\n`), `${e}: its reference options`);
  }
  // a sortable column, both ways, and a filter, each from its own index
  const plan = (name) => r.stdout.split(`\n${name}\n`)[1].split('\n').slice(1).filter((l) => l.startsWith('    ')).join('\n');
  const index = driver === 'sqlite' ? /SEARCH t USING INDEX tasks_sort_title \(org_id=\?\)/ : /Index Scan (Backward )?using tasks_sort_title on tasks t/;
  assert.match(plan('tasks: list ?sort=title'), index);
  assert.match(plan('tasks: list ?sort=-title'), driver === 'sqlite' ? index : /Index Scan Backward using tasks_sort_title on tasks t/);
  assert.match(plan('tasks: list ?kind=common'), /tasks_filter_kind_by_seq/);
  // the pages modules name: the dashboard's checklist, a leaderboard, the search
  assert.match(r.stdout, /\nGET \/tasks\/dashboard\?year=2006&month=2006-12: statement \d+\n {2}SELECT t\.id, t\.seq, t\.title, dp\.name, t\.last_report_month, t\.progress FROM tasks t /);
  assert.match(r.stdout, /\nGET \/mileage-entries\/leaderboard\?period=2006: statement 1\n/);
  assert.match(r.stdout, /\nGET \/knowledge-items\/search\?q=[^:]+: statement 1\n/);
});

test('a list without its index fails the guard, naming the entity, the query and the plan line', async () => {
  await sql(db, 'DROP INDEX tasks_sort_title');
  const r = await run(['plans', '--db', db.url]);
  assert.equal(r.code, 1);
  const line = driver === 'sqlite' ? '"USE TEMP B-TREE FOR ORDER BY"' : /: "(\s*->\s+)?Sort {2}\(cost=/;
  const flaws = r.stderr.split('\n').filter((l) => l.startsWith('innoland plans: '));
  assert.deepEqual(flaws.map((l) => l.split(': a ')[0]), [
    'innoland plans: tasks: list ?sort=title',
    'innoland plans: tasks: list ?sort=-title',
    'innoland plans: tasks: reference options',
  ]);
  for (const f of flaws) {
    assert.ok(f.includes(': a sort of every row found: '), f);
    if (typeof line === 'string') assert.ok(f.endsWith(line), f);
    else assert.match(f, line);
  }
  assert.match(r.stderr, /ORDER BY t\.title DESC, t\.id DESC LIMIT 25/);
  assert.match(r.stdout, /^\d+ queries, 3 with a flaw$/m);
  // migrate (and every start) makes it again from the declarations
  const m = await run(['migrate', '--db', db.url]);
  assert.equal(m.code, 0, m.stderr);
  const again = await run(['plans', '--db', db.url]);
  assert.equal(again.code, 0, again.stderr);
});

test('the API list takes ?fields= and orders ties by id the way it sorts', async () => {
  const srv = await start(['--demo'], { db: await tempDb() });
  try {
    await addUser(srv.db, 'list.admin', 'admin');
    const admin = await staff(srv.url, 'list.admin');
    const all = await (await admin.get('/api/v1/tasks?per_page=100&sort=-kind')).json();
    const some = await (await admin.get('/api/v1/tasks?per_page=100&sort=-kind&fields=title,cooperating_departments')).json();
    assert.equal(some.total, all.total);
    assert.deepEqual(Object.keys(some.items[0]).sort(), ['archived', 'cooperating_departments', 'cooperating_departments_titles', 'id', 'title']);
    assert.deepEqual(some.items.map((t) => [t.id, t.title, t.cooperating_departments_titles]),
      all.items.map((t) => [t.id, t.title, t.cooperating_departments_titles]));
    // -kind: kinds descending, and within a kind ids descending (one index, read backwards)
    const keys = all.items.map((t) => [t.kind, t.id]);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : b[1] - a[1]));
    assert.deepEqual(keys, sorted);
    const bad = await admin.get('/api/v1/tasks?fields=title,nonesuch');
    assert.equal(bad.status, 400);
    const body = await bad.json();
    assert.equal(body.error.code, 'bad_parameter');
    assert.match(JSON.stringify(body), /nonesuch/);
  } finally {
    await srv.stop();
    await srv.db.cleanup();
  }
});
