// SPDX-License-Identifier: MIT
// The database schema, one migration per version, applied in order inside one transaction and
// tracked with PRAGMA user_version. Never edit a released migration: add the next one.
#include "src/store/store_internal.h"

// The SQL here and in ingest.c spells the shift out.
_Static_assert(SEL_OCCURRENCE_ID_SHIFT == 24, "occurrence ids: update the schema and ingest SQL");

const char *const sel_store_migrations[] = {
    // 1: documents, their sentences and term occurrences; the user's own termbase entries;
    //    translations, sentence alignment beads and term confirmations.
    "CREATE TABLE document ("
    "  id INTEGER PRIMARY KEY,"
    "  path TEXT NOT NULL,"                 // as the user named it
    "  title TEXT,"
    "  lang TEXT NOT NULL,"
    "  content_hash TEXT NOT NULL,"         // of the bytes ingested; identical content is not stored twice
    "  bytes INTEGER NOT NULL,"
    "  translation_of INTEGER REFERENCES document(id) ON DELETE CASCADE,"
    "  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ");"
    "CREATE INDEX document_path ON document(path, lang);"
    "CREATE INDEX document_hash ON document(content_hash);"
    "CREATE INDEX document_translation ON document(translation_of);"
    "CREATE TABLE paragraph ("
    "  document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,"
    "  number INTEGER NOT NULL,"            // 1-based, counting non-blank lines
    "  line INTEGER NOT NULL,"
    "  start INTEGER NOT NULL,"             // byte offsets into the document, end exclusive
    "  end INTEGER NOT NULL,"
    "  PRIMARY KEY (document_id, number)"
    ") WITHOUT ROWID;"
    "CREATE TABLE sentence ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT," // never reused: the full-text index is caught up by id
    "  document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,"
    "  number INTEGER NOT NULL,"            // 1-based in the document
    "  para INTEGER NOT NULL,"
    "  start INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  text TEXT NOT NULL,"
    "  boilerplate TEXT,"                   // NULL for content, else the kind (caption, credit, ...)
    "  UNIQUE (document_id, number)"
    ");"
    // The full-text index serves only the concordance of words that are not terms, and keeping
    // it up to date as sentences are stored would be about 40% of what an ingest spends on
    // storage. So it is caught up on first use (sel_store_fts_catch_up()): fts_progress says
    // up to which sentence it holds, and only those are deleted from it.
    "CREATE VIRTUAL TABLE sentence_fts USING fts5(text, content='sentence', content_rowid='id', columnsize=0);"
    "CREATE TABLE fts_progress (only INTEGER PRIMARY KEY CHECK (only = 1), last_sentence INTEGER NOT NULL);"
    "INSERT INTO fts_progress VALUES (1, 0);"
    "CREATE TRIGGER sentence_fts_delete AFTER DELETE ON sentence"
    "  WHEN old.id <= (SELECT last_sentence FROM fts_progress) BEGIN"
    "  INSERT INTO sentence_fts(sentence_fts, rowid, text) VALUES ('delete', old.id, old.text);"
    "END;"
    // Term occurrences are the largest table by far: the concept is an integer (concept.name
    // holds its id) and the surface is read from the sentence, so a row is small. The view
    // `occurrence` gives them the readable shape queries use.
    "CREATE TABLE concept ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE"           // a concept id of the bundled termbase or user_concept.id
    ");"
    "CREATE TABLE mention ("
    "  id INTEGER PRIMARY KEY,"
    "  sentence_id INTEGER NOT NULL REFERENCES sentence(id) ON DELETE CASCADE,"
    "  concept INTEGER NOT NULL REFERENCES concept(id),"
    "  start INTEGER NOT NULL,"             // byte offsets into the document
    "  end INTEGER NOT NULL,"
    "  term TEXT NOT NULL"                  // the termbase term whose lemmas matched
    ");"
    "CREATE INDEX mention_sentence ON mention(sentence_id);"
    "CREATE INDEX mention_concept ON mention(concept);"
    "CREATE VIEW occurrence (id, sentence_id, concept_id, start, end, surface, term) AS"
    "  SELECT m.id, m.sentence_id, c.name, m.start, m.end,"
    "         CAST(substr(CAST(s.text AS BLOB), m.start - s.start + 1, m.end - m.start) AS TEXT), m.term"
    "  FROM mention m JOIN concept c ON c.id = m.concept JOIN sentence s ON s.id = m.sentence_id;"
    "CREATE TABLE user_concept ("
    "  id TEXT PRIMARY KEY,"
    "  subject TEXT,"
    "  definition TEXT,"
    "  note TEXT,"
    "  source TEXT NOT NULL,"               // the file it was imported from
    "  curated INTEGER NOT NULL DEFAULT 0"  // 1: ranked as the curated termbase, 0: general vocabulary
    ");"
    "CREATE TABLE user_term ("
    "  id INTEGER PRIMARY KEY,"
    "  concept_id TEXT NOT NULL REFERENCES user_concept(id) ON DELETE CASCADE,"
    "  lang TEXT NOT NULL,"
    "  text TEXT NOT NULL,"
    "  pos TEXT,"
    "  type TEXT,"
    "  status TEXT NOT NULL DEFAULT 'admitted'"
    ");"
    "CREATE INDEX user_term_text ON user_term(lang, text COLLATE NOCASE);"
    "CREATE INDEX user_term_concept ON user_term(concept_id);"
    "CREATE TABLE bead ("
    "  document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE," // the source side
    "  number INTEGER NOT NULL,"
    "  src_first INTEGER,"                  // first source sentence number, NULL if none
    "  src_count INTEGER NOT NULL,"
    "  tgt_first INTEGER,"                  // first sentence number of the translation
    "  tgt_count INTEGER NOT NULL,"
    "  score REAL NOT NULL,"
    "  PRIMARY KEY (document_id, number)"
    ") WITHOUT ROWID;"
    "CREATE TABLE confirmation ("
    "  occurrence_id INTEGER NOT NULL REFERENCES mention(id) ON DELETE CASCADE,"
    "  status TEXT NOT NULL CHECK (status IN ('confirmed', 'unconfirmed', 'candidate')),"
    "  target TEXT NOT NULL,"               // the English term or candidate
    "  PRIMARY KEY (occurrence_id, status, target)"
    ") WITHOUT ROWID;",

    // 2: an occurrence's id says where it is: its sentence's id times 2^24 plus its ordinal in
    //    the sentence (SEL_OCCURRENCE_ID_SHIFT). The occurrences of a sentence are then one range
    //    of the table's own key, so the index on mention(sentence_id) and the column go: a third
    //    of the b-tree inserts an ingest made per occurrence, and a tenth of the database.
    "DROP VIEW occurrence;"
    "CREATE TEMP TABLE mention_renumbered AS"
    "  SELECT id AS old, (sentence_id << 24) + row_number() OVER (PARTITION BY sentence_id ORDER BY id) - 1 AS new"
    "  FROM mention;"
    "CREATE TABLE mention_v2 ("
    "  id INTEGER PRIMARY KEY,"             // sentence id << 24 | ordinal in the sentence
    "  concept INTEGER NOT NULL REFERENCES concept(id),"
    "  start INTEGER NOT NULL,"             // byte offsets into the document
    "  end INTEGER NOT NULL,"
    "  term TEXT NOT NULL"                  // the termbase term whose lemmas matched
    ");"
    "INSERT INTO mention_v2 SELECT r.new, m.concept, m.start, m.end, m.term"
    "  FROM mention m JOIN mention_renumbered r ON r.old = m.id;"
    "CREATE TABLE confirmation_v2 ("
    "  occurrence_id INTEGER NOT NULL REFERENCES mention_v2(id) ON DELETE CASCADE,"
    "  status TEXT NOT NULL CHECK (status IN ('confirmed', 'unconfirmed', 'candidate')),"
    "  target TEXT NOT NULL,"
    "  PRIMARY KEY (occurrence_id, status, target)"
    ") WITHOUT ROWID;"
    "INSERT INTO confirmation_v2 SELECT r.new, c.status, c.target"
    "  FROM confirmation c JOIN mention_renumbered r ON r.old = c.occurrence_id;"
    "DROP TABLE confirmation;"
    "DROP TABLE mention;"
    "DROP TABLE temp.mention_renumbered;"
    "ALTER TABLE mention_v2 RENAME TO mention;" // also renames the reference in confirmation_v2
    "ALTER TABLE confirmation_v2 RENAME TO confirmation;"
    "CREATE INDEX mention_concept ON mention(concept);"
    "CREATE VIEW occurrence (id, sentence_id, concept_id, start, end, surface, term) AS"
    "  SELECT m.id, m.id >> 24, c.name, m.start, m.end,"
    "         CAST(substr(CAST(s.text AS BLOB), m.start - s.start + 1, m.end - m.start) AS TEXT), m.term"
    "  FROM mention m JOIN concept c ON c.id = m.concept JOIN sentence s ON s.id = m.id >> 24;",

    // 3: the user's termbase as first-class entries (`selaras term`), and a document's identity
    //    by its canonical path.
    //    - document.canonical_path: the absolute path with symbolic links, `.` and `..` resolved,
    //      so `a.txt` and `./a.txt` are one document; `path` stays as the user wrote it, for output.
    //    - user_concept.origin says how an entry came: 'imported' (lexicon import, `source` the
    //      file), 'added' (term add) or 'discovered' (term accept, `evidence` says what was seen);
    //      added_at when. cited_source and user_term's context/cited_source are TBX-Basic's
    //      `source` and `context` data categories.
    //    - term_override: this user's verdict on a term of the bundled or the user termbase
    //      (status 'deprecated' today), applied over the termbase whenever it is loaded.
    //    - rejected_candidate: what `term reject` said no to, by its key (lowercased lemma
    //      sequence), so `discover` never proposes it again.
    "ALTER TABLE document ADD COLUMN canonical_path TEXT;"
    "UPDATE document SET canonical_path = path;"
    "CREATE INDEX document_canonical ON document(canonical_path, lang);"
    "ALTER TABLE user_concept ADD COLUMN origin TEXT NOT NULL DEFAULT 'imported'"
    "  CHECK (origin IN ('imported', 'added', 'discovered'));"
    "ALTER TABLE user_concept ADD COLUMN added_at TEXT;"
    "ALTER TABLE user_concept ADD COLUMN evidence TEXT;"
    "ALTER TABLE user_concept ADD COLUMN cited_source TEXT;"
    "ALTER TABLE user_term ADD COLUMN context TEXT;"
    "ALTER TABLE user_term ADD COLUMN cited_source TEXT;"
    "CREATE TABLE term_override ("
    "  concept_id TEXT NOT NULL,"           // bundled or user concept id
    "  lang TEXT NOT NULL,"
    "  text TEXT NOT NULL,"                 // the term as the termbase writes it
    "  status TEXT NOT NULL CHECK (status IN ('deprecated')),"
    "  note TEXT,"
    "  added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  PRIMARY KEY (concept_id, lang, text)"
    ") WITHOUT ROWID;"
    "CREATE TABLE rejected_candidate ("
    "  keys TEXT PRIMARY KEY,"              // lowercased lemmas joined by U+001F (SEL_KEY_SEP)
    "  text TEXT NOT NULL,"                 // as proposed, for the user to read
    "  rejected_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ") WITHOUT ROWID;",
};

const int sel_store_schema_version = (int)(sizeof(sel_store_migrations) / sizeof(sel_store_migrations[0]));
