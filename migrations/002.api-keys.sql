-- 002: API keys for partners (syndication, higher rate limits) and editors (scoped write access).
-- Only a SHA-256 hash of each key is stored; the key itself is shown once, when created.
CREATE TABLE api_keys (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL CHECK (kind IN ('partner', 'editor')),
  scopes      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(scopes) AND json_type(scopes) = 'array'),
  prefix      TEXT NOT NULL,
  key_hash    TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  revoked_at  TEXT
) STRICT;
