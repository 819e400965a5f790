-- Kagami indicator store, schema version 1.
-- Every STIX object version ever imported is kept (stix_object); the tables below it hold the latest version of
-- each object in the shape queries need. STIX 2.1 §3.6: an object's versions share its id and differ in modified.

CREATE TABLE import_batch (
  id          INTEGER PRIMARY KEY,
  source      TEXT NOT NULL,
  format      TEXT NOT NULL,
  started     TEXT NOT NULL,
  finished    TEXT,
  objects     INTEGER NOT NULL DEFAULT 0
);

-- A rowid table: versions are appended in import order (cheap), the unique index finds them by id.
CREATE TABLE stix_object (
  id        TEXT NOT NULL,
  modified  TEXT NOT NULL,
  type      TEXT NOT NULL,
  batch     INTEGER NOT NULL REFERENCES import_batch(id),
  json      TEXT NOT NULL
);
CREATE UNIQUE INDEX stix_object_version ON stix_object(id, modified);

-- Latest version per id; hash is over the object without created/modified, to make re-imports idempotent.
CREATE TABLE latest (
  id        TEXT PRIMARY KEY,
  type      TEXT NOT NULL,
  modified  TEXT NOT NULL,
  created   TEXT NOT NULL,
  hash      INTEGER NOT NULL,
  tlp       INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE indicator (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  description     TEXT NOT NULL,
  pattern         TEXT NOT NULL,
  pattern_type    TEXT NOT NULL,
  indicator_types TEXT NOT NULL,
  confidence      INTEGER,
  tlp             INTEGER NOT NULL,
  valid_from      TEXT NOT NULL,
  valid_until     TEXT,
  revoked         INTEGER NOT NULL,
  context         INTEGER NOT NULL,
  complete        INTEGER NOT NULL,
  source          TEXT NOT NULL,
  first_seen      TEXT,
  last_seen       TEXT,
  created         TEXT NOT NULL,
  modified        TEXT NOT NULL,
  batch           INTEGER NOT NULL
);

CREATE TABLE observable (
  type          TEXT NOT NULL,
  value         TEXT NOT NULL,
  indicator_id  TEXT NOT NULL,
  PRIMARY KEY (type, value, indicator_id)
) WITHOUT ROWID;
CREATE INDEX observable_indicator ON observable(indicator_id);

-- Named domain objects (malware, intrusion-set, attack-pattern, report, identity, vulnerability, campaign ...).
CREATE TABLE sdo (
  id        TEXT PRIMARY KEY,
  type      TEXT NOT NULL,
  name      TEXT NOT NULL,
  external_id TEXT,
  tlp       INTEGER NOT NULL,
  revoked   INTEGER NOT NULL
);
CREATE INDEX sdo_type ON sdo(type);

CREATE TABLE relationship (
  id                TEXT PRIMARY KEY,
  relationship_type TEXT NOT NULL,
  source_ref        TEXT NOT NULL,
  target_ref        TEXT NOT NULL,
  tlp               INTEGER NOT NULL,
  revoked           INTEGER NOT NULL
);
CREATE INDEX relationship_source ON relationship(source_ref);
CREATE INDEX relationship_target ON relationship(target_ref);

CREATE TABLE sighting (
  id              TEXT PRIMARY KEY,
  sighting_of_ref TEXT NOT NULL,
  count           INTEGER,
  first_seen      TEXT,
  last_seen       TEXT,
  tlp             INTEGER NOT NULL
);
CREATE INDEX sighting_of ON sighting(sighting_of_ref);

-- Marking definitions that state a TLP level (custom ids; the well-known TLP 1.0/2.0 ids need no row).
CREATE TABLE marking (
  id   TEXT PRIMARY KEY,
  tlp  INTEGER NOT NULL
);

-- Resumable TAXII pulls (TAXII 2.1 §3.4: added_after is the server's date_added of the last object received).
CREATE TABLE taxii_state (
  api_root     TEXT NOT NULL,
  collection   TEXT NOT NULL,
  added_after  TEXT,
  pulled       TEXT NOT NULL,
  PRIMARY KEY (api_root, collection)
);
