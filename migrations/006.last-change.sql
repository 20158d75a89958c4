-- 006: when a list or a rail last changed, for Last-Modified. A list changes whenever any article is published, edited
-- or unpublished (an article that leaves a list is no longer among its items, so the items' own dates cannot tell):
-- the latest coalesce(updated_at, published_at) of public and unpublished articles is one seek in this index
-- (ArticleStore.lastPublicChange). Partial on exactly that condition, so the list queries (status = 'published') do not
-- pick it over their ordered indexes. A rail also changes when its items are replaced: rails get their own updated_at
-- (NULL until the first replacement).
CREATE INDEX articles_last_change ON articles (coalesce(updated_at, published_at))
  WHERE status IN ('published', 'unpublished');
ALTER TABLE rails ADD COLUMN updated_at TEXT;
