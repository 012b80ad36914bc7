-- 0003_org: the organisation module: departments as a tree (국 → 과/담당관/
-- 보건소 → 팀/담당, and 동 주민센터) and staff.  Macros: see 0001_core.sql.

ALTER TABLE departments ADD COLUMN kind TEXT NOT NULL DEFAULT 'division';
	-- bureau (국), division (과·담당관·보건소), team (팀·담당), dong (동 주민센터), other
ALTER TABLE departments ADD COLUMN code TEXT;          -- the HR system's department code
ALTER TABLE departments ADD COLUMN sort_order INTEGER NOT NULL DEFAULT 0;
ALTER TABLE departments ADD COLUMN updated_at TEXT;
ALTER TABLE departments ADD COLUMN archived_at TEXT;   -- no longer in use; history kept
CREATE UNIQUE INDEX departments_code ON departments(org_id, code);

-- A member of staff, as the HR system knows them; re-imports match on
-- employee_no.  A staff member may have an account (users.id).
CREATE TABLE staff (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	employee_no TEXT NOT NULL,             -- 공무원 번호 / 사번
	name TEXT NOT NULL,
	grade TEXT NOT NULL,                   -- g4 … g9, research, technical, contract, other
	position TEXT,                         -- 직위, e.g. '팀장'
	department_id @BIGINT@ REFERENCES departments(id),
	phone TEXT,
	email TEXT,
	active INTEGER NOT NULL DEFAULT 1,
	user_id @BIGINT@ REFERENCES users(id),
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT,
	UNIQUE (org_id, employee_no)
)@STRICT@;
CREATE INDEX staff_department ON staff(department_id);
-- Lists show live rows by name: counting and paging them reads only this index.
CREATE INDEX staff_live_name ON staff(org_id, name, id) WHERE archived_at IS NULL;
CREATE INDEX departments_live ON departments(org_id, sort_order, id) WHERE archived_at IS NULL;

-- A spreadsheet uploaded for import, kept between the preview and the
-- confirmation (so any server process can finish it); deleted once used
-- and after a day.
CREATE TABLE import_uploads (
	token_hash TEXT NOT NULL PRIMARY KEY,  -- SHA-256 of the token in the confirm form
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	user_id @BIGINT@ NOT NULL REFERENCES users(id),
	kind TEXT NOT NULL,                    -- staff or departments
	filename TEXT NOT NULL,
	data TEXT NOT NULL,                    -- the file, base64
	created_at TEXT NOT NULL DEFAULT @NOW@
)@STRICT@;
