-- 003: full-text search over article text (FTS5, kept in sync by triggers) and an index for every list filter and sort.

-- One row per article, rowid = articles.id. Body paragraphs are joined with newlines; a missing summary is ''.
-- unicode61 with remove_diacritics folds accents, so "Maaret" matches "Maarét".
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, summary, body,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_after_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, summary, body)
  VALUES (new.id, new.title, coalesce(new.summary, ''),
          (SELECT coalesce(group_concat(value, char(10) ORDER BY key), '') FROM json_each(new.body)));
END;

CREATE TRIGGER articles_fts_after_update AFTER UPDATE OF id, title, summary, body ON articles BEGIN
  DELETE FROM articles_fts WHERE rowid = old.id;
  INSERT INTO articles_fts (rowid, title, summary, body)
  VALUES (new.id, new.title, coalesce(new.summary, ''),
          (SELECT coalesce(group_concat(value, char(10) ORDER BY key), '') FROM json_each(new.body)));
END;

CREATE TRIGGER articles_fts_after_delete AFTER DELETE ON articles BEGIN
  DELETE FROM articles_fts WHERE rowid = old.id;
END;

-- Existing rows.
INSERT INTO articles_fts (rowid, title, summary, body)
SELECT a.id, a.title, coalesce(a.summary, ''),
       (SELECT coalesce(group_concat(j.value, char(10) ORDER BY j.key), '') FROM json_each(a.body) j)
FROM articles a;

-- Sort keys (they must match src/db/article-list-sql.ts character for character):
--   newest: coalesce(published_at, '')  descending -> undated ('') last
--   oldest: coalesce(published_at, '~') ascending  -> undated ('~' sorts after every ISO timestamp) last
-- articles_published_order (001) serves "newest"; these serve "oldest" and the section filter under both orders.
-- The same indexes serve from/to ranges, which compare against the sort key.
CREATE INDEX articles_oldest_order
  ON articles (coalesce(published_at, '~'), id) WHERE status = 'published';
CREATE INDEX articles_section_newest
  ON articles (section_id, coalesce(published_at, ''), id) WHERE status = 'published';
CREATE INDEX articles_section_oldest
  ON articles (section_id, coalesce(published_at, '~'), id) WHERE status = 'published';
-- Tag filters use article_tags_tag (tag_id, article_id) from 001; tag and section slugs have UNIQUE indexes.
