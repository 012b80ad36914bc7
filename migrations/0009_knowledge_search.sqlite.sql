-- 0009_knowledge_search (SQLite): the items' search terms in FTS5, row id =
-- the item's id.  The terms are made by knowledge/search.c: Korean as
-- overlapping two-syllable pairs, other words whole, so that a two-syllable
-- word is found inside longer compounds; the tokenizer only splits on spaces.
CREATE VIRTUAL TABLE knowledge_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0');
