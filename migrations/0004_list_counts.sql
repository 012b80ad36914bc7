-- A list page counts its rows on every view (WHERE org_id = ? AND
-- archived_at IS NULL).  With both columns in one index the count reads the
-- index alone; the partial indexes above it still had to visit every row
-- for archived_at.  Every entity table gets one of these.
CREATE INDEX staff_count ON staff(org_id, archived_at);
CREATE INDEX departments_count ON departments(org_id, archived_at);
