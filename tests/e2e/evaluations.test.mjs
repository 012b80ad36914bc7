// evaluations.test.mjs: the administrative-innovation evaluations on the
// seed's demo (Ⅳ-2-11): the 2006 evaluation of the 28 departments of the
// 구청 and 보건소, closed with 4 incentives (최우수 1, 우수 3), every figure
// computed from the demo's records and followed to them by the drill-down;
// the 2006 동 evaluation (3 areas, 14 items, 동 행정품질평가 of 자치행정과);
// a closed result that does not move when records change, and a recompute
// that does, as a new version; scores refused out of range or on a closed
// round, a correction as a new version with its reason; who sees what
// before and after publication; the XLSX with a sheet an area.
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, run, sql, staff, start } from './harness.mjs';
import { readXlsx } from './xlsx.mjs';

// name → bytes of every entry of a zip (enough for what libxlsxwriter writes)
function unzip(buf) {
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  const files = new Map();
  let at = buf.readUInt32LE(end + 16);
  for (let i = 0; i < buf.readUInt16LE(end + 10); i++) {
    const method = buf.readUInt16LE(at + 10), size = buf.readUInt32LE(at + 20);
    const n = buf.readUInt16LE(at + 28), x = buf.readUInt16LE(at + 30), k = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(data, data + size);
    files.set(buf.subarray(at + 46, at + 46 + n).toString('utf8'), method === 8 ? inflateRawSync(raw) : raw);
    at += 46 + n + x + k;
  }
  return files;
}

describe(`evaluations on ${driver}`, () => {
  let srv, admin, tokens = {}, ids = {};
  const api = (path, init = {}, who = 'admin') => fetch(srv.url + '/api/v1' + path, {
    ...init, headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json', ...(init.headers || {}) },
  });
  const post = (path, body, who) => api(path, { method: 'POST', body: JSON.stringify(body) }, who);
  const json = async (path, who) => (await api(path, {}, who)).json();
  const num = (s) => Number(s);

  before(async () => {
    srv = await start(['--demo']);
    for (const [login, role] of [['ev.admin', 'admin'], ['ev.member', 'member'], ['ev.manager', 'manager'], ['ev.judge', 'evaluator']]) {
      ids[role] = await addUser(srv.db, login, role);
      tokens[role] = (await run(['token', 'create', '--db', srv.db.url, '--login', login])).stdout.trim();
    }
    admin = await staff(srv.url, 'ev.admin');
  });
  after(async () => { await srv.stop(); });

  const rounds = async () => (await json('/evaluations?per_page=100')).items;
  const deptRound = async () => (await rounds()).find((r) => r.subject === 'departments' && r.year === 2006);
  const dongRound = async () => (await rounds()).find((r) => r.subject === 'dongs');

  test('the 2006 department evaluation: 28 divisions of the 구청 and 보건소, closed, 4 incentives (최우수 1, 우수 3)', async () => {
    const round = await deptRound();
    assert.equal(round.status, 'closed');
    assert.equal(round.version, 1);
    assert.equal(round.period_from, '2006-01-01');
    assert.equal(round.period_to, '2006-12-31');
    assert.equal(round.published, false);
    const doc = await json(`/evaluations/print?round=${round.id}`);
    assert.equal(doc.target_count, 28);
    assert.equal(doc.rows.length, 28);
    assert.equal(doc.incentives, 4);
    assert.equal(doc.best_count, 1);
    assert.equal(doc.excellent_count, 3);
    assert.deepEqual(doc.rows.map((r) => r.tier_label), ['최우수', '우수', '우수', '우수', ...Array(24).fill('')]);
    assert.deepEqual(doc.rows.map((r) => r.rank), Array.from({ length: 28 }, (_, i) => i + 1));
    assert.deepEqual(doc.areas.map((a) => [a.name, a.weight]), [['혁신역량', 40], ['혁신과제', 60]]);
    // the targets are exactly the org demo's divisions
    const divisions = await json('/departments?kind=division&per_page=100');
    assert.equal(divisions.total, 28);
    assert.deepEqual(new Set(doc.rows.map((r) => r.department_id)), new Set(divisions.items.map((d) => d.id)));
    // each total is the sum of its points, and of its areas, and ranks follow totals
    for (const r of doc.rows) {
      assert.equal(r.values.length, 10);
      const cents = (s) => Math.round(num(s) * 100);
      assert.equal(r.values.reduce((a, v) => a + cents(v.points), 0), cents(r.total), r.department);
      assert.equal(r.areas.reduce((a, v) => a + cents(v.points), 0), cents(r.total), r.department);
      for (const v of r.values) assert.ok(num(v.points) >= 0 && num(v.points) <= v.weight, v.indicator);
    }
    for (let i = 1; i < 28; i++) assert.ok(num(doc.rows[i - 1].total) >= num(doc.rows[i].total));
    // the scored indicators are the two evaluators' sheets: every target has eval01's, half eval02's
    const scored = doc.rows.flatMap((r) => r.values.filter((v) => !v.computed));
    assert.equal(scored.length, 56);
    assert.equal(scored.filter((v) => v.den === 4).length, 28, 'two sheets (den 2 × 2) on 14 targets × 2 indicators');
    assert.equal(scored.filter((v) => v.den === 2).length, 28);
    assert.match(doc.tie_rule, /혁신과제 분야 점수/);
    // the results page: the ranking with each target's area points, the values of the target asked
    const page = await json(`/evaluations/results?round=${round.id}`);
    assert.deepEqual(page.rows.map((r) => [r.target_id, r.total, r.areas.map((a) => a.points)]), doc.rows.map((r) => [r.target_id, r.total, r.areas.map((a) => a.points)]));
    assert.equal(page.rows.filter((r) => r.values).length, 0);
    const one = await json(`/evaluations/results?round=${round.id}&target=${doc.rows[3].target_id}`);
    assert.deepEqual(one.rows.filter((r) => r.values).map((r) => [r.target_id, r.values]), [[doc.rows[3].target_id, doc.rows[3].values]]);
    // without ?round= the page shows the newest round with results: this one
    assert.equal((await json('/evaluations/results')).round.id, round.id);
    assert.equal((await json('/evaluations/records')).hidden, '평가 결과 화면에서 부서의 실적을 골라 근거 기록을 보십시오.');
  });

  test('every computed figure drills down to exactly the records it counted', async () => {
    const round = await deptRound();
    const doc = await json(`/evaluations/print?round=${round.id}`);
    let checked = 0;
    for (const r of doc.rows.slice(0, 6)) {
      for (const v of r.values.filter((x) => x.computed)) {
        const d = await json(`/evaluations/records?round=${round.id}&target=${r.target_id}&indicator=${v.indicator_id}&version=1`);
        assert.equal(d.num, v.num, `${r.department} ${v.indicator}`);
        if (d.per_row) assert.equal(d.count, v.num, `${r.department} ${v.indicator}: the count is the figure`);
        else assert.equal(d.sum, v.num, `${r.department} ${v.indicator}: the sum is the figure`);
        assert.equal(d.records.length, Math.min(d.count, 100), 'a page lists 100 of them');
        assert.equal(d.pages, Math.ceil(d.count / 100));
        checked++;
      }
    }
    assert.equal(checked, 48);
    // the first target's knowledge per head: its items over its headcount
    const first = doc.rows[0], k = first.values.find((v) => v.indicator === '1인당 지식 등록');
    const items = await json(`/evaluations/records?round=${round.id}&target=${first.target_id}&indicator=${k.indicator_id}`);
    assert.equal(items.records.length, k.num);
    assert.ok(k.num > 0);
    assert.equal(num(k.raw), Math.round((k.num / k.den) * 100) / 100);
    assert.equal(items.entity, 'knowledge-items');
    for (const rec of items.records) assert.ok(rec.day >= '2006-01-01' && rec.day <= '2006-12-31');
    const html = await (await admin.get(`/evaluations/records?round=${round.id}&target=${first.target_id}&indicator=${k.indicator_id}`)).text();
    assert.equal((html.match(/<a href="\/knowledge-items\/\d+">/g) || []).length, k.num);
  });

  test('the 2006 동 evaluation: 18 동 주민센터, 3 areas, 14 scored items, linked to 동 행정품질평가', async () => {
    const round = await dongRound();
    assert.equal(round.status, 'open');
    assert.equal(round.held_in, '2006-11');
    assert.equal(round.linked_to, '동 행정품질평가 (자치행정과)');
    const areas = await json(`/evaluation-areas?evaluation_id=${round.id}`);
    assert.equal(areas.total, 3);
    const items = await json(`/evaluation-indicators?evaluation_id=${round.id}&per_page=100`);
    assert.equal(items.total, 14);
    assert.deepEqual(new Set(items.items.map((i) => i.method)), new Set(['scored']));
    assert.equal(items.items.reduce((a, i) => a + i.weight, 0), 100);
    assert.equal(areas.items.reduce((a, i) => a + i.weight, 0), 100);
    assert.equal((await json(`/evaluation-targets?evaluation_id=${round.id}`)).total, 18);
    assert.equal((await json('/departments?kind=dong')).total, 18);
  });

  test('scores: assigned only, in range (422), a correction is a new version with its reason, none on a closed round (409)', async () => {
    const dong = await dongRound(), dept = await deptRound();
    const targets = (await json(`/evaluation-targets?evaluation_id=${dong.id}&per_page=100`)).items;
    const [a, b] = targets;
    const item = (await json(`/evaluation-indicators?evaluation_id=${dong.id}&per_page=100`)).items[0];
    // before any assignment the evaluator sees no result and no sheet
    const unassigned = await json(`/evaluations/print?round=${dong.id}`, 'evaluator');
    assert.equal(unassigned.hidden, '배정받은 평가의 결과만 볼 수 있습니다.');
    assert.equal(unassigned.rows.length, 0);
    assert.equal((await api('/evaluation-scores', {}, 'evaluator')).status, 403, 'the sheets are the administrators\' rows');
    // an evaluator and a member may not assign
    assert.equal((await post(`/evaluation-targets/${a.id}/assign`, { login: 'ev.judge' }, 'member')).status, 403);
    assert.equal((await post(`/evaluation-targets/${a.id}/assign`, { login: 'ev.judge' }, 'evaluator')).status, 403);
    const notEvaluator = await post(`/evaluation-targets/${a.id}/assign`, { login: 'ev.member' });
    assert.equal(notEvaluator.status, 422);
    assert.equal((await notEvaluator.json()).error.fields.login, '평가위원(evaluator) 역할의 계정이 아닙니다.');
    assert.equal((await post(`/evaluation-targets/${a.id}/assign`, { login: 'ev.judge' })).status, 200);
    const twice = await post(`/evaluation-targets/${a.id}/assign`, { login: 'ev.judge' });
    assert.equal(twice.status, 409);
    assert.equal((await twice.json()).error.detail, '이미 이 대상에 배정된 평가위원입니다.');
    // an evaluator's lists and rows are what it is assigned: the other target is not there for it
    const other = await post(`/evaluation-targets/${b.id}/score`, { indicator_id: item.id, score: 5 }, 'evaluator');
    assert.equal(other.status, 404);
    assert.equal((await api(`/evaluation-targets/${b.id}`, {}, 'evaluator')).status, 404);
    assert.deepEqual((await json(`/evaluation-targets?evaluation_id=${dong.id}&per_page=100`, 'evaluator')).items.map((t) => t.id), [a.id]);
    assert.deepEqual((await json('/evaluations?per_page=100', 'evaluator')).items.map((r) => r.id), [dong.id], 'the round of its target only');
    assert.equal((await json(`/evaluation-targets?evaluation_id=${dong.id}&per_page=100`, 'member')).items.length, targets.length, 'the other roles read every target');
    assert.equal((await post(`/evaluation-targets/${a.id}/score`, { indicator_id: item.id, score: 5 }, 'member')).status, 403);

    const sheets = async () => (await json(`/evaluation-scores?target_id=${a.id}`)).items;
    const high = await post(`/evaluation-targets/${a.id}/score`, { indicator_id: item.id, score: 10.5 }, 'evaluator');
    assert.equal(high.status, 422);
    assert.equal((await high.json()).error.fields.score, `'${item.name}'의 점수는 0점에서 10점 사이입니다 (입력: 10.5점).`);
    assert.equal((await post(`/evaluation-targets/${a.id}/score`, { indicator_id: item.id, score: -1 }, 'evaluator')).status, 422);
    assert.equal((await sheets()).length, 0, 'a refused score writes nothing');
    assert.equal((await post(`/evaluation-targets/${a.id}/score`, { indicator_id: item.id, score: 8 }, 'evaluator')).status, 200);
    const noReason = await post(`/evaluation-targets/${a.id}/score`, { indicator_id: item.id, score: 7.5 }, 'evaluator');
    assert.equal(noReason.status, 422);
    assert.equal((await noReason.json()).error.fields.reason, '이미 준 점수를 고칠 때에는 고치는 까닭을 적으십시오.');
    assert.equal((await post(`/evaluation-targets/${a.id}/score`, { indicator_id: item.id, score: 7.5, reason: '현장 확인 결과 반영' }, 'evaluator')).status, 200);
    const s = await sheets();
    assert.deepEqual(s.map((x) => [x.score, x.version, x.reason]).sort((p, q) => p[1] - q[1]), [[8, 1, null], [7.5, 2, '현장 확인 결과 반영']]);
    // the sheets are never edited: no edit route
    assert.equal((await api(`/evaluation-scores/${s[0].id}`, { method: 'PATCH', body: '{"score": 9}' })).status, 405);
    assert.equal((await api(`/evaluation-scores/${s[0].id}`, { method: 'DELETE' })).status, 405);
    // the target's page shows both versions, the latest counted
    const html = await (await admin.get(`/evaluation-targets/${a.id}`)).text();
    assert.match(html, />8<\/a><\/td><td>1<\/td><td><\/td><td>[^<]+<\/td><td>이전 버전<\/td>/);
    assert.match(html, />7\.5<\/a><\/td><td>2<\/td><td>현장 확인 결과 반영<\/td><td>[^<]+<\/td><td>반영<\/td>/);
    // the closed round takes no score
    const deptTarget = (await json(`/evaluation-targets?evaluation_id=${dept.id}`)).items[0];
    const deptItem = (await json(`/evaluation-indicators?evaluation_id=${dept.id}&method=scored`)).items[0];
    assert.equal((await post(`/evaluation-targets/${deptTarget.id}/assign`, { login: 'ev.judge' })).status, 200);
    const closed = await post(`/evaluation-targets/${deptTarget.id}/score`, { indicator_id: deptItem.id, score: 9, reason: '늦은 채점' }, 'evaluator');
    assert.equal(closed.status, 409);
    assert.equal((await closed.json()).error.detail, '마감된 평가에는 점수를 주거나 고칠 수 없습니다.');
    // a computed indicator takes no score either
    const computed = (await json(`/evaluation-indicators?evaluation_id=${dept.id}&method=computed`)).items[0];
    assert.equal((await post(`/evaluation-targets/${a.id}/score`, { indicator_id: computed.id, score: 1, reason: 'x' }, 'evaluator')).status, 422);
    // now assigned one department target: the evaluator sees that one only
    const res = await json(`/evaluations/print?round=${dept.id}`, 'evaluator');
    assert.deepEqual(res.rows.map((r) => r.target_id), [deptTarget.id]);
    assert.equal(res.rows[0].values.length, 10);
    // … and on a target's page their own sheets, not the others'
    const judge = await staff(srv.url, 'ev.judge');
    const theirPage = await (await judge.get(`/evaluation-targets/${deptTarget.id}`)).text();
    assert.doesNotMatch(theirPage, /평가위원 김정민/);
    assert.match(theirPage, /채점 기록이 없습니다/);
    assert.match(await (await admin.get(`/evaluation-targets/${deptTarget.id}`)).text(), /평가위원 김정민/);
    assert.equal((await (await judge.get(`/evaluation-targets/${a.id}`)).text()).match(/<a href="\/evaluation-scores\/\d+">/g).length, 2);
  });

  test('a closed result does not move when the records do; a recompute is a new version', async () => {
    const round = await deptRound();
    const v1 = await json(`/evaluations/print?round=${round.id}`);
    const first = v1.rows[0], k = first.values.find((v) => v.indicator === '1인당 지식 등록');
    const org = (await sql(srv.db, `SELECT org_id FROM departments WHERE id = ${first.department_id}`)).trim();
    await sql(srv.db, `INSERT INTO knowledge_items (org_id, title, kind, department_id, body, status, registered_on) VALUES (${org}, '마감 뒤 등록한 지식', 'work', ${first.department_id}, '본문', 'registered', '2006-06-01')`);
    const still = await json(`/evaluations/print?round=${round.id}&version=1`);
    const same = still.rows.find((r) => r.target_id === first.target_id).values.find((v) => v.indicator_id === k.indicator_id);
    assert.equal(same.num, k.num, 'the closed raw value stays');
    assert.equal(same.raw, k.raw);
    // the drill-down lists the records as they are now, beside the stored figure
    const now = await json(`/evaluations/records?round=${round.id}&target=${first.target_id}&indicator=${k.indicator_id}&version=1`);
    assert.equal(now.num, k.num);
    assert.equal(now.count, k.num + 1);

    const recompute = await post(`/evaluations/${round.id}/recompute`, { reason: '마감 뒤 등록된 지식 반영' });
    assert.equal(recompute.status, 200);
    assert.equal((await recompute.json()).item.version, 2);
    const v2 = await json(`/evaluations/print?round=${round.id}`);
    assert.equal(v2.version, 2);
    const moved = v2.rows.find((r) => r.target_id === first.target_id).values.find((v) => v.indicator_id === k.indicator_id);
    assert.equal(moved.num, k.num + 1, 'the new version counts it');
    assert.equal(v2.incentives, 4);
    assert.deepEqual(v2.versions.map((v) => [v.version, v.kind, v.reason]), [[1, 'close', ''], [2, 'recompute', '마감 뒤 등록된 지식 반영']]);
    assert.equal((await json(`/evaluations/print?round=${round.id}&version=1`)).rows.find((r) => r.target_id === first.target_id)
      .values.find((v) => v.indicator_id === k.indicator_id).num, k.num, 'version 1 is kept');
    const d2 = await json(`/evaluations/records?round=${round.id}&target=${first.target_id}&indicator=${k.indicator_id}`);
    assert.equal(d2.count, moved.num);
    // editing the closed round's definitions moves no version written: each keeps what it counted
    assert.equal((await api(`/evaluation-indicators/${k.indicator_id}`, { method: 'PATCH', body: JSON.stringify({ name: '바뀐 지표명' }) })).status, 200);
    const kept = await json(`/evaluations/print?round=${round.id}&version=1`);
    assert.equal(kept.rows.find((r) => r.target_id === first.target_id).values.find((v) => v.indicator_id === k.indicator_id).indicator, '1인당 지식 등록');
    assert.equal(kept.indicators.find((i) => i.id === k.indicator_id).name, '1인당 지식 등록');
    assert.equal((await api(`/evaluation-indicators/${k.indicator_id}`, { method: 'PATCH', body: JSON.stringify({ name: '1인당 지식 등록' }) })).status, 200);
  });

  test('progress reports count when submitted by the 5th of the next month, the year end included', async () => {
    const round = await deptRound();
    const before = await json(`/evaluations/print?round=${round.id}`);
    const first = before.rows[0], k = first.values.find((v) => v.indicator === '월별 추진실적 기한 내 보고');
    const org = (await sql(srv.db, `SELECT org_id FROM departments WHERE id = ${first.department_id}`)).trim();
    const task = (await sql(srv.db, `INSERT INTO tasks (org_id, seq, title, kind, year, lead_department_id, status) VALUES (${org}, 901, '보고 기한 시험 과제', 'department', 2006, ${first.department_id}, 'in_progress') RETURNING id`)).trim();
    const report = (month, at) => sql(srv.db, `INSERT INTO progress_reports (org_id, task_id, month, progress, content, created_at) VALUES (${org}, ${task}, '${month}', 10, '보고', '${at}')`);
    await report('2006-09', '2006-10-05T23:59:00Z'); // the deadline's day: on time
    await report('2006-10', '2006-11-06T08:00:00Z'); // a day late
    await report('2006-12', '2007-01-05T10:00:00Z'); // December's deadline is in January: on time
    await report('2006-11', '2006-12-07T10:00:00Z'); // late
    assert.equal((await post(`/evaluations/${round.id}/recompute`, { reason: '보고 기한 확인' })).status, 200);
    const after = await json(`/evaluations/print?round=${round.id}`);
    const moved = after.rows.find((r) => r.target_id === first.target_id).values.find((v) => v.indicator_id === k.indicator_id);
    assert.equal(moved.num, k.num + 2, 'the two on time count, the two late do not');
    const d = await json(`/evaluations/records?round=${round.id}&target=${first.target_id}&indicator=${k.indicator_id}`);
    assert.equal(d.count, moved.num);
    assert.deepEqual(d.records.filter((r) => r.title === '보고 기한 시험 과제').map((r) => r.day).sort(), ['2006-09', '2006-12']);
  });

  test('departments see the ranking and their own result only after publication; reopening is audited', async () => {
    const round = await deptRound();
    const doc = await json(`/evaluations/print?round=${round.id}`);
    const mine = doc.rows[5];
    await sql(srv.db, `UPDATE users SET department_id = ${mine.department_id} WHERE id = ${ids.member}`);
    // before publication a department's pages say so and show no figure
    const notYet = '평가 결과가 아직 공개되지 않았습니다. 공개된 뒤에 볼 수 있습니다.';
    const early = await json(`/evaluations/print?round=${round.id}`, 'member');
    assert.equal(early.hidden, notYet);
    assert.deepEqual([early.rows.length, early.target_count, early.incentives, early.versions.length], [0, 0, 0, 0]);
    assert.equal((await json(`/evaluations/print?round=${round.id}`, 'manager')).hidden, notYet);
    const early2 = await json(`/evaluations/records?round=${round.id}&target=${mine.target_id}&indicator=${mine.values[0].indicator_id}`, 'member');
    assert.deepEqual([early2.hidden, early2.records.length, early2.num], [notYet, 0, undefined]);
    const memberSession = await staff(srv.url, 'ev.member');
    const sheet = readXlsx(Buffer.from(await (await memberSession.get(`/evaluations/results.xlsx?round=${round.id}`)).arrayBuffer()));
    assert.deepEqual(sheet, [['순위', '부서', '총점', '인센티브'], ['', notYet]]);
    const printed = await (await memberSession.get(`/evaluations/print?round=${round.id}`)).text();
    assert.match(printed, new RegExp(notYet));
    assert.doesNotMatch(printed, /<td>\d+<\/td>/);
    // the steps are the administrators'
    assert.equal((await post(`/evaluation-targets/${mine.target_id}/assign`, { login: 'ev.judge' }, 'manager')).status, 403);
    for (const step of ['publish', 'close', 'recompute']) assert.equal((await post(`/evaluations/${round.id}/${step}`, {}, 'member')).status, 403, step);
    assert.equal((await post(`/evaluations/${round.id}/publish`, {}, 'evaluator')).status, 403);
    assert.equal((await post(`/evaluations/${round.id}/close`, {})).status, 409, 'a closed round is not closed twice');

    assert.equal((await post(`/evaluations/${round.id}/publish`, {})).status, 200);
    assert.equal((await post(`/evaluations/${round.id}/publish`, {})).status, 409);
    const seen = await json(`/evaluations/print?round=${round.id}`, 'member');
    assert.equal(seen.rows.length, 28);
    assert.deepEqual(seen.rows.filter((r) => r.details).map((r) => r.target_id), [mine.target_id], 'details of their own department only');
    assert.equal(seen.rows.filter((r) => r.values).length, 1);
    const other = doc.rows[0];
    const theirs = await json(`/evaluations/records?round=${round.id}&target=${other.target_id}&indicator=${other.values[0].indicator_id}`, 'member');
    assert.deepEqual([theirs.hidden, theirs.records.length], ['이 부서의 평가 결과는 볼 수 없습니다.', 0]);
    const own = await json(`/evaluations/records?round=${round.id}&target=${mine.target_id}&indicator=${mine.values[0].indicator_id}`, 'member');
    assert.equal(own.hidden, undefined);
    assert.equal(own.count, own.num);
    assert.equal((await json(`/evaluations/print?round=${round.id}`, 'manager')).rows.filter((r) => r.details).length, 0, 'a manager of no department: the ranking only');

    const noReason = await post(`/evaluations/${round.id}/reopen`, {});
    assert.equal(noReason.status, 422);
    const reopened = await post(`/evaluations/${round.id}/reopen`, { reason: '이의 신청 검토' });
    assert.equal(reopened.status, 200);
    const item = (await reopened.json()).item;
    assert.equal(item.status, 'open');
    assert.equal(item.published, false);
    const audit = (await sql(srv.db, `SELECT diff FROM audit_log WHERE entity = 'evaluations' AND record_id = '${round.id}' AND action = 'reopen'`)).trim();
    assert.match(audit, /이의 신청 검토/);
    assert.equal((await json(`/evaluations/print?round=${round.id}`, 'member')).hidden, notYet, 'unpublished again');
    const closed = await post(`/evaluations/${round.id}/close`, {});
    assert.equal(closed.status, 200);
    assert.equal((await closed.json()).item.version, 4); // after the two recomputes above
    assert.equal((await json(`/evaluations/print?round=${round.id}`)).incentives, 4);
  });

  test('closing refuses a round whose area points do not add up, or with no target', async () => {
    const r = await (await post('/evaluations', { year: 2007, title: '시험 평가', subject: 'departments', period_from: '2007-01-01', period_to: '2007-12-31' })).json();
    assert.equal((await post(`/evaluations/${r.id}/close`, {})).status, 409);
    const area = await (await post('/evaluation-areas', { evaluation_id: r.id, name: '혁신역량', weight: 10 })).json();
    const bad = await post('/evaluation-indicators', { evaluation_id: r.id, area_id: area.id, name: '지식', weight: 5, method: 'computed' });
    assert.equal(bad.status, 422);
    assert.equal((await bad.json()).error.fields.measure, '실적 산출 지표는 산출 항목을 골라야 합니다.');
    assert.equal((await post('/evaluation-indicators', { evaluation_id: r.id, area_id: area.id, name: '지식', weight: 5, method: 'computed', measure: 'knowledge_per_head', norm: 'ratio_best' })).status, 201);
    const dept = (await json('/departments?kind=division')).items[0];
    assert.equal((await post('/evaluation-targets', { evaluation_id: r.id, department_id: dept.id })).status, 201);
    const dong = (await json('/departments?kind=dong')).items[0];
    assert.equal((await post('/evaluation-targets', { evaluation_id: r.id, department_id: dong.id })).status, 422);
    const refused = await post(`/evaluations/${r.id}/close`, {});
    assert.equal(refused.status, 409);
    assert.equal((await refused.json()).error.detail, '혁신역량 분야의 지표 배점 합(5)이 분야 배점(10)과 다릅니다. 지표의 배점이나 분야의 배점을 고치십시오.');
    assert.equal((await json(`/evaluations/${r.id}`)).status, 'open', 'nothing half-written');
    assert.equal(Number((await sql(srv.db, `SELECT COUNT(*) FROM evaluation_results WHERE evaluation_id = ${r.id}`)).trim()), 0);
  });

  test('the XLSX has the ranking and one sheet per area; the print page needs no script', async () => {
    const round = await deptRound();
    const res = await admin.get(`/evaluations/results.xlsx?round=${round.id}`);
    assert.equal(res.status, 200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const files = unzip(bytes);
    const book = files.get('xl/workbook.xml').toString('utf8');
    assert.deepEqual([...book.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]), ['순위', '혁신역량', '혁신과제']);
    assert.equal([...files.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).length, 3);
    const ranking = readXlsx(bytes);
    assert.deepEqual(ranking[0], ['순위', '부서', '총점', '인센티브']);
    assert.equal(ranking.length, 29);
    assert.equal(ranking.filter((r) => r[3] === '최우수').length, 1);
    assert.equal(ranking.filter((r) => r[3] === '우수').length, 3);
    const capability = files.get('xl/worksheets/sheet2.xml').toString('utf8');
    assert.equal((capability.match(/<row /g) || []).length, 1 + 28 * 5, 'a row a target and indicator of 혁신역량');
    const print = await (await admin.get(`/evaluations/print?round=${round.id}`)).text();
    // the site's stylesheet lays the results table out for paper; no script of the page's own
    assert.match(print, /class="il-results"/);
    const css = await (await admin.get('/assets/app/app.css')).text();
    assert.match(css, /@media print \{[^}]*@page \{ size: A4 landscape/);
    assert.doesNotMatch(print, /<script>[^<]/);
    assert.equal((print.match(/<tr><td>\d+<\/td>/g) || []).length, 28);
  });
});
