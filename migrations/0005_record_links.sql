-- 0005_record_links: fields that hold several references (F_REFS: a task's
-- cooperating departments, a meeting's attendees) keep them here, one row
-- per reference, in the order given.  entity and field are the declared
-- names; record_id the row holding the field, ref_id the row referred to.
CREATE TABLE record_links (
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	entity TEXT NOT NULL,
	field TEXT NOT NULL,
	record_id @BIGINT@ NOT NULL,
	ref_id @BIGINT@ NOT NULL,
	position INTEGER NOT NULL,
	PRIMARY KEY (entity, field, record_id, ref_id)
)@STRICT@;
-- "which tasks does this department cooperate on": filters and permissions
CREATE INDEX record_links_ref ON record_links(entity, field, ref_id);
