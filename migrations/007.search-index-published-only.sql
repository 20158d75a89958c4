-- 007: the search index (003) holds published articles only, so FTS5 alone can rank them.
-- Before, drafts and withdrawn articles were indexed too and every search joined each match to articles to drop them:
-- a relevance-ranked page scored and looked up every match (~7,500 rows for a common word at 100,000 articles) before
-- keeping 20. With only public rows indexed, a plain search ranks inside FTS5, keeps the page's rows, and only those
-- are joined (src/db/article-list-sql.ts), and its total is FTS5's own count. Publishing indexes an article,
-- unpublishing (or any change away from 'published') removes it; edits of a published article re-index it as before.
DROP TRIGGER articles_fts_after_insert;
DROP TRIGGER articles_fts_after_update;

CREATE TRIGGER articles_fts_after_insert AFTER INSERT ON articles WHEN new.status = 'published' BEGIN
  INSERT INTO articles_fts (rowid, title, summary, body)
  VALUES (new.id, new.title, coalesce(new.summary, ''),
          (SELECT coalesce(group_concat(value, char(10) ORDER BY key), '') FROM json_each(new.body)));
END;

-- Deleting a rowid the index does not hold is a no-op (articles_fts stores its own text).
CREATE TRIGGER articles_fts_after_update AFTER UPDATE OF id, title, summary, body, status ON articles BEGIN
  DELETE FROM articles_fts WHERE rowid = old.id;
  INSERT INTO articles_fts (rowid, title, summary, body)
  SELECT new.id, new.title, coalesce(new.summary, ''),
         (SELECT coalesce(group_concat(value, char(10) ORDER BY key), '') FROM json_each(new.body))
  WHERE new.status = 'published';
END;

DELETE FROM articles_fts WHERE rowid IN (SELECT id FROM articles WHERE status <> 'published');
