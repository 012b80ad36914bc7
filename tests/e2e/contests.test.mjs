// contests.test.mjs: contests on the scoring engine, on the seed's demo
// organisation: the 2006 브랜드 경진대회 with its 4 awards (최우수 1: 관급공사
// 품질관리 OK, 우수 3), each figure recomputed here from its sheets; the
// club contest of 10.25 with the 7 clubs' presentations; and a contest
// made here: the trimmed mean with ties at the top and the bottom, fewer
// than five sheets, the tie criterion, a judge excluded from their own
// department's entry, a recusal, a correction kept as a version with its
// reason, scores out of range, closing that freezes the results (nothing
// moves after it; a reopening with its reason, a second version), the
// awards' one ledger entry each, names hidden until confirmation, what a
// judge account sees, the certificate and the XLSX.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, run, sql, staff, start } from './harness.mjs';
import { readXlsx } from './xlsx.mjs';

describe(`contests on ${driver}`, () => {
  let srv, token, judgeToken, staffJudgeToken, memberToken, member, admin;
  const api = (path, init = {}, t = token) => fetch(srv.url + '/api/v1' + path, {
    ...init, headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json', ...(init.headers || {}) },
  });
  const post = (path, body, t) => api(path, { method: 'POST', body: JSON.stringify(body) }, t);
  const patch = (path, body, t) => api(path, { method: 'PATCH', body: JSON.stringify(body) }, t);
  const json = async (path, t) => (await api(path, {}, t)).json();
  const made = async (path, body) => {
    const r = await post(path, body);
    const text = await r.text();
    assert.equal(r.status, 201, `${path}: ${text}`);
    return JSON.parse(text).id;
  };
  const tokenOf = async (login) => (await run(['token', 'create', '--db', srv.db.url, '--login', login])).stdout.trim();
  const one = async (q) => (await sql(srv.db, q)).trim();

  // the test's own contest
  const T = {};
  // a sheet of equal scores s on every criterion: total 10 × s
  const even = (s) => Object.fromEntries(T.crit.map((c) => [`score_${c}`, s]));
  const score = (entry, body, t) => post(`/contest-entries/${entry}/score`, body, t);
  const sheet = async (entry, judge, scores, extra = {}) => {
    const r = await score(entry, { judge_id: judge, ...scores, ...extra });
    const text = await r.text();
    assert.equal(r.status, 200, text);
  };
  const board = async (id, t) => (await json(`/contests/${id}/results`, t)).board;
  const entryOf = (b, id) => b.entries.find((e) => e.id === id);

  before(async () => {
    srv = await start(['--demo']);
    await addUser(srv.db, 'contest.admin', 'admin');
    const judgeUser = await addUser(srv.db, 'contest.judge', 'judge', 'Hyeoksin#2026', '외부 심사위원 갑');
    const staffJudgeUser = await addUser(srv.db, 'contest.staffjudge', 'member');
    await addUser(srv.db, 'contest.member', 'member');
    token = await tokenOf('contest.admin');
    judgeToken = await tokenOf('contest.judge');
    staffJudgeToken = await tokenOf('contest.staffjudge');
    memberToken = await tokenOf('contest.member');
    member = await staff(srv.url, 'contest.member');
    admin = await staff(srv.url, 'contest.admin');

    const dept = async (name) => Number(await one(`SELECT id FROM departments WHERE name = '${name}'`));
    T.planning = await dept('기획예산과');
    T.finance = await dept('재무과');
    T.person = Number(await one(`SELECT s.id FROM staff s JOIN departments d ON d.id = s.department_id WHERE d.name = '경리팀' AND s.active = 1 ORDER BY s.id LIMIT 1`));
    // the staff judge works in 재무과's 계약팀: excluded from 재무과's entry
    T.staffJudge = Number(await one(`SELECT s.id FROM staff s JOIN departments d ON d.id = s.department_id WHERE d.name = '계약팀' AND s.active = 1 ORDER BY s.id LIMIT 1`));
    assert.equal((await patch(`/staff/${T.staffJudge}`, { user_id: staffJudgeUser })).status, 200);
    // a general club with a 회장 who sits on no judging panel
    T.club = Number(await one(`SELECT k.id FROM clubs k WHERE k.kind = 'general' AND k.leader_id IS NOT NULL ORDER BY k.id LIMIT 1`));
    T.president = Number(await one(`SELECT leader_id FROM clubs WHERE id = ${T.club}`));

    T.id = await made('/contests', { title: '시험 업무혁신 경진대회', kind: 'work', year: 2007, half: 2, aggregation: 'trimmed',
      best_count: 1, excellent_count: 1, merit_count: 0, results_public: true, blind: true, held_on: '2007-12-14' });
    T.crit = [];
    for (const [name, weight] of [['창의성', 30], ['효과성', 30], ['확산가능성', 20], ['실현가능성', 20]])
      T.crit.push(await made('/contest-criteria', { contest_id: T.id, name, weight, score_min: 0, score_max: 10 }));
    assert.equal((await patch(`/contests/${T.id}`, { tie_criterion_id: T.crit[1] })).status, 200);
    T.A = await made('/contest-entries', { contest_id: T.id, title: '예산 절감 사례', entrant_kind: 'department', department_id: T.planning });
    T.B = await made('/contest-entries', { contest_id: T.id, title: '나의 업무 개선', entrant_kind: 'person', staff_id: T.person });
    T.C = await made('/contest-entries', { contest_id: T.id, title: '동아리 학습 성과', entrant_kind: 'club', club_id: T.club });
    T.D = await made('/contest-entries', { contest_id: T.id, title: '계약 절차 간소화', entrant_kind: 'department', department_id: T.finance });
    T.E = await made('/contest-entries', { contest_id: T.id, title: '예산 공개 확대', entrant_kind: 'department', department_id: T.planning });
    T.F = await made('/contest-entries', { contest_id: T.id, title: '예산 설명회', entrant_kind: 'department', department_id: T.planning });
    T.J = [];
    for (const name of ['심사위원 가', '심사위원 나', '심사위원 다', '심사위원 라']) T.J.push(await made('/contest-judges', { contest_id: T.id, name, panel: 'expert' }));
    T.account = await made('/contest-judges', { contest_id: T.id, user_id: judgeUser, panel: 'expert' });
    T.staffJudgeRow = await made('/contest-judges', { contest_id: T.id, staff_id: T.staffJudge, panel: 'expert' });
  });
  after(async () => { await srv.stop(); });

  test('the 2006 brand contest: 6 entries, 4 awards (최우수 관급공사품질관리 OK, 우수 3), each figure its sheets\' trimmed mean', async () => {
    const list = (await json('/contests?year=2006&kind=brand')).items;
    assert.equal(list.length, 1);
    const brand = list[0];
    assert.equal(brand.status, 'confirmed');
    const b = await board(brand.id);
    assert.equal(b.frozen, true);
    assert.equal(b.version, 1);
    assert.equal(b.entries.length, 6);
    const awards = b.entries.filter((e) => e.tier > 0);
    assert.deepEqual(awards.map((e) => e.tier_label), ['최우수', '우수', '우수', '우수']);
    assert.equal(b.entries[0].title, '관급공사품질관리 OK');
    assert.equal(b.entries[0].department, '건설관리과');
    // recomputed from the stored sheets: drop one highest and one lowest of five or more
    const sheets = (await json(`/contest-scores?contest_id=${brand.id}&per_page=100`)).items;
    for (const e of b.entries) {
      const totals = sheets.filter((s) => s.entry_id === e.id).map((s) => s.total / 100);
      const kept = totals.length >= 5 ? [...totals].sort((x, y) => x - y).slice(1, -1) : totals;
      const mean = Math.round((kept.reduce((a, x) => a + x, 0) / kept.length) * 100 + 1e-6) / 100;
      assert.equal(Number(e.final), mean, `${e.title}: ${totals}`);
      assert.equal(e.counted, kept.length);
    }
    // the leaders who judged it, as the groups' judging activity of 11.29 lists them
    const judges = (await json(`/contest-judges?contest_id=${brand.id}`)).items;
    assert.equal(judges.length, 5);
    const leaders = (await sql(srv.db, "SELECT s.name FROM record_links l JOIN innovation_group_activities a ON a.id = l.record_id JOIN staff s ON s.id = l.ref_id WHERE l.entity = 'group-activities' AND l.field = 'participants' AND a.held_on = '2006-11-29' ORDER BY s.name")).trim().split('\n');
    assert.equal(leaders.length, 2);
    for (const name of leaders) assert.ok(judges.some((j) => j.name === name), name);
    // the certificates of the four, and none for the rest
    const html = await (await member.get(`/contest-entries/${b.entries[0].id}/certificate`)).text();
    assert.match(html, /상 장/);
    assert.match(html, /최우수/);
    assert.match(html, /건설관리과/);
    assert.equal((await member.get(`/contest-entries/${b.entries[5].id}/certificate`)).status, 404);
  });

  test('the club contest of 10.25: the 7 clubs\' presentations, closed, awards not yet confirmed', async () => {
    const c = (await json('/contests?kind=club')).items[0];
    assert.equal(c.status, 'closed');
    const entries = (await json(`/contest-entries?contest_id=${c.id}&per_page=100`)).items;
    assert.equal(entries.length, 7);
    const outputs = (await json('/club-outputs?kind=presentation&per_page=100')).items.filter((o) => o.produced_on === '2006-10-25');
    assert.equal(outputs.length, 7);
    assert.deepEqual(entries.map((e) => e.output_id).sort(), outputs.map((o) => o.id).sort());
    for (const e of entries) assert.equal(e.club_id, outputs.find((o) => o.id === e.output_id).club_id);
    // its results are not public: a member sees no figures
    assert.equal((await api(`/contests/${c.id}/results`, {}, memberToken)).status, 403);
  });

  test('sheets: out of range and unknown criteria refused, nothing written', async () => {
    const count = async () => (await json(`/contest-scores?entry_id=${T.A}`)).total;
    assert.equal(await count(), 0);
    let r = await score(T.A, { judge_id: T.J[0], ...even(8), [`score_${T.crit[0]}`]: 10.5 });
    assert.equal(r.status, 422);
    assert.match((await r.json()).error.fields[`score_${T.crit[0]}`], /0점부터 10점까지/);
    r = await score(T.A, { judge_id: T.J[0], ...even(8), [`score_${T.crit[0]}`]: 7.25 });
    assert.equal(r.status, 422, 'in halves only');
    r = await score(T.A, { judge_id: T.J[0], ...even(8), score_999999: 5 });
    assert.equal(r.status, 422);
    assert.match((await r.json()).error.fields.score_999999, /심사 항목이 아닙니다/);
    const partial = even(8);
    delete partial[`score_${T.crit[3]}`];
    assert.equal((await score(T.A, { judge_id: T.J[0], ...partial })).status, 422, 'every criterion scored');
    assert.equal((await score(T.A, { ...even(8) })).status, 422, 'the office names the judge');
    assert.equal(await count(), 0);
  });

  test('a judge is excluded from their own department\'s entry (제척), and may recuse (회피) with a reason', async () => {
    // 계약팀 lies under 재무과: its member judges no 재무과 entry
    let r = await score(T.D, even(8), staffJudgeToken);
    assert.equal(r.status, 403);
    assert.match((await r.json()).error.detail, /소속 부서/);
    assert.equal((await score(T.A, even(6), staffJudgeToken)).status, 200, 'another department\'s entry');
    r = await score(T.D, { judge_id: T.staffJudgeRow, ...even(8) });
    assert.equal(r.status, 409, 'nor may the office enter one for them');
    const page = await (await member.get(`/contests/${T.id}`)).text();
    assert.doesNotMatch(page, /심사 배정·제척/, 'the assignment page is the office\'s');
    const html = await (await admin.get(`/contests/${T.id}/assignments`)).text();
    assert.match(html, /제척: 소속 부서\(상·하위 부서 포함\)의 출품작/);
    // the judge account recuses itself from B, with its reason
    assert.equal((await post(`/contest-entries/${T.B}/recuse`, {}, judgeToken)).status, 422, 'a reason is asked');
    r = await post(`/contest-entries/${T.B}/recuse`, { reason: '출품자와 같은 연구모임 회원' }, judgeToken);
    assert.equal(r.status, 200, await r.text());
    assert.equal((await score(T.B, even(8), judgeToken)).status, 403);
    const html2 = await (await admin.get(`/contests/${T.id}/assignments`)).text();
    assert.match(html2, /회피: 출품자와 같은 연구모임 회원/);
  });

  test('a judge\'s home page counts the entries it has to score', async () => {
    const judge = await staff(srv.url, 'contest.judge');
    const { todo } = await (await judge.get('/', { accept: 'application/json' })).json();
    // six entries, one recused (B), none scored yet
    assert.deepEqual(todo, [{ count: 5, text: '심사할 경진대회 출품작', href: '/contest-entries' }]);
    const html = await (await judge.get('/')).text();
    assert.match(html, /심사할 경진대회 출품작/);
  });

  test('a judge account sees only the entries it is assigned', async () => {
    const mine = (await json('/contest-entries?per_page=100', judgeToken)).items.map((e) => e.id).sort((a, b) => a - b);
    assert.deepEqual(mine, [T.A, T.B, T.C, T.D, T.E, T.F], 'B too (recused, not excluded), no other contest\'s');
    // the staff judge's account is a member's: it reads every entry, and scores none of 재무과's
    const html = await (await (await staff(srv.url, 'contest.staffjudge')).get(`/contest-entries/${T.D}`)).text();
    assert.match(html, /이 출품작은 심사하지 않습니다: 제척: 소속 부서/);
    assert.doesNotMatch(html, /name="score_/);
    const other = (await json('/contests?kind=brand')).items[0].id;
    const brandEntry = (await json(`/contest-entries?contest_id=${other}`)).items[0].id;
    assert.equal((await api(`/contest-entries/${brandEntry}`, {}, judgeToken)).status, 404);
    assert.equal((await api(`/contest-entries/${T.A}`, {}, judgeToken)).status, 200);
    assert.deepEqual((await json('/contests', judgeToken)).items.map((c) => c.id), [T.id]);
  });

  test('the trimmed mean with ties at the top and the bottom, fewer than five sheets, the tie criterion, and a correction as a version', async () => {
    // A: 90, 90, 70, 70 and the account's 80 (the staff judge's 60 above: six sheets)
    await sheet(T.A, T.J[0], even(9));
    await sheet(T.A, T.J[1], even(9));
    await sheet(T.A, T.J[2], even(7));
    await sheet(T.A, T.J[3], even(7));
    assert.equal((await score(T.A, even(8), judgeToken)).status, 200);
    // B: four sheets, nothing dropped: (90 + 80 + 70 + 60) / 4
    for (const [i, s] of [9, 8, 7, 6].entries()) await sheet(T.B, T.J[i], even(s));
    // C: 80 from 7, 9, 8, 8 (효과성 9): ties A's figure, wins on 효과성
    const c = { [`score_${T.crit[0]}`]: 7, [`score_${T.crit[1]}`]: 9, [`score_${T.crit[2]}`]: 8, [`score_${T.crit[3]}`]: 8 };
    for (let i = 0; i < 4; i++) await sheet(T.C, T.J[i], c);
    assert.equal((await score(T.C, c, judgeToken)).status, 200);
    // D: two sheets of 60
    await sheet(T.D, T.J[0], even(6));
    await sheet(T.D, T.J[1], even(6));

    let b = await board(T.id);
    assert.equal(b.frozen, false);
    const A = entryOf(b, T.A);
    // six sheets 90, 90, 70, 70, 80, 60: one 90 and the 60 dropped: (90 + 70 + 70 + 80) / 4
    assert.equal(A.final, '77.5');
    assert.equal(A.counted, 4);
    assert.equal(A.sheets.filter((s) => s.dropped).length, 2);
    assert.equal(A.sheets.find((s) => s.dropped === '최고점 제외').judge, '심사위원 가', 'the first of tied highs');
    assert.equal(A.panels[0].arithmetic, '([90] + 90 + 70 + 70 + 80 + [60]) / 4 = 77.5');
    const B = entryOf(b, T.B);
    assert.equal(B.final, '75');
    assert.equal(B.counted, 4);
    assert.equal(B.sheets.filter((s) => s.dropped).length, 0, 'fewer than five: all counted');
    assert.equal(entryOf(b, T.C).final, '80');
    assert.equal(entryOf(b, T.D).final, '60');
    assert.deepEqual(b.entries.filter((e) => e.rank).map((e) => e.id), [T.C, T.A, T.B, T.D]);
    assert.deepEqual(b.entries.filter((e) => !e.rank).map((e) => e.id), [T.E, T.F], 'unscored: unranked, last');

    // the staff judge corrects A's sheet to 85 with a reason: then C and A tie at 80
    let r = await score(T.A, even(8.5), staffJudgeToken);
    assert.equal(r.status, 422, 'a correction needs its reason');
    assert.match((await r.json()).error.fields.reason, /정정 사유/);
    r = await score(T.A, { ...even(8.5), reason: '실현가능성 점수 기재 착오' }, staffJudgeToken);
    assert.equal(r.status, 200, await r.text());
    const versions = (await json(`/contest-scores?entry_id=${T.A}&judge_id=${T.staffJudgeRow}`)).items;
    assert.deepEqual(versions.map((v) => [v.version, v.total, v.reason || '']).sort(), [[1, 6000, ''], [2, 8500, '실현가능성 점수 기재 착오']]);
    b = await board(T.id);
    const A2 = entryOf(b, T.A);
    // 90, 90, 70, 70, 80, 85: (90 + 70 + 80 + 85) / 4 = 81.25
    assert.equal(A2.final, '81.25');
    const corrected = A2.sheets.find((s) => s.judge_id === T.staffJudgeRow);
    assert.equal(corrected.version, 2);
    assert.equal(corrected.history.length, 1);
    assert.equal(corrected.history[0].version, 1);
    assert.deepEqual(b.entries.filter((e) => e.rank).map((e) => e.id), [T.A, T.C, T.B, T.D]);
    // and the page shows both versions
    const html = await (await admin.get(`/contest-entries/${T.A}`)).text();
    assert.match(html, /1 \(정정 전\)/);
    assert.match(html, /실현가능성 점수 기재 착오/);
  });

  test('the tie rule: equal figures by the tie criterion\'s mean, then the earlier entry', async () => {
    // E and F: 80 from 9, 7, 8, 8 (효과성 7), as C's 80 from 7, 9, 8, 8 (효과성 9)
    const e = { [`score_${T.crit[0]}`]: 9, [`score_${T.crit[1]}`]: 7, [`score_${T.crit[2]}`]: 8, [`score_${T.crit[3]}`]: 8 };
    for (const entry of [T.F, T.E]) for (let i = 0; i < 2; i++) await sheet(entry, T.J[i], e);
    const b = await board(T.id);
    assert.deepEqual(b.entries.map((x) => [x.id, x.final, x.rank]), [[T.A, '81.25', 1], [T.C, '80', 2], [T.E, '80', 3], [T.F, '80', 4], [T.B, '75', 5], [T.D, '60', 6]]);
    assert.equal(entryOf(b, T.C).tie_figure, '9');
    assert.equal(entryOf(b, T.E).tie_figure, '7');
    assert.equal(entryOf(b, T.C).tie_note, '동점: 동점 기준 항목으로 결정');
    assert.equal(entryOf(b, T.E).tie_note, '동점: 먼저 접수한 출품작 우선', 'E before F: entered first, though scored last');
    assert.equal(entryOf(b, T.F).tie_note, '동점: 먼저 접수한 출품작 우선');
    assert.equal(entryOf(b, T.A).tie_note, '');
    assert.deepEqual(b.entries.map((x) => x.tier_label), ['최우수', '우수', '', '', '', '']);
  });

  test('closing freezes the results; nothing moves after it; reopening is audited with its reason and the next closing is version 2', async () => {
    assert.equal((await post(`/contests/${T.id}/close`, {})).status, 200);
    assert.equal((await post(`/contests/${T.id}/close`, {})).status, 409, 'closed once');
    const frozen = await board(T.id);
    assert.equal(frozen.frozen, true);
    assert.equal(frozen.version, 1);
    // no sheet, no criterion, no entry changes a closed contest
    assert.equal((await score(T.D, { judge_id: T.J[2], ...even(10) })).status, 409);
    assert.equal((await patch(`/contest-criteria/${T.crit[0]}`, { weight: 40 })).status, 422);
    assert.equal((await patch(`/contest-entries/${T.D}`, { title: '바뀐 제목' })).status, 422);
    assert.equal((await patch(`/contests/${T.id}`, { excellent_count: 3 })).status, 422);
    assert.equal((await patch(`/contests/${T.id}`, { aggregation: 'mean' })).status, 422);
    // a sheet written straight into the database (never by the engine) moves nothing shown
    const tens = JSON.stringify(Object.fromEntries(T.crit.map((c) => [String(c), 10])));
    await sql(srv.db, `INSERT INTO contest_scores (org_id, contest_id, entry_id, judge_id, version, scores, total) SELECT org_id, contest_id, id, ${T.J[2]}, 1, '${tens}', 10000 FROM contest_entries WHERE id = ${T.D}`);
    assert.deepEqual(await board(T.id), frozen);
    await sql(srv.db, `DELETE FROM contest_scores WHERE entry_id = ${T.D} AND judge_id = ${T.J[2]}`).catch(() => {});
    assert.equal(await one(`SELECT COUNT(*) FROM contest_scores WHERE entry_id = ${T.D} AND judge_id = ${T.J[2]}`), '1', 'the database refuses to delete a sheet');
    // the member sees the figures (results public) but not the judges' names, until confirmed
    const html = await (await member.get(`/contest-entries/${T.A}`)).text();
    assert.match(html, /심사위원 1/);
    assert.doesNotMatch(html, /심사위원 가/);

    assert.equal((await post(`/contests/${T.id}/reopen`, {})).status, 422, 'a reason is asked');
    const r = await post(`/contests/${T.id}/reopen`, { reason: '심사위원 의견 누락 확인' });
    assert.equal(r.status, 200, await r.text());
    const audit = (await json('/admin/audit?action=reopen&per_page=5')).items;
    assert.ok(audit.some((a) => JSON.stringify(a).includes('심사위원 의견 누락 확인')), 'the reason in the audit trail');
    assert.equal((await post(`/contests/${T.id}/close`, {})).status, 200);
    const again = await board(T.id);
    assert.equal(again.version, 2);
    assert.equal(await one(`SELECT COUNT(*) FROM contest_results WHERE contest_id = ${T.id} AND version = 1`), '6', 'version 1 kept');
    // the stray sheet counts now, in version 2 only: D had 60, 60 → (60 + 60 + 100) / 3
    assert.equal(entryOf(again, T.D).final, '73.33');
    assert.equal(entryOf(frozen, T.D).final, '60');
  });

  test('confirming the awards: one ledger entry per entrant and per award, by the mileage rules; then nothing reopens', async () => {
    for (const [event_code, name, points] of [['contest.entered', '경진대회 참여', 1], ['contest.awarded', '경진대회 수상', 10]])
      await made('/mileage-rules', { event_code, name, points, valid_from: '2007-01-01', active: true });
    const ledger = async (staffId) => [
      ...(await json(`/mileage-entries?staff_id=${staffId}&event_code=contest.entered`)).items,
      ...(await json(`/mileage-entries?staff_id=${staffId}&event_code=contest.awarded`)).items];
    assert.equal((await ledger(T.person)).length, 0);
    const b = await board(T.id);
    const tiers = Object.fromEntries(b.entries.map((e) => [e.id, e.tier]));
    assert.deepEqual([tiers[T.A], tiers[T.C], tiers[T.E], tiers[T.F], tiers[T.B], tiers[T.D]], [1, 2, 0, 0, 0, 0]);
    const r = await post(`/contests/${T.id}/confirm`, {});
    assert.equal(r.status, 200, await r.text());
    assert.equal((await post(`/contests/${T.id}/confirm`, {})).status, 409);
    // B (a person, no award): one entry; C (a club, 우수): its 회장 two
    assert.deepEqual((await ledger(T.person)).map((e) => e.points), [1]);
    assert.deepEqual((await ledger(T.president)).map((e) => e.points).sort((x, y) => x - y), [1, 10]);
    assert.equal((await post(`/contests/${T.id}/reopen`, { reason: '다시' })).status, 409);
    // names shown once confirmed; the certificate of C prints its club
    const html = await (await member.get(`/contest-entries/${T.A}`)).text();
    assert.match(html, /심사위원 가/);
    const club = await one(`SELECT name FROM clubs WHERE id = ${T.club}`);
    const cert = await (await member.get(`/contest-entries/${T.C}/certificate`)).text();
    assert.match(cert, /우수/);
    assert.ok(cert.includes(club), club);
    assert.equal((await member.get(`/contest-entries/${T.B}/certificate`)).status, 404);
  });

  test('a mixed panel: the judges 70, the staff vote 30', async () => {
    const id = await made('/contests', { title: '혼합 심사 경진대회', kind: 'practice', year: 2007, aggregation: 'mean', expert_weight: 70,
      best_count: 1, excellent_count: 0, merit_count: 0 });
    const crit = await made('/contest-criteria', { contest_id: id, name: '종합', weight: 100, score_min: 0, score_max: 10 });
    const entry = await made('/contest-entries', { contest_id: id, title: '혼합 출품작', entrant_kind: 'department', department_id: T.planning });
    const judges = [];
    for (const [name, panel] of [['전문가 1', 'expert'], ['전문가 2', 'expert'], ['직원 1', 'staff']])
      judges.push(await made('/contest-judges', { contest_id: id, name, panel }));
    for (const [i, s] of [8, 9, 6].entries()) await sheet(entry, judges[i], { [`score_${crit}`]: s });
    const e = (await board(id)).entries[0];
    // 0.7 × (80 + 90) / 2 + 0.3 × 60 = 59.5 + 18
    assert.equal(e.final, '77.5');
    assert.deepEqual(e.panels.map((p) => [p.name, p.weight, p.arithmetic]), [['심사위원', '70', '(80 + 90) / 2 = 85'], ['직원 투표', '30', '(60) / 1 = 60']]);
    assert.equal(e.formula, '70% × 85 + 30% × 60 = 77.5');
  });

  test('the results and the sheets as XLSX', async () => {
    const results = readXlsx(Buffer.from(await (await admin.get(`/contests/${T.id}/results.xlsx`)).arrayBuffer()));
    const rows = results;
    assert.equal(rows[0][0], '순위');
    assert.equal(rows.length, 7);
    assert.deepEqual(rows.slice(1).map((r) => r[1] || ''), ['최우수', '우수', '', '', '', '']);
    const sheets = readXlsx(Buffer.from(await (await admin.get(`/contests/${T.id}/sheets.xlsx`)).arrayBuffer()));
    const srows = sheets;
    assert.deepEqual(srows[0].slice(0, 8), ['출품작', '심사위원', '구분', '판', '창의성', '효과성', '확산가능성', '실현가능성']);
    assert.ok(srows.some((r) => r[3] === '1' && r[srows[0].indexOf('집계')] === '정정 전 (반영 안 함)'), 'the corrected version listed');
    assert.equal((await member.get(`/contests/${T.id}/sheets.xlsx`)).status, 403);
  });
});
