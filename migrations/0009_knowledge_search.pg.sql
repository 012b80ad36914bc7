-- 0009_knowledge_search (PostgreSQL): the items' search terms as a
-- tsvector built from knowledge/search.c's terms with their positions (no
-- text-search configuration touches them), indexed with GIN.
ALTER TABLE knowledge_items ADD COLUMN search tsvector;
CREATE INDEX knowledge_items_search ON knowledge_items USING GIN (search);
