-- 0021_record_links_order: a record's references read in their order
-- (crud/store.c, the titles of an F_REFS field of the rows shown) walk this
-- index instead of sorting what they found: a contest entry's team members
-- on its page were the first F_REFS a registered page read.
CREATE INDEX record_links_position ON record_links(entity, field, record_id, position);
