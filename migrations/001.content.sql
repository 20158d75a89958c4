-- 001: the content model: sections, articles, tags, curated rails (ordered lists of articles).
CREATE TABLE sections (
  id    INTEGER PRIMARY KEY,
  slug  TEXT NOT NULL UNIQUE,
  name  TEXT NOT NULL
) STRICT;

CREATE TABLE articles (
  id             INTEGER PRIMARY KEY,
  slug           TEXT NOT NULL UNIQUE,
  title          TEXT NOT NULL,
  summary        TEXT,
  -- Body paragraphs, in order, as a JSON array of strings.
  body           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(body) AND json_type(body) = 'array'),
  section_id     INTEGER NOT NULL REFERENCES sections(id),
  place_name     TEXT,
  place_region   TEXT,
  place_country  TEXT,
  status         TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'published', 'unpublished')),
  -- ISO 8601 UTC timestamps; NULL means unknown (the source page gives no date).
  published_at   TEXT,
  updated_at     TEXT,
  version        INTEGER NOT NULL DEFAULT 1
) STRICT;

-- Keyset pagination over "newest first, undated last, id as tiebreak".
CREATE INDEX articles_published_order
  ON articles (coalesce(published_at, ''), id) WHERE status = 'published';
CREATE INDEX articles_section ON articles (section_id);

CREATE TABLE tags (
  id    INTEGER PRIMARY KEY,
  slug  TEXT NOT NULL UNIQUE,
  name  TEXT NOT NULL
) STRICT;

CREATE TABLE article_tags (
  article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  tag_id      INTEGER NOT NULL REFERENCES tags(id),
  position    INTEGER NOT NULL,
  PRIMARY KEY (article_id, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags (tag_id, article_id);

CREATE TABLE rails (
  id     INTEGER PRIMARY KEY,
  slug   TEXT NOT NULL UNIQUE,
  title  TEXT NOT NULL
) STRICT;

CREATE TABLE rail_items (
  rail_id     INTEGER NOT NULL REFERENCES rails(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL CHECK (position >= 1),
  article_id  INTEGER NOT NULL REFERENCES articles(id),
  PRIMARY KEY (rail_id, position)
) STRICT, WITHOUT ROWID;
