-- 005: an article's tags in display order straight from an index (article_id, position), covering tag_id for the
-- join: reading an article no longer sorts its tags in a temporary B-tree.
CREATE INDEX article_tags_article_order ON article_tags (article_id, position, tag_id);
