-- Kagami indicator store, schema version 2: one TAXII resume point per collection and filter.
-- TAXII 2.1 §3.4.1 match[type] / match[id] / match[version]: a pull of only the indicators of a collection must not
-- move the resume point of a pull of the whole collection (it would skip the other objects added before it).
-- filter is ObjectFilter.key(): '' for no filter, else e.g. 'match[type]=indicator,malware'.

CREATE TABLE taxii_position (
  api_root     TEXT NOT NULL,
  collection   TEXT NOT NULL,
  filter       TEXT NOT NULL,
  added_after  TEXT,
  pulled       TEXT NOT NULL,
  PRIMARY KEY (api_root, collection, filter)
) WITHOUT ROWID;

INSERT INTO taxii_position(api_root, collection, filter, added_after, pulled)
  SELECT api_root, collection, '', added_after, pulled FROM taxii_state;

DROP TABLE taxii_state;
