// SPDX-License-Identifier: MIT
/**
 * @file store.h
 * The SQLite database: documents, sentences, term occurrences, translations with their sentence
 * alignment and term confirmations, and the user's own termbase entries. The schema is in
 * src/store/schema.c and docs/architecture.md.
 *
 * The store is the database's one owner: every SQL statement of selaras is in src/store/, and
 * other modules ask typed questions (below) and hand over typed rows; SQLite does not show in
 * this header. Statements are prepared, never assembled from input.
 *
 * Every change is made inside a transaction: a document is stored whole or not at all; ingest
 * may put many documents in one transaction (src/ingest/ingest.h, batch mode). The database runs
 * in WAL mode with a busy timeout, so readers answer while one writer works and two writers take
 * turns. A store (and what is made from it) is used by one thread at a time: its connection
 * does not lock itself. Ownership as in core.h.
 */
#ifndef SEL_STORE_H
#define SEL_STORE_H

#include "src/core/core.h"

#include <stdint.h>

typedef struct sel_store sel_store;

/**
 * The database path to use: @p given if not NULL, else $SELARAS_DB, else
 * $XDG_DATA_HOME/selaras/selaras.db, else ~/.local/share/selaras/selaras.db. Newly allocated.
 */
char *sel_store_path(const char *given);

/**
 * Opens (with @p create, creating it and its folder) the database at @p path and brings its
 * schema up to date. Without @p create a missing database is SEL_ENOTFOUND. Before anything is
 * written the file is identified: an SQLite file of another program, or a schema version this
 * program does not know (negative, or newer), is refused and left exactly as it was. A database
 * this call created is removed again when opening fails. Without @p create, storage that cannot
 * be written is opened read-only (sel_store_read_only()); with it, it is refused with a message
 * that names the file or the folder at fault. A path is always a file name, never an SQLite URI.
 */
int sel_store_open(sel_store **out, sel_ctx *ctx, const char *path, bool create);
/**
 * Closes @p st (NULL is fine). A database that sel_store_open() created and nothing was committed
 * to after its schema is removed with its -wal and -shm files, so that a command that failed
 * leaves no new file behind; unless another connection committed to it or still has it open.
 */
void sel_store_close(sel_store *st);
/** The database's path as opened (so that an output can refuse to be it). */
const char *sel_store_file(const sel_store *st);
/**
 * Whether the database was opened read-only: a reader (@p create false) on storage it cannot
 * write gets the database as it is, without the full-text index catch-up.
 */
bool sel_store_read_only(const sel_store *st);
/** The schema version the database is at. */
int sel_store_version(sel_store *st);

/** BEGIN IMMEDIATE: takes the write lock now, waiting for another writer if needed. */
int sel_store_begin(sel_store *st, sel_ctx *ctx);
int sel_store_commit(sel_store *st, sel_ctx *ctx);
/** Rolls back; safe to call when no transaction is open. */
void sel_store_rollback(sel_store *st);
/**
 * Whether a transaction is open. After a failed write SQLite may have rolled the transaction
 * back on its own (a full disk, an I/O error): then this says false.
 */
bool sel_store_in_transaction(sel_store *st);
/** BEGIN (deferred): one consistent snapshot for a long read while others write; end it with sel_store_commit(). */
int sel_store_begin_read(sel_store *st, sel_ctx *ctx);

/** A 128-bit content hash as 32 hex digits (two FNV-1a 64 variants), for document identity. */
void sel_store_content_hash(const char *data, size_t len, char out[33]);
/**
 * The same hash over bytes that come in parts (a document read in pieces): init, add each part
 * in order, then hex gives what sel_store_content_hash() gives for all the parts at once.
 */
struct sel_content_hash {
    uint64_t a, b;
};
void sel_store_hash_init(struct sel_content_hash *h);
void sel_store_hash_add(struct sel_content_hash *h, const char *data, size_t len);
void sel_store_hash_hex(const struct sel_content_hash *h, char out[33]);

/**
 * A term occurrence's id is its sentence's id shifted left by this, plus its ordinal in the
 * sentence: the occurrences of sentence S are the ids in [S << shift, (S + 1) << shift).
 */
#define SEL_OCCURRENCE_ID_SHIFT 24

/* ---- Questions to the database ------------------------------------------------------------- */

/** Receives an example sentence and its aligned translation (NULL if none); false stops. */
typedef bool (*sel_example_fn)(void *user, const char *sentence, const char *translation, const char *path,
                               long number);

/**
 * The file the user concept @p id was imported from (its `source`), in @p out.
 * @return 1 when there is such a concept, 0 when there is none, or a negative status
 */
int sel_store_user_concept_source(sel_store *st, sel_ctx *ctx, const char *id, char *out, size_t size);

/** Up to @p max sentences in which @p concept_id occurs, those with a translation first. */
int sel_store_examples(sel_store *st, sel_ctx *ctx, const char *concept_id, size_t max, sel_example_fn emit,
                       void *user);

/**
 * Brings the full-text index of sentences up to date (it is not kept as sentences are stored,
 * to make ingest cheaper; the first full-text query after an ingest pays for it). Takes the
 * write lock briefly when there is anything to add.
 */
int sel_store_fts_catch_up(sel_store *st, sel_ctx *ctx);

/** Receives a user termbase entry: its concept, subject, matching term, whether curated, targets. */
typedef bool (*sel_user_term_fn)(void *user, const char *concept_id, const char *subject, const char *term,
                                 bool curated, const char *targets);

/**
 * The user's entries (imported with `selaras lexicon import`) with a @p lang term equal to
 * @p text (ignoring ASCII case), curated first; @p to_lang terms joined by " | " as targets.
 */
int sel_store_user_lookup(sel_store *st, sel_ctx *ctx, const char *lang, const char *to_lang, const char *text,
                          sel_user_term_fn emit, void *user);

/* ---- Merging shard databases (src/store/merge.c) ------------------------------------------- */

/** What sel_store_merge() did. */
struct sel_merge_report {
    size_t shards;        ///< shards merged
    size_t documents;     ///< source documents copied (with their translations)
    size_t unchanged;     ///< source documents skipped: the same content was already there
    size_t replaced;      ///< of those copied, how many replaced an older version under the same path
    size_t sentences;     ///< sentences of the source documents copied
    size_t occurrences;   ///< term occurrences copied
    size_t user_entries;  ///< user termbase entries copied
    size_t user_replaced; ///< of those, how many replaced a different entry of the same concept id
};

/**
 * Merges the shard databases @p shards (built by `selaras ingest`, of this schema version; opened
 * read-only, never changed) into @p out, as if their documents had been ingested into one
 * database in one run, shard after shard: a document whose content is already there is skipped,
 * one whose path is there with other content replaces it, ids are renumbered in order of first
 * appearance, and the user's termbase entries are unioned. A new @p out is written under a
 * temporary name beside it and appears only when complete; an existing one is merged into in one
 * transaction. Nothing is written if a shard is not a selaras database of this version.
 */
int sel_store_merge(sel_ctx *ctx, const char *out, const char *const *shards, size_t n,
                    struct sel_merge_report *report);

/* ---- Writing documents (src/store/doc_write.c) ---------------------------------------------- */

/**
 * What ingest writes: documents, paragraphs, sentences, term occurrences, concepts, beads and
 * confirmations, with its statements prepared once. Calls are made inside a transaction the
 * caller opened (sel_store_begin()). While a writer is open the database does not check foreign
 * keys: the rows a writer is given hang together by construction, and checking each costs about
 * a fifth of storage time; sel_doc_writer_free() turns the checks back on. One writer at a time.
 */
typedef struct sel_doc_writer sel_doc_writer;

int sel_doc_writer_new(sel_doc_writer **out, sel_ctx *ctx, sel_store *st);
void sel_doc_writer_free(sel_doc_writer *w);

/** The source document (not a translation) of @p lang with content hash @p hash in *id, 0 if none. */
int sel_doc_writer_find_hash(sel_doc_writer *w, sel_ctx *ctx, const char *hash, const char *lang, int64_t *id);
/**
 * The source document (not a translation) of @p lang stored from the file whose canonical path
 * (realpath()) is @p canonical, in *id, 0 if none; a document stored before schema v3, which
 * knows only the path as written, is found by @p path, the path as written now.
 */
int sel_doc_writer_find_path(sel_doc_writer *w, sel_ctx *ctx, const char *canonical, const char *path,
                             const char *lang, int64_t *id);
/** The content hash of document @p doc's translation into @p hash; *found false when it has none. */
int sel_doc_writer_translation_hash(sel_doc_writer *w, sel_ctx *ctx, int64_t doc, char hash[33], bool *found);
/** Deletes document @p doc, its translations and every row hanging from them. */
int sel_doc_writer_delete(sel_doc_writer *w, sel_ctx *ctx, int64_t doc);

struct sel_document_row {
    const char *path, *title;  ///< path as the user wrote it (shown in output); title may be NULL
    const char *lang;
    const char *hash;          ///< identity (sel_store_content_hash())
    int64_t bytes;
    int64_t translation_of;    ///< the source document, 0 for a source document
    const char *canonical_path; ///< the file's realpath(), its identity; NULL for standard input
};
int sel_doc_writer_document(sel_doc_writer *w, sel_ctx *ctx, const struct sel_document_row *d, int64_t *id);
/** Paragraph @p number (1-based) of @p doc: input line @p line, bytes [start, end). */
int sel_doc_writer_paragraph(sel_doc_writer *w, sel_ctx *ctx, int64_t doc, long number, long line, int64_t start,
                             int64_t end);

struct sel_sentence_row {
    int64_t document;
    long number, para;       ///< 1-based
    int64_t start, end;      ///< byte offsets into the document
    const char *text;        ///< @p len bytes
    size_t len;
    const char *boilerplate; ///< its kind, NULL for content
};
int sel_doc_writer_sentence(sel_doc_writer *w, sel_ctx *ctx, const struct sel_sentence_row *s, int64_t *id);
/** The @p n sentences @p rows, many to a statement; their row ids in @p ids (@p n of them). */
int sel_doc_writer_sentences(sel_doc_writer *w, sel_ctx *ctx, const struct sel_sentence_row *rows, size_t n,
                             int64_t *ids);

/** The row of concept @p name, made on first sight and cached. */
int sel_doc_writer_concept(sel_doc_writer *w, sel_ctx *ctx, const char *name, int64_t *row);
/** Forgets the cached concept rows: call after a rollback, which may have taken some away. */
void sel_doc_writer_forget(sel_doc_writer *w);
/**
 * Term occurrence @p id (its sentence's id << SEL_OCCURRENCE_ID_SHIFT, plus its ordinal) of
 * concept row @p concept at bytes [start, end) of the document, matched by termbase term @p term.
 */
int sel_doc_writer_mention(sel_doc_writer *w, sel_ctx *ctx, int64_t id, int64_t concept, int64_t start, int64_t end,
                           const char *term);

struct sel_mention_row {
    int64_t id;              ///< as sel_doc_writer_mention() says
    int64_t concept;         ///< the concept's row (sel_doc_writer_concept())
    int64_t start, end;      ///< byte offsets into the document
    const char *term;        ///< the termbase term that matched
};
/** The @p n occurrences @p rows, as sel_doc_writer_mention() stores one, many to a statement. */
int sel_doc_writer_mentions(sel_doc_writer *w, sel_ctx *ctx, const struct sel_mention_row *rows, size_t n);

struct sel_bead_row {
    int64_t document;         ///< the source document
    long number;              ///< 1-based
    long src_first, src_count; ///< first source sentence number (0: none) and how many
    long tgt_first, tgt_count; ///< the same in the translation
    double score;
};
int sel_doc_writer_bead(sel_doc_writer *w, sel_ctx *ctx, const struct sel_bead_row *b);
/** What the translation says of occurrence @p occurrence: @p status "confirmed", "unconfirmed" or "candidate". */
int sel_doc_writer_confirmation(sel_doc_writer *w, sel_ctx *ctx, int64_t occurrence, const char *status,
                                const char *target);

/* ---- Tagging stored documents again (src/store/retag_query.c) ------------------------------- */

/**
 * What `selaras retag` reads and clears, so that the stored term occurrences and confirmations
 * follow the current termbase; it writes them anew with a sel_doc_writer. Use inside the
 * caller's transaction (sel_store_begin()), with the writer open.
 */
typedef struct sel_retag_reader sel_retag_reader;
int sel_retag_reader_new(sel_retag_reader **out, sel_ctx *ctx, sel_store *st);
void sel_retag_reader_free(sel_retag_reader *r);

/** A stored sentence, borrowed for the call. */
struct sel_stored_sentence {
    int64_t id;
    long number, para;       ///< 1-based
    int64_t start, end;      ///< byte offsets into the document (its file's own bytes)
    const char *text;        ///< @p len bytes
    size_t len;
    bool boilerplate;
};
/** Receive a sentence or a bead; anything but SEL_OK stops and is returned. */
typedef int (*sel_stored_sentence_fn)(void *user, const struct sel_stored_sentence *s);
typedef int (*sel_stored_bead_fn)(void *user, const struct sel_bead_row *b);

/** Every source document of @p lang, in order, with its translation's id (0: none); the arrays are the caller's (free()). */
int sel_retag_documents(sel_retag_reader *r, sel_ctx *ctx, const char *lang, int64_t **ids, int64_t **translations,
                        size_t *n);
/** The sentences of document @p doc in order. */
int sel_retag_sentences(sel_retag_reader *r, sel_ctx *ctx, int64_t doc, sel_stored_sentence_fn emit, void *user);
/** The beads of source document @p doc in order. */
int sel_retag_beads(sel_retag_reader *r, sel_ctx *ctx, int64_t doc, sel_stored_bead_fn emit, void *user);
/** Deletes the term occurrences of document @p doc's sentences and their confirmations. */
int sel_retag_clear(sel_retag_reader *r, sel_ctx *ctx, int64_t doc);
/** Deletes the concept rows no occurrence refers to any more. */
int sel_retag_clear_concepts(sel_retag_reader *r, sel_ctx *ctx);

/* ---- The user's termbase entries (src/store/user_terms.c) ------------------------------------- */

struct sel_user_concept {
    const char *id, *subject, *definition, *note; ///< subject, definition, note may be NULL
    const char *source;       ///< the file it was imported from, or "added" / "discovered"
    bool curated;             ///< ranked as a termbase entry; false: general vocabulary (dictd)
    const char *origin;       ///< "imported" (NULL means this), "added" or "discovered"
    const char *added_at;     ///< ISO 8601 UTC; NULL when writing: now
    const char *evidence;     ///< what discovery saw (count, score, an example); may be NULL
    const char *cited_source; ///< TBX-Basic `source` of the concept; may be NULL
};
struct sel_user_term {
    const char *lang, *text;
    const char *pos, *type;   ///< may be NULL
    const char *status;       ///< NULL: "admitted"
    const char *context;      ///< TBX-Basic `context`: a sentence using the term; may be NULL
    const char *cited_source; ///< TBX-Basic `source` of the term; may be NULL
};

/** Stores user entries; inside the caller's transaction (sel_store_begin()). */
typedef struct sel_user_writer sel_user_writer;
int sel_user_writer_new(sel_user_writer **out, sel_ctx *ctx, sel_store *st);
void sel_user_writer_free(sel_user_writer *w);
/** Stores @p c, replacing a user concept of the same id with all its terms. */
int sel_user_writer_concept(sel_user_writer *w, sel_ctx *ctx, const struct sel_user_concept *c);
/** Adds term @p t to user concept @p concept_id. */
int sel_user_writer_term(sel_user_writer *w, sel_ctx *ctx, const char *concept_id, const struct sel_user_term *t);

/** Receive the user's entries: a concept, then its terms; anything but SEL_OK stops and is returned. */
typedef int (*sel_user_concept_fn)(void *user, const struct sel_user_concept *c);
typedef int (*sel_user_concept_term_fn)(void *user, const char *concept_id, const struct sel_user_term *t);
/** Every user concept in the order imported, each followed by its terms in their order. */
int sel_store_user_entries(sel_store *st, sel_ctx *ctx, sel_user_concept_fn concept, sel_user_concept_term_fn term,
                           void *user);

/** The same for the curated entries only (not general vocabulary), in one query: the user's termbase. */
int sel_store_user_termbase(sel_store *st, sel_ctx *ctx, sel_user_concept_fn concept, sel_user_concept_term_fn term,
                            void *user);

/**
 * Removes user concept @p id with its terms, or with @p lang and @p text only that term (the
 * concept goes too when it has no term left). Inside the caller's transaction.
 * @return the number of terms removed (0: nothing matched), or a negative status
 */
int sel_store_user_remove(sel_store *st, sel_ctx *ctx, const char *id, const char *lang, const char *text);

/** This user's verdict on one term of a bundled or user concept (`selaras term deprecate`). */
struct sel_term_override {
    const char *concept_id, *lang, *text;
    const char *status;   ///< "deprecated"
    const char *note;     ///< why; may be NULL
    const char *added_at; ///< set when read; NULL when writing: now
};
/** Sets (or replaces) the verdict on @p o's term; inside the caller's transaction. */
int sel_store_override_set(sel_store *st, sel_ctx *ctx, const struct sel_term_override *o);
/** Takes a verdict back. @return 1 when there was one, 0 when not, or a negative status */
int sel_store_override_remove(sel_store *st, sel_ctx *ctx, const char *concept_id, const char *lang,
                              const char *text);
typedef int (*sel_override_fn)(void *user, const struct sel_term_override *o);
/** Every verdict, oldest first. */
int sel_store_overrides(sel_store *st, sel_ctx *ctx, sel_override_fn emit, void *user);

/**
 * Remembers that a discovered candidate was rejected: @p keys is its lemma sequence
 * (SEL_KEY_SEP-joined, as the term index makes keys), @p text how it was shown.
 */
int sel_store_candidate_reject(sel_store *st, sel_ctx *ctx, const char *keys, const char *text);
typedef int (*sel_rejected_fn)(void *user, const char *keys, const char *text);
/** Every rejected candidate. */
int sel_store_rejected_candidates(sel_store *st, sel_ctx *ctx, sel_rejected_fn emit, void *user);

/* ---- Glossary questions (src/store/glossary_query.c) ------------------------------------------ */

/** A concept seen in the corpus, with its first occurrence. Strings borrowed for the call. */
struct sel_concept_count {
    const char *concept_id;
    long count;              ///< occurrences
    const char *term;        ///< the termbase term the first occurrence matched
    const char *sentence;    ///< the sentence holding it (NULL only in a damaged database)
    const char *path;        ///< its document (likewise)
    long number;             ///< the sentence's number in it
};
/** Receives a row; anything but SEL_OK stops and is returned. */
typedef int (*sel_concept_count_fn)(void *user, const struct sel_concept_count *c);
/** Every concept with at least @p min_count occurrences (source documents only have them). */
int sel_store_concept_counts(sel_store *st, sel_ctx *ctx, long min_count, sel_concept_count_fn emit, void *user);

/** Receives (concept, string, count) rows: a confirmed target or a surface form; non-SEL_OK stops. */
typedef int (*sel_concept_string_fn)(void *user, const char *concept_id, const char *text, long count);
/** How often each target was confirmed for each concept by aligned translations. */
int sel_store_confirmed_targets(sel_store *st, sel_ctx *ctx, sel_concept_string_fn emit, void *user);
/** The same for concept @p concept_id alone, read by its index: for a command that shows a few concepts. */
int sel_store_concept_confirmed(sel_store *st, sel_ctx *ctx, const char *concept_id, sel_concept_string_fn emit,
                                void *user);
/** The surface forms of each concept's occurrences, by concept, the most frequent first, then by text. */
int sel_store_concept_forms(sel_store *st, sel_ctx *ctx, sel_concept_string_fn emit, void *user);

/* ---- Concordance (src/store/concordance.c) --------------------------------------------------- */

/** A sentence found: @p start and @p end are the match's bytes in @p text, -1 when not known. */
struct sel_conc_row {
    const char *text;
    long start, end;
    const char *path;
    long number;
    int64_t document;
};
/** Receives a row or a sentence (borrowed for the call); false stops. */
typedef bool (*sel_conc_fn)(void *user, const struct sel_conc_row *row);
typedef bool (*sel_text_fn)(void *user, const char *text);

typedef struct sel_concordance sel_concordance;
int sel_concordance_new(sel_concordance **out, sel_ctx *ctx, sel_store *st);
void sel_concordance_free(sel_concordance *c);
/** The occurrences of @p concept_id in documents of @p lang, in document and sentence order. */
int sel_concordance_concept(sel_concordance *c, sel_ctx *ctx, const char *concept_id, const char *lang,
                            sel_conc_fn emit, void *user);
/**
 * The content sentences of @p lang documents holding @p words as a phrase (full-text index,
 * caught up first; @p words is a bound value, never SQL or query syntax).
 */
int sel_concordance_words(sel_concordance *c, sel_ctx *ctx, const char *words, const char *lang, sel_conc_fn emit,
                          void *user);
/** The translation's sentences aligned with sentence @p number of @p document, in order; *n says how many. */
int sel_concordance_aligned(sel_concordance *c, sel_ctx *ctx, int64_t document, long number, sel_text_fn emit,
                            void *user, size_t *n);

/* ---- A document with its translation (src/store/doc_read.c) -------------------------------- */

/** A sentence of a stored pair, its text owned (unlike sel_stored_sentence, borrowed for a call). */
struct sel_pair_sentence {
    long number;         ///< 1-based in its document
    char *text;          ///< owned, NUL-terminated, @p len bytes
    size_t len;
    bool boilerplate;
};
/** One side of a stored pair: its document's path and its sentences in order. */
struct sel_stored_side {
    char *path;
    struct sel_pair_sentence *sentences;
    size_t n;
};
/** A stored bead: sentence numbers are 1-based, first 0 with count 0 for a missing side. */
struct sel_stored_bead {
    long src_first, src_count, tgt_first, tgt_count;
    double score;
};
/** A source document (side[0]), its translation (side[1]) and their beads in order; owns everything. */
struct sel_stored_pair {
    struct sel_stored_side side[2];
    struct sel_stored_bead *beads;
    size_t n_beads;
};
/**
 * Reads source document @p document, its (first) translation and their alignment into @p out,
 * in one read transaction. SEL_ENOTFOUND when there is no such document, when it is itself a
 * translation, or when it has no translation. Release @p out with sel_stored_pair_finish().
 */
int sel_store_document_pair(struct sel_stored_pair *out, sel_ctx *ctx, sel_store *st, int64_t document);
void sel_stored_pair_finish(struct sel_stored_pair *p);

/* ---- Beads for parallel export (src/store/beads.c) ------------------------------------------- */

struct sel_bead_sentence {
    int64_t id;
    long number;         ///< in its document, 1-based
    long start;          ///< byte offset in its document
    const char *text;
    size_t len;
    bool boilerplate;
};
/** A term occurrence of a bead's source side: @p sentence indexes the bead's source sentences. */
struct sel_bead_term {
    size_t sentence;
    const char *concept_id;
    long start, end;      ///< byte offsets in the document
    const char *surface;
    const char *target;   ///< the confirmed equivalent (the first by text), or NULL
};
/** A bead with its sentences (and terms), borrowed until the next sel_bead_cursor_next(). */
struct sel_bead_view {
    int64_t document, translation; ///< translation 0: none
    long number;
    long src_first, src_count, tgt_first, tgt_count; ///< counts 0 for a missing side
    double score;
    const struct sel_bead_sentence *src, *tgt;
    size_t n_src, n_tgt;
    const struct sel_bead_term *terms;
    size_t n_terms;
};

/**
 * Every bead in document order, each with its sentences and (with @p terms) its source term
 * occurrences ordered by position. The beads, the sentences of both sides and the occurrences are
 * read by cursors walked side by side, not a query per bead, in one read transaction (a
 * consistent snapshot while an ingest writes) with a small page cache (each page is read once).
 */
typedef struct sel_bead_cursor sel_bead_cursor;
int sel_bead_cursor_open(sel_bead_cursor **out, sel_ctx *ctx, sel_store *st, bool terms);
/** The next bead, or *bead NULL at the end. */
int sel_bead_cursor_next(sel_bead_cursor *c, sel_ctx *ctx, const struct sel_bead_view **bead);
/** Ends the read and frees @p c (NULL is fine). */
void sel_bead_cursor_close(sel_bead_cursor *c);

/**
 * A set of 64-bit hashes kept in a temporary table of the database, so that memory does not
 * grow with it (the duplicate filter of parallel export). Its table is made and dropped on the
 * connection: make it before, and free it after, any cursor it is used with.
 */
typedef struct sel_hash_set sel_hash_set;
int sel_hash_set_new(sel_hash_set **out, sel_ctx *ctx, sel_store *st);
/** Adds @p hash; *added false when it was there already. */
int sel_hash_set_add(sel_hash_set *s, sel_ctx *ctx, uint64_t hash, bool *added);
void sel_hash_set_free(sel_hash_set *s);

#endif
