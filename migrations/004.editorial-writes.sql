-- 004: editorial writes: old slugs that keep redirecting, and the revision history of every article write.

-- An article's former slugs. They point at the article (not at a slug), so chains collapse: after A -> B -> C,
-- A resolves straight to the article's current slug C. A slug here cannot be taken by another article.
CREATE TABLE slug_redirects (
  old_slug    TEXT PRIMARY KEY,
  article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  created_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX slug_redirects_article ON slug_redirects (article_id);

-- Each write stores the state it replaced: `version` is the replaced version, `snapshot` its full representation
-- (the Article JSON plus status) and `changed_fields` the names of the fields the write changed.
CREATE TABLE article_revisions (
  id              INTEGER PRIMARY KEY,
  article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  version         INTEGER NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('draft', 'published', 'unpublished')),
  snapshot        TEXT NOT NULL CHECK (json_valid(snapshot) AND json_type(snapshot) = 'object'),
  changed_fields  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(changed_fields) AND json_type(changed_fields) = 'array'),
  change_note     TEXT NOT NULL,
  -- Name of the API key that made the change (kept for the newsroom, not shown publicly).
  author          TEXT NOT NULL,
  recorded_at     TEXT NOT NULL,
  UNIQUE (article_id, version)
) STRICT;

