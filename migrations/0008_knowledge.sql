-- 0008_knowledge: knowledge management (SPEC.md §3; seed Ⅱ-4, Ⅳ-1-3): the
-- knowledge map (fields as a tree), items with their Markdown body and
-- review workflow, the experts appointed per field, reviews with their
-- scores, recommendations, monitoring rounds and activation events, the
-- in-app notices a workflow sends, and the outbox of domain events other
-- modules consume (an item rated excellent earns mileage).  The search
-- index is per dialect: 0009_knowledge_search.

-- accounts are listed like any entity (experts are chosen from them)
ALTER TABLE users ADD COLUMN updated_at TEXT;

CREATE TABLE knowledge_fields (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	name TEXT NOT NULL,
	parent_id @BIGINT@ REFERENCES knowledge_fields(id),
	sort_order INTEGER NOT NULL DEFAULT 0,
	description TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX knowledge_fields_count ON knowledge_fields(org_id, archived_at);

CREATE TABLE knowledge_items (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	title TEXT NOT NULL,
	field_id @BIGINT@ REFERENCES knowledge_fields(id),
	kind TEXT NOT NULL,                    -- work, idea, learning, case, other
	department_id @BIGINT@ REFERENCES departments(id),
	author_user_id @BIGINT@ REFERENCES users(id),
	author_name TEXT,
	tags TEXT,                             -- comma-separated
	summary TEXT,
	body TEXT NOT NULL,                    -- Markdown (raw HTML is not rendered)
	status TEXT NOT NULL DEFAULT 'registered', -- registered, under_review, adopted, excellent, returned
	return_reason TEXT,
	grade TEXT,                            -- the decision's grade: S, A, B, C
	reward TEXT,                           -- for excellent items
	views INTEGER NOT NULL DEFAULT 0,
	recommendations INTEGER NOT NULL DEFAULT 0,
	registered_on TEXT NOT NULL,           -- 'YYYY-MM-DD'
	decided_on TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX knowledge_items_count ON knowledge_items(org_id, archived_at);
CREATE INDEX knowledge_items_live ON knowledge_items(org_id, registered_on, id) WHERE archived_at IS NULL;
CREATE INDEX knowledge_items_field ON knowledge_items(field_id, status);

-- 지식전문가: an expert of a field (users with the role expert).
CREATE TABLE knowledge_experts (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	field_id @BIGINT@ NOT NULL REFERENCES knowledge_fields(id),
	user_id @BIGINT@ NOT NULL REFERENCES users(id),
	appointed_on TEXT NOT NULL,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX knowledge_experts_count ON knowledge_experts(org_id, archived_at);
CREATE INDEX knowledge_experts_user ON knowledge_experts(user_id, field_id);

-- What a review scores; weights in points, the scores out of each.
CREATE TABLE knowledge_criteria (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	name TEXT NOT NULL,
	points INTEGER NOT NULL,
	sort_order INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX knowledge_criteria_count ON knowledge_criteria(org_id, archived_at);

CREATE TABLE knowledge_reviews (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	item_id @BIGINT@ NOT NULL REFERENCES knowledge_items(id),
	expert_user_id @BIGINT@ NOT NULL REFERENCES users(id),
	expert_name TEXT,
	scores TEXT NOT NULL,                  -- JSON: {"창의성": 20, ...}
	total INTEGER NOT NULL,
	proposed TEXT NOT NULL,                -- adopt, excellent, return
	comment TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX knowledge_reviews_count ON knowledge_reviews(org_id, archived_at);
CREATE INDEX knowledge_reviews_item ON knowledge_reviews(item_id);

-- One recommendation per person and item.
CREATE TABLE knowledge_recommendations (
	item_id @BIGINT@ NOT NULL REFERENCES knowledge_items(id),
	user_id @BIGINT@ NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL DEFAULT @NOW@,
	PRIMARY KEY (item_id, user_id)
)@STRICT@;

CREATE TABLE knowledge_monitoring (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	held_on TEXT NOT NULL,
	title TEXT NOT NULL,
	findings TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX knowledge_monitoring_count ON knowledge_monitoring(org_id, archived_at);

-- 지식관리 활성화 이벤트: a campaign with a period.
CREATE TABLE knowledge_events (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	title TEXT NOT NULL,
	starts_on TEXT NOT NULL,
	ends_on TEXT NOT NULL,
	description TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX knowledge_events_count ON knowledge_events(org_id, archived_at);

-- A notice for one user, shown in the app ("your item was returned").
CREATE TABLE notices (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	user_id @BIGINT@ NOT NULL REFERENCES users(id),
	message TEXT NOT NULL,
	link TEXT,
	read_at TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@
)@STRICT@;
CREATE INDEX notices_user ON notices(user_id, read_at);

-- Domain events, written in the transaction of what caused them; consumers
-- (the mileage engine) mark what they have taken.
CREATE TABLE domain_events (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	kind TEXT NOT NULL,                    -- 'knowledge.excellent'
	entity TEXT NOT NULL,
	record_id @BIGINT@ NOT NULL,
	user_id @BIGINT@,                      -- whom it concerns
	payload TEXT NOT NULL DEFAULT '{}',
	created_at TEXT NOT NULL DEFAULT @NOW@,
	consumed_at TEXT
)@STRICT@;
CREATE INDEX domain_events_open ON domain_events(kind, consumed_at);
