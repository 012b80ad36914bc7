-- 0014_list_indexes: the dashboard's checklist (tasks in progress with
-- nothing reported for the month, the first 200 by 연번) read in its order
-- from the index, so that it stops after 200 rather than sorting every task
-- of the year in progress; last_report_month in it too, so that the rows
-- left out are left out from the index alone.  The lists' own indexes are
-- derived from the entity declarations at start (src/crud/plans.c).
DROP INDEX tasks_checklist;
CREATE INDEX tasks_checklist ON tasks(org_id, year, status, seq, id, last_report_month)
	WHERE archived_at IS NULL;

-- Indexes of lists written by hand before the engine derived them, each the
-- same columns as the one it now makes (staff_sort_name,
-- departments_sort_sort_order, knowledge_items_sort_registered_on): one
-- copy is enough to keep current on every write.
DROP INDEX staff_live_name;
DROP INDEX departments_live;
DROP INDEX knowledge_items_live;
