// devolved.test.mjs: the devolved-affairs registry on the seed's demo
// organisation (Ⅳ-2-10): 687 affairs, 500 완료 / 152 진행 / 35 사무폐지,
// counted on /devolved from the records and spread over the divisions; a
// department's cards printed one A4 page each, and one card with its
// history of changes; bad edits refused with 422 and nothing written; the
// ministry's list imported: a dry run naming every bad row by its line and
// writing nothing, a real import, a re-import updating by affair number
// without duplicates, the same from the shell; the 2007-09 general
// inspection's progress per department and the cards still needing work,
// a result recorded moving them; a member reads and may not write.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { addUser, driver, run, sql, staff, start } from './harness.mjs';

describe(`devolved affairs on ${driver}`, () => {
  let srv, admin, member, token, memberToken, dir, home, depts;
  const api = (p, init = {}, t = token) => fetch(srv.url + '/api/v1' + p, {
    ...init, headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json', ...(init.headers || {}) },
  });
  const json = async (p, t) => (await api(p, {}, t)).json();
  const post = (p, body, t) => api(p, { method: 'POST', body: JSON.stringify(body) }, t);
  const patch = (p, body, t) => api(p, { method: 'PATCH', body: JSON.stringify(body) }, t);
  const card = async (no) => (await json(`/devolved-affairs?q=${no}&per_page=5`)).items.find((a) => a.affair_no === no);
  const count = async () => Number((await sql(srv.db, 'SELECT COUNT(*) FROM devolved_affairs')).trim());
  const upload = async (client, name, text, fields = {}) => {
    const form = new FormData();
    form.set('_csrf', await client.csrf('/devolved-affairs/import'));
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    if (text !== null) form.set('file', new Blob([Buffer.from(text)]), name);
    const res = await fetch(srv.url + '/devolved-affairs/import', { method: 'POST', body: form, headers: { cookie: client.header() } });
    return { status: res.status, html: await res.text() };
  };
  const uploadApi = async (name, text, fields = {}) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set('file', new Blob([Buffer.from(text)]), name);
    const res = await fetch(srv.url + '/api/v1/devolved-affairs/import', { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, json: await res.json() };
  };

  before(async () => {
    srv = await start(['--demo']);
    dir = mkdtempSync(path.join(tmpdir(), 'innoland-devolved-'));
    await addUser(srv.db, 'dv.admin', 'admin');
    await addUser(srv.db, 'dv.member', 'member');
    admin = await staff(srv.url, 'dv.admin');
    member = await staff(srv.url, 'dv.member');
    token = (await run(['token', 'create', '--db', srv.db.url, '--login', 'dv.admin'])).stdout.trim();
    memberToken = (await run(['token', 'create', '--db', srv.db.url, '--login', 'dv.member'])).stdout.trim();
    home = await json('/devolved');
    depts = Object.fromEntries(home.departments.map((d) => [d.department, d]));
  });
  after(async () => { await srv.stop(); rmSync(dir, { recursive: true, force: true }); });

  test('the seed\'s 687 affairs, 500 완료 / 152 진행 / 35 사무폐지, counted from the cards', async () => {
    assert.deepEqual(home.total, { done: 500, progress: 152, abolished: 35, total: 687 });
    for (const [status, n] of [['done', 500], ['progress', 152], ['abolished', 35]])
      assert.equal((await json(`/devolved-affairs?status=${status}&per_page=1`)).total, n, status);
    // spread over the 28 divisions, 24 or 25 each, every status in most
    assert.equal(home.departments.length, 28);
    assert.deepEqual([...new Set(home.departments.map((d) => d.total))].sort(), [24, 25]);
    assert.equal(home.departments.reduce((s, d) => s + d.total, 0), 687);
    assert.deepEqual(depts['혁신기획담당관'], { department_id: depts['혁신기획담당관'].department_id, department: '혁신기획담당관', done: 19, progress: 6, abolished: 0, total: 25 });
    assert.equal((await json(`/devolved-affairs?department_id=${depts['총무과'].department_id}&per_page=1`)).total, 25);
    const html = (await (await member.get('/devolved')).text()).replace(/\s+/g, ' ');
    assert.match(html, /il-dev-total">687개</);
    assert.match(html, /il-dev-done">500</);
    assert.match(html, /il-dev-progress">152</);
    assert.match(html, /il-dev-abolished">35</);
    assert.match(html, /총무과<\/a><\/td><td>18<\/td><td>6<\/td><td>1<\/td><td>25<\/td>/);
    assert.match(html, /<th scope="row">합계<\/th><td>500<\/td><td>152<\/td><td>35<\/td><td>687<\/td>/);
  });

  test('a department\'s cards print one A4 page each; one card prints alone', async () => {
    const dept = depts['혁신기획담당관'].department_id;
    const doc = await json(`/devolved-affairs/print?department=${dept}`);
    assert.equal(doc.count, 25);
    assert.equal(doc.department, '혁신기획담당관');
    assert.deepEqual(doc.cards.slice(0, 3).map((c) => c.affair_no), ['001', '029', '057']);
    const first = doc.cards[0];
    const text = Object.fromEntries(first.fields.map((f) => [f.label, f.text]));
    assert.deepEqual(text, {
      사무번호: '001', 사무명: '주민등록 사실조사 허가', 근거법령: '주민등록법', 조항: '제5조',
      결정기관: '지방이양추진위원회', '이양 결정일': '2000-12-08', '종전 소관부처': '행정자치부',
      담당부서: '혁신기획담당관', 담당자: text['담당자'], 추진상태: '완료',
      '정비할 조례 (건)': '1', '정비한 조례 (건)': '1', '조례 번호': '영등포구 조례 제600호',
      '정비할 규칙 (건)': '1', '정비한 규칙 (건)': '1', '규칙 번호': '영등포구 규칙 제300호',
      '매뉴얼 작성': '예', '인계·인수': '예', '사무위임 사항': '서울특별시 사무위임조례에 따라 구청장에게 위임',
      '이관 인력 (명)': '1', '이관 예산 (원)': '10,000,000', 비고: '-',
    });
    assert.notEqual(text['담당자'], '-', 'an officer of the division');
    const html = await (await member.get(`/devolved-affairs/print?department=${dept}`)).text();
    assert.equal((html.match(/<article class="il-card-page"/g) || []).length, 25, 'one page each');
    assert.match(html, /혁신기획담당관: 관리카드 25장/);
    const css = await (await member.get(html.match(/href="(\/assets\/app\/app\.[0-9a-f]+\.css)"/)[1])).text();
    assert.match(css, /\.il-card-page \{ break-after: page; page-break-after: always;/);
    const one = await json(`/devolved-affairs/print?affair=${first.id}`);
    assert.deepEqual([one.count, one.cards[0].affair_no], [1, '001']);
    assert.equal((await api('/devolved-affairs/print?affair=999999')).status, 404);
    const bad = await api('/devolved-affairs/print?department=abc');
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error.detail, '부서(department)의 값이 올바르지 않습니다. 가능한 값: 1 이상의 번호.');
    const none = await json('/devolved-affairs/print');
    assert.deepEqual([none.asked, none.count], [false, 0]);
    // the select offers the departments that hold cards, a bureau holds none
    assert.deepEqual(none.department_options.map((o) => o.name), home.departments.map((d) => d.department));
    const bureau = (await json('/departments?kind=bureau&per_page=1')).items[0].id;
    assert.equal((await api(`/devolved-affairs/print?department=${bureau}`)).status, 404);
  });

  test('a card\'s history shows its changes; bad edits answer 422 and write nothing', async () => {
    const a = await card('003');
    assert.deepEqual([a.status, a.name], ['progress', '민방위대 편성 과태료 부과·징수']);
    const before = await json(`/devolved-affairs/${a.id}`);
    const tooMany = await patch(`/devolved-affairs/${a.id}`, { ordinances_done: before.ordinances_needed + 1 });
    assert.equal(tooMany.status, 422);
    assert.equal((await tooMany.json()).error.fields.ordinances_done, '정비한 조례가 정비할 조례보다 많습니다.');
    const taken = await patch(`/devolved-affairs/${a.id}`, { affair_no: '001' });
    assert.equal(taken.status, 422);
    assert.equal((await taken.json()).error.fields.affair_no, '사무번호 001는 이미 다른 관리카드의 번호입니다.');
    const badStatus = await patch(`/devolved-affairs/${a.id}`, { status: '보류' });
    assert.equal(badStatus.status, 422);
    assert.deepEqual(await json(`/devolved-affairs/${a.id}`), before, 'nothing written');
    assert.equal((await patch(`/devolved-affairs/${a.id}`, { status: 'done', handover_done: true })).status, 200);
    const printed = (await json(`/devolved-affairs/print?affair=${a.id}`)).cards[0];
    assert.equal(printed.history.length, 1);
    assert.equal(printed.history[0].actor, 'dv.admin');
    assert.equal(printed.history[0].action, '수정');
    assert.deepEqual(printed.history[0].changes.map((c) => [c.label, c.from, c.to]).sort(),
      [['인계·인수', '아니오', '예'], ['추진상태', '진행', '완료']]);
    const html = (await (await member.get(`/devolved-affairs/${a.id}`)).text()).replace(/\s+/g, ' ');
    assert.match(html, /dv\.admin · 수정 <span class="il-change">/);
    assert.match(html, /추진상태 진행 → 완료/);
    assert.match(html, /href="\/devolved-affairs\/print\?affair=\d+"/);
    assert.equal((await json('/devolved')).total.done, 501, 'the home page counts the records');
    assert.equal((await patch(`/devolved-affairs/${a.id}`, { status: 'progress', handover_done: false })).status, 200);
  });

  test('import: a dry run names every bad row by its line and writes nothing', async () => {
    const csv = '사무번호,사무명,근거법령,담당부서,추진상태,정비할조례,정비한조례\n' +
      '901,신규 사무 하나,식품위생법,혁신기획담당관,진행,1,0\n' +
      '902,,식품위생법,총무과,완료,0,0\n' +
      '903,신규 사무 셋,,없는과,진행,0,0\n' +
      '904,신규 사무 넷,,총무과,보류,0,0\n' +
      '901,중복,,총무과,완료,0,0\n' +
      '905,신규 사무 다섯,,총무과,진행,1,2\n';
    const audits = (await sql(srv.db, 'SELECT COUNT(*) FROM audit_log')).trim();
    const r = await uploadApi('목록.csv', csv, { dry_run: '1' });
    assert.equal(r.status, 422);
    assert.deepEqual(r.json.problems.map((p) => [p.line, p.field, p.message]), [
      [3, 'name', '사무명: 꼭 입력해야 합니다.'],
      [4, 'department_id', "담당부서: 부서명이나 부서코드가 없습니다: '없는과'"],
      [5, 'status', '추진상태: 목록에 있는 값 중에서 골라 주세요.'],
      [6, 'affair_no', '같은 사무번호가 파일에 두 번 있습니다.'],
      [7, 'ordinances_done', '정비한 조례가 정비할 조례보다 많습니다.'],
    ]);
    // the same without the dry run: all or nothing
    const real = await upload(admin, '목록.csv', csv);
    assert.equal(real.status, 422);
    assert.match(real.html, /파일에 고칠 곳이 있어 저장하지 않았습니다/);
    assert.match(real.html, /<tr><td>4<\/td><td>담당부서<\/td><td>담당부서: 부서명이나 부서코드가 없습니다: &#39;없는과&#39;<\/td><\/tr>/);
    assert.equal(await count(), 687, 'nothing written');
    assert.equal((await sql(srv.db, 'SELECT COUNT(*) FROM audit_log')).trim(), audits, 'nor audited');
    const noHeader = await uploadApi('목록.csv', 'affair_no,name\n1,x\n', { dry_run: '1' });
    assert.equal(noHeader.status, 422);
    assert.deepEqual(noHeader.json.problems.map((p) => [p.line, p.message]),
      [[1, "첫 줄에 '담당부서' 열이 없습니다."], [1, "첫 줄에 '추진상태' 열이 없습니다."]]);
    const empty = await upload(admin, '빈.csv', null);
    assert.equal(empty.status, 422);
    assert.match(empty.html, /가져올 파일\(CSV 또는 XLSX\)을 골라 주세요/);
    const binary = await uploadApi('photo.csv', '\x00\xff\xfe\x01'.repeat(200), { dry_run: '1' });
    assert.equal(binary.status, 422);
    assert.deepEqual([binary.json.problems[0].field, binary.json.problems[0].label], ['file', '파일']);
    assert.deepEqual(r.json.problems.map((p) => p.label), ['사무명', '담당부서', '추진상태', '사무번호', '정비한조례']);
  });

  test('import: a real import, then a re-import updates by affair number and never duplicates', async () => {
    const officer = (await sql(srv.db, "SELECT employee_no FROM staff WHERE employee_no IS NOT NULL ORDER BY id LIMIT 1")).trim();
    const csv = 'affair_no,name,law,article,department,status,officer,ordinances_needed,ordinances_done,ordinance_numbers,manual_written,handover_done,budget_transferred\n' +
      `901,옥외광고물 표시 허가,옥외광고물등관리법,제3조,혁신기획담당관,진행,${officer},2,1,영등포구 조례 제900호,예,아니오,5000000\n` +
      '902,공중위생영업소 신고 수리,공중위생관리법,제3조,총무과,완료,,0,0,,1,1,\n' +
      '001,주민등록 사실조사 허가 (개정),주민등록법,제20조,혁신기획담당관,완료,,1,1,영등포구 조례 제600호,1,1,10000000\n';
    const dry = await upload(admin, 'ministry.csv', csv, { dry_run: '1' });
    assert.equal(dry.status, 200, dry.html.slice(0, 400));
    assert.match(dry.html, /3줄 모두 올바릅니다 \(새로 2, 갱신 1\)\. 검사만 했으므로 저장하지 않았습니다/);
    assert.equal(await count(), 687);
    const done = await upload(admin, 'ministry.csv', csv);
    assert.equal(done.status, 200, done.html.slice(0, 400));
    assert.match(done.html, /3줄을 저장했습니다 \(새로 2, 갱신 1\)/);
    assert.equal(await count(), 689);
    const a = await json(`/devolved-affairs/${(await card('901')).id}`);
    assert.deepEqual([a.name, a.law, a.article, a.status, a.ordinances_needed, a.ordinances_done, a.ordinance_numbers, a.manual_written, a.handover_done, a.budget_transferred, a.decided_by],
      ['옥외광고물 표시 허가', '옥외광고물등관리법', '제3조', 'progress', 2, 1, '영등포구 조례 제900호', true, false, 5000000, '지방이양추진위원회']);
    assert.equal(a.department_id, depts['혁신기획담당관'].department_id);
    assert.ok(a.officer_id > 0, 'the officer found by employee number');
    const first = await card('001');
    assert.deepEqual([first.name], ['주민등록 사실조사 허가 (개정)']);
    assert.equal((await json(`/devolved-affairs/${first.id}`)).article, '제20조');
    assert.deepEqual((await json('/devolved')).total, { done: 501, progress: 153, abolished: 35, total: 689 });
    const trail = await json('/admin/audit?action=import&entity=devolved-affairs');
    assert.equal(trail.total, 1);
    assert.deepEqual(trail.items[0].diff, { rows: [null, 3], created: [null, 2], updated: [null, 1] });
    // the same file again: three updates, nothing new
    const again = await uploadApi('ministry.csv', csv);
    assert.equal(again.status, 200);
    assert.deepEqual([again.json.done, again.json.created, again.json.updated], [true, 0, 3]);
    assert.equal(await count(), 689, 'a re-import never duplicates');
    // from the shell, a column left out is left as it is
    const file = path.join(dir, 'list.csv');
    writeFileSync(file, '사무번호,사무명,담당부서,추진상태\n901,옥외광고물 표시 허가,혁신기획담당관,완료\n');
    const shellDry = await run(['devolved', 'import', file, '--dry-run', '--db', srv.db.url]);
    assert.equal(shellDry.code, 0, shellDry.stderr);
    assert.match(shellDry.stdout, /\(dry run\) 1 rows: 0 new, 1 updated/);
    const shell = await run(['devolved', 'import', file, '--db', srv.db.url]);
    assert.equal(shell.code, 0, shell.stderr);
    const b = await json(`/devolved-affairs/${a.id}`);
    assert.deepEqual([b.status, b.ordinances_needed, b.ordinance_numbers, b.budget_transferred], ['done', 2, '영등포구 조례 제900호', 5000000]);
    writeFileSync(file, '사무번호,사무명,담당부서,추진상태\n906,,혁신기획담당관,완료\n');
    const shellBad = await run(['devolved', 'import', file, '--db', srv.db.url]);
    assert.equal(shellBad.code, 1);
    assert.match(shellBad.stderr, /list\.csv:2: 사무명: 꼭 입력해야 합니다/);
    assert.equal(await count(), 689);
    // the list's own XLSX export reads back as the same 689 cards
    const before = await json(`/devolved-affairs/${(await card('057')).id}`);
    const xlsx = Buffer.from(await (await admin.get('/devolved-affairs.xlsx')).arrayBuffer());
    const form = new FormData();
    form.set('file', new Blob([xlsx]), '관리카드.xlsx');
    const back = await (await fetch(srv.url + '/api/v1/devolved-affairs/import', { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })).json();
    assert.deepEqual([back.done, back.rows, back.created, back.updated, back.problems], [true, 689, 0, 689, []]);
    assert.equal(await count(), 689);
    const { updated_at: _a, ...was } = before, { updated_at: _b, ...now } = await json(`/devolved-affairs/${before.id}`);
    assert.deepEqual(now, was, 'the card unchanged, its officer found by name in its department');
  });

  test('the 2007-09 inspection: progress per department and the cards still needing work', async () => {
    const round = (await json('/devolved-inspections')).items[0];
    assert.deepEqual([round.name, round.starts_on, round.ends_on], ['2007년 지방이양사무 일제 점검', '2007-09-01', '2007-09-30']);
    const p = await json(`/devolved-inspections/${round.id}/progress`);
    // the two cards imported above are not checked yet
    assert.deepEqual(p.progress.total, { affairs: 689, checked: 483, ok: 398, fix: 85, unchecked: 206, todo: 291, percent: '70.1' });
    const row = p.progress.departments.find((d) => d.department === '감사담당관');
    assert.deepEqual(row, { department_id: row.department_id, department: '감사담당관', affairs: 25, checked: 15, ok: 15, fix: 0, unchecked: 10, todo: 10, percent: '60' });
    const planning = p.progress.departments.find((d) => d.department === '혁신기획담당관');
    assert.deepEqual([planning.affairs, planning.checked, planning.ok, planning.fix, planning.unchecked, planning.percent], [26, 20, 13, 7, 6, '76.9']);
    assert.equal(p.todo.length, 50, 'a page of the list');
    assert.equal(p.next, 2);
    const mine = await json(`/devolved-inspections/${round.id}/progress?department=${planning.department_id}`);
    assert.equal(mine.todo.length, 13);
    assert.ok(mine.todo.every((t) => t.department === '혁신기획담당관' && (t.result === '' || t.result === 'fix')));
    assert.deepEqual(mine.todo.filter((t) => t.result === 'fix').length, 7);
    const fix = mine.todo.find((t) => t.result === 'fix');
    assert.ok(fix.note.length > 0, 'what to fix');
    // the round's page shows the same figures
    const html = (await (await member.get(`/devolved-inspections/${round.id}`)).text()).replace(/\s+/g, ' ');
    assert.match(html, /il-round-percent">70\.1%</);
    assert.match(html, /감사담당관<\/a><\/td><td>25<\/td><td>15<\/td><td>15<\/td><td>0<\/td><td>10<\/td><td>60%<\/td>/);
    assert.match(html, /보완이 필요한 관리카드 <span class="il-muted">291장 \(보완 필요 85, 미점검 206\)/);
    // a result recorded moves the figures; a second one for the card is refused
    const open = mine.todo.find((t) => t.result === '');
    const ok = await post('/devolved-checks', { inspection_id: round.id, affair_id: open.id, result: 'ok', checked_on: '2007-09-28' });
    assert.equal(ok.status, 201, await ok.clone().text());
    const twice = await post('/devolved-checks', { inspection_id: round.id, affair_id: open.id, result: 'fix', note: '다시', checked_on: '2007-09-29' });
    assert.equal(twice.status, 422);
    assert.match((await twice.json()).error.fields.affair_id, /이 점검 회차에 이 관리카드의 점검 결과가 이미 있습니다/);
    const noNote = await post('/devolved-checks', { inspection_id: round.id, affair_id: mine.todo.filter((t) => t.result === '')[1].id, result: 'fix', checked_on: '2007-09-28' });
    assert.equal(noNote.status, 422);
    assert.equal((await noNote.json()).error.fields.note, '보완 필요로 판정하면 무엇을 보완할지 비고에 적어 주십시오.');
    const late = await post('/devolved-checks', { inspection_id: round.id, affair_id: mine.todo.filter((t) => t.result === '')[1].id, result: 'ok', checked_on: '2007-10-02' });
    assert.equal(late.status, 422);
    assert.equal((await late.json()).error.fields.checked_on, '점검일이 점검 기간(2007-09-01 ~ 2007-09-30) 밖입니다.');
    const after = await json(`/devolved-inspections/${round.id}/progress?department=${planning.department_id}`);
    const moved = after.progress.departments.find((d) => d.department === '혁신기획담당관');
    assert.deepEqual([moved.checked, moved.ok, moved.unchecked, moved.percent], [21, 14, 5, '80.8']);
    assert.equal(after.todo.length, 12);
    assert.equal(after.progress.total.checked, 484);
    const bad = await api(`/devolved-inspections/${round.id}/progress?page=0`);
    assert.equal(bad.status, 400);
    assert.equal((await api('/devolved-inspections/999999/progress')).status, 404);
    const bureau = (await json('/departments?kind=bureau&per_page=1')).items[0].id;
    assert.equal((await api(`/devolved-inspections/${round.id}/progress?department=${bureau}`)).status, 404);
  });

  test('a member reads the registry and may not write it', async () => {
    assert.equal((await api('/devolved', {}, memberToken)).status, 200);
    assert.equal((await api('/devolved-affairs?per_page=1', {}, memberToken)).status, 200);
    const a = await card('004');
    assert.equal((await patch(`/devolved-affairs/${a.id}`, { status: 'abolished' }, memberToken)).status, 403);
    assert.equal((await member.get('/devolved-affairs/import')).status, 403);
    assert.equal((await card('004')).status, a.status);
  });
});
