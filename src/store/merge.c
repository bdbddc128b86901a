// SPDX-License-Identifier: MIT
// selaras merge: shard databases (built by `selaras ingest`, say one per task of a Slurm job
// array) combined into one, as if their documents had been ingested in one run in the order the
// shards are given. Each shard is attached read-only; its source documents are visited in the
// order they were stored and treated as ingest treats a document: the same content (and
// language) already merged is skipped, an older version under the same path is replaced, else
// the document, its translation and everything hanging from them are copied with new ids.
// Nothing else is stored that could need recomputing: counts are counted from the occurrences
// when asked, and confirmations belong to one occurrence and the beads of its own document, so
// they are copied with their occurrence's new id.
#include "src/store/store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

// The statements of one shard. Their text names the shard's schema "@", replaced by the alias
// it is attached under (s0, s1, ...): aliases are ours, never input.
enum merge_stmt {
    SHARD_DOCS, FIND_HASH, FIND_PATH,
    DELETE_CONF, DELETE_MENTION, DELETE_SENT, DELETE_PARA, DELETE_BEAD, DELETE_DOC,
    DOC_FAMILY, COPY_DOC, COPY_PARA, COPY_SENT, COPY_CONCEPTS, COPY_MENTION, COPY_CONF, COPY_BEAD,
    USER_CONCEPTS, DELETE_USER_TERMS, DELETE_USER_CONCEPT, COPY_USER_CONCEPT, COPY_USER_TERMS, COPY_VERDICTS,
    COPY_REJECTED, N_MERGE_STMTS
};

// An occurrence's id is its sentence's id << 24 plus its ordinal (SEL_OCCURRENCE_ID_SHIFT): the
// occurrences and confirmations of a sentence are one range of their table's key, and a copy
// keeps the ordinal (the low 24 bits) under the sentence's new id.
_Static_assert(SEL_OCCURRENCE_ID_SHIFT == 24, "occurrence ids: update the merge SQL");

static const char *const merge_sql[N_MERGE_STMTS] = {
    // the shard's source documents in the order it stored them
    [SHARD_DOCS] = "SELECT id, content_hash, lang, canonical_path, path FROM @.document WHERE translation_of IS NULL "
                   "ORDER BY id",
    // the identity ingest uses: content (and language), then the file, by its canonical path (a
    // document from standard input has none); a row stored before schema v3 has its path as
    // written for a canonical path, and is found by that spelling (?3) as before
    [FIND_HASH] = "SELECT id FROM main.document WHERE content_hash = ?1 AND lang = ?2 AND translation_of IS NULL",
    // (the canonical-path index searched, not the translation_of one: see doc_write.c)
    [FIND_PATH] = "SELECT id FROM main.document WHERE canonical_path IN (?1, ?3) AND lang = ?2 "
                  "AND +translation_of IS NULL AND (canonical_path = ?1 OR (path = ?3 AND ?3 <> '-')) "
                  "ORDER BY id LIMIT 1",
    // Replacing a document: the cascade spelt out, children first (foreign keys are off while
    // merging, as while ingesting; mention has no key to cascade from).
    [DELETE_CONF] = "DELETE FROM main.confirmation WHERE occurrence_id IN (SELECT m.id FROM main.document d "
                    "JOIN main.sentence s ON s.document_id = d.id "
                    "JOIN main.mention m ON m.id >= s.id << 24 AND m.id < (s.id + 1) << 24 "
                    "WHERE d.id = ?1 OR d.translation_of = ?1)",
    [DELETE_MENTION] = "DELETE FROM main.mention WHERE id IN (SELECT m.id FROM main.document d "
                       "JOIN main.sentence s ON s.document_id = d.id "
                       "JOIN main.mention m ON m.id >= s.id << 24 AND m.id < (s.id + 1) << 24 "
                       "WHERE d.id = ?1 OR d.translation_of = ?1)",
    [DELETE_SENT] = "DELETE FROM main.sentence WHERE document_id IN "
                    "(SELECT id FROM main.document WHERE id = ?1 OR translation_of = ?1)",
    [DELETE_PARA] = "DELETE FROM main.paragraph WHERE document_id IN "
                    "(SELECT id FROM main.document WHERE id = ?1 OR translation_of = ?1)",
    [DELETE_BEAD] = "DELETE FROM main.bead WHERE document_id = ?1",
    [DELETE_DOC] = "DELETE FROM main.document WHERE id = ?1 OR translation_of = ?1",
    // a source document and its translation, in the order they were stored (source first)
    [DOC_FAMILY] = "SELECT id FROM @.document WHERE id = ?1 OR translation_of = ?1 ORDER BY id",
    // ?1 the shard's document, ?2 the new id of its source (for a translation)
    [COPY_DOC] = "INSERT INTO main.document (path, title, lang, content_hash, bytes, translation_of, ingested_at, "
                 "canonical_path) "
                 "SELECT path, title, lang, content_hash, bytes, CASE WHEN translation_of IS NULL THEN NULL ELSE ?2 END, "
                 "ingested_at, canonical_path FROM @.document WHERE id = ?1",
    // ?1 the shard's document, ?2 its new id
    [COPY_PARA] = "INSERT INTO main.paragraph (document_id, number, line, start, end) "
                  "SELECT ?2, number, line, start, end FROM @.paragraph WHERE document_id = ?1 ORDER BY number",
    // in sentence order, so new ids follow one another as an ingest's do
    [COPY_SENT] = "INSERT INTO main.sentence (document_id, number, para, start, end, text, boilerplate) "
                  "SELECT ?2, number, para, start, end, text, boilerplate FROM @.sentence WHERE document_id = ?1 "
                  "ORDER BY number",
    // concepts new to the merged database, in the order the document first mentions them (as ingest
    // makes their rows)
    [COPY_CONCEPTS] = "INSERT OR IGNORE INTO main.concept (name) SELECT c.name FROM @.sentence s "
                      "JOIN @.mention m ON m.id >= s.id << 24 AND m.id < (s.id + 1) << 24 "
                      "JOIN @.concept c ON c.id = m.concept WHERE s.document_id = ?1 ORDER BY m.id",
    [COPY_MENTION] = "INSERT INTO main.mention (id, concept, start, end, term) "
                     "SELECT (n.id << 24) + (m.id & 16777215), mc.id, m.start, m.end, m.term FROM @.sentence s "
                     "JOIN main.sentence n ON n.document_id = ?2 AND n.number = s.number "
                     "JOIN @.mention m ON m.id >= s.id << 24 AND m.id < (s.id + 1) << 24 "
                     "JOIN @.concept c ON c.id = m.concept JOIN main.concept mc ON mc.name = c.name "
                     "WHERE s.document_id = ?1 ORDER BY 1",
    [COPY_CONF] = "INSERT INTO main.confirmation (occurrence_id, status, target) "
                  "SELECT (n.id << 24) + (f.occurrence_id & 16777215), f.status, f.target FROM @.sentence s "
                  "JOIN main.sentence n ON n.document_id = ?2 AND n.number = s.number "
                  "JOIN @.confirmation f ON f.occurrence_id >= s.id << 24 AND f.occurrence_id < (s.id + 1) << 24 "
                  "WHERE s.document_id = ?1 ORDER BY 1, 2, 3",
    [COPY_BEAD] = "INSERT INTO main.bead (document_id, number, src_first, src_count, tgt_first, tgt_count, score) "
                  "SELECT ?2, number, src_first, src_count, tgt_first, tgt_count, score FROM @.bead "
                  "WHERE document_id = ?1 ORDER BY number",
    // The user's entries: one already merged is kept if the shard's is the same entry (fields and
    // terms), else replaced by the shard's, as importing it again would.
    [USER_CONCEPTS] =
        "SELECT s.id, EXISTS (SELECT 1 FROM main.user_concept WHERE id = s.id), "
        "EXISTS (SELECT 1 FROM main.user_concept m WHERE m.id = s.id AND m.subject IS s.subject "
        "  AND m.definition IS s.definition AND m.note IS s.note AND m.source IS s.source AND m.curated IS s.curated "
        "  AND m.origin IS s.origin AND m.evidence IS s.evidence AND m.cited_source IS s.cited_source "
        "  AND (SELECT json_group_array(json_array(lang, text, pos, type, status, context, cited_source)) FROM "
        "       (SELECT * FROM main.user_term WHERE concept_id = s.id ORDER BY id)) IS "
        "      (SELECT json_group_array(json_array(lang, text, pos, type, status, context, cited_source)) FROM "
        "       (SELECT * FROM @.user_term WHERE concept_id = s.id ORDER BY id))) "
        "FROM @.user_concept s ORDER BY s.rowid",
    [DELETE_USER_TERMS] = "DELETE FROM main.user_term WHERE concept_id = ?1",
    [DELETE_USER_CONCEPT] = "DELETE FROM main.user_concept WHERE id = ?1",
    [COPY_USER_CONCEPT] = "INSERT INTO main.user_concept (id, subject, definition, note, source, curated, origin, "
                          "added_at, evidence, cited_source) SELECT id, subject, definition, note, source, curated, "
                          "origin, added_at, evidence, cited_source FROM @.user_concept WHERE id = ?1",
    [COPY_USER_TERMS] = "INSERT INTO main.user_term (concept_id, lang, text, pos, type, status, context, cited_source) "
                        "SELECT concept_id, lang, text, pos, type, status, context, cited_source FROM @.user_term "
                        "WHERE concept_id = ?1 ORDER BY id",
    // The user's verdicts on terms: a later shard's verdict on the same term wins, as a later
    // `term deprecate` would; rejected candidates are a union.
    [COPY_VERDICTS] = "INSERT OR REPLACE INTO main.term_override (concept_id, lang, text, status, note, added_at) "
                      "SELECT concept_id, lang, text, status, note, added_at FROM @.term_override ORDER BY 1, 2, 3",
    [COPY_REJECTED] = "INSERT OR IGNORE INTO main.rejected_candidate (keys, text, rejected_at) "
                      "SELECT keys, text, rejected_at FROM @.rejected_candidate ORDER BY 1",
};

struct shard {
    const char *path;     // as the user named it
    char alias[8];        // the schema name it is attached under
    sqlite3_stmt *stmt[N_MERGE_STMTS];
};

struct merger {
    sel_store *st;
    sel_ctx *ctx;
    struct sel_merge_report *report;
};

/* ---- checking a shard ---------------------------------------------------------------------- */

// An error about the database at @p path: "PATH: message".
static int refuse(sel_ctx *ctx, const char *path, int status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int refuse(sel_ctx *ctx, const char *path, int status, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return sel_error_at(ctx, status, (struct sel_location){ path, 0, 0 }, "%s", msg);
}

// A shard must be a selaras database of this schema version: checked on a connection of its
// own, read-only, before anything is written.
static int check_database(sel_ctx *ctx, const char *path, bool any_older_version)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return refuse(ctx, path, errno == ENOENT ? SEL_ENOTFOUND : SEL_EIO, "cannot open: %s", strerror(errno));
    if (S_ISDIR(sb.st_mode))
        return refuse(ctx, path, SEL_EIO, "is a directory, not a database");
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    int status = SEL_OK;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                                    "('document', 'paragraph', 'sentence', 'concept', 'mention', 'bead', "
                                    "'confirmation', 'user_concept', 'user_term')",
                                -1, &q, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(q);
    if (rc != SQLITE_ROW) {
        status = rc == SQLITE_NOTADB ? refuse(ctx, path, SEL_EPARSE, "not an SQLite database")
                                     : refuse(ctx, path, SEL_ESQLITE, "cannot read the database: %s",
                                              db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        goto done;
    }
    int tables = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    q = NULL;
    int version = -1;
    rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(q);
    if (rc != SQLITE_ROW) {
        status = refuse(ctx, path, SEL_ESQLITE, "cannot read the database: %s", sqlite3_errmsg(db));
        goto done;
    }
    version = sqlite3_column_int(q, 0);
    if (tables != 9 || version < 1) {
        status = refuse(ctx, path, SEL_EPARSE, "an SQLite database, but not one of selaras");
    } else if (version > sel_store_schema_version || (version < sel_store_schema_version && !any_older_version)) {
        char detail[160];
        snprintf(detail, sizeof(detail), "%d; this selaras merges version %d only%s", version,
                 sel_store_schema_version,
                 version < sel_store_schema_version
                     ? " (any command of this selaras on it, e.g. 'selaras glossary --db SHARD', upgrades it)"
                     : " (merge with the selaras that built it)");
        status = refuse(ctx, path, SEL_EPARSE, "schema version %s", detail);
    }
done:
    sqlite3_finalize(q);
    sqlite3_close_v2(db);
    return status;
}

// "file:" URI of @p path that opens it read-only: the absolute path with %, ? and # escaped.
static int readonly_uri(sel_ctx *ctx, const char *path, char *out, size_t size)
{
    char abs[PATH_MAX];
    if (!realpath(path, abs))
        return refuse(ctx, path, SEL_EIO, "cannot open: %s", strerror(errno));
    size_t n = (size_t)snprintf(out, size, "file:");
    for (const char *p = abs; *p && n + 4 < size; p++) {
        if (*p == '%' || *p == '?' || *p == '#')
            n += (size_t)snprintf(out + n, size - n, "%%%02X", (unsigned char)*p);
        else
            out[n++] = *p;
    }
    if (n + 16 >= size)
        return refuse(ctx, path, SEL_EINVAL, "path too long");
    snprintf(out + n, size - n, "?mode=ro");
    return SEL_OK;
}

/* ---- copying ------------------------------------------------------------------------------- */

// Steps @p s (which returns no row) and resets it.
static int run(struct merger *m, sqlite3_stmt *s)
{
    int rc = store_step(m->st, m->ctx, s, "writing");
    sqlite3_reset(s);
    return rc;
}

static int run_ids(struct merger *m, sqlite3_stmt *s, int64_t a, int64_t b)
{
    sqlite3_bind_int64(s, 1, a);
    if (sqlite3_bind_parameter_count(s) >= 2)
        sqlite3_bind_int64(s, 2, b);
    return run(m, s);
}

// The id of the row @p s finds for (@p key, @p lang, and @p spelling when not NULL) in *id, 0 if
// none. A NULL @p key finds nothing (a document from standard input has no path identity).
static int find(struct merger *m, sqlite3_stmt *s, const unsigned char *key, const unsigned char *lang,
                const unsigned char *spelling, int64_t *id)
{
    *id = 0;
    if (!key)
        return SEL_OK;
    sqlite3_bind_text(s, 1, (const char *)key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, (const char *)lang, -1, SQLITE_TRANSIENT);
    if (spelling)
        sqlite3_bind_text(s, 3, (const char *)spelling, -1, SQLITE_TRANSIENT);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    int rc = step == SQLITE_ROW || step == SQLITE_DONE ? SEL_OK : sel_store_fail(m->st, m->ctx, step, "finding a document");
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc;
}

// Copies document @p old of the shard (and, for a source, nothing else: its translation is
// another call) under a new id; @p source is the new id of its source document, 0 for a source.
static int copy_document(struct merger *m, struct shard *sh, int64_t old, int64_t source, int64_t *new_id)
{
    int rc = run_ids(m, sh->stmt[COPY_DOC], old, source);
    if (rc != SEL_OK)
        return rc;
    *new_id = sqlite3_last_insert_rowid(m->st->db);
    enum merge_stmt steps[] = { COPY_PARA, COPY_SENT, COPY_CONCEPTS, COPY_MENTION, COPY_CONF, COPY_BEAD };
    size_t n_steps = sizeof(steps) / sizeof(steps[0]) - (source != 0); // beads hang from the source
    for (size_t i = 0; rc == SEL_OK && i < n_steps; i++) {
        rc = run_ids(m, sh->stmt[steps[i]], old, *new_id);
        size_t rows = (size_t)sqlite3_changes(m->st->db);
        if (!source && steps[i] == COPY_SENT)
            m->report->sentences += rows;
        else if (steps[i] == COPY_MENTION)
            m->report->occurrences += rows;
    }
    return rc;
}

// One source document of the shard, as ingest would take it: skipped, replacing, or new.
static int merge_document(struct merger *m, struct shard *sh, sqlite3_stmt *doc)
{
    int64_t old = sqlite3_column_int64(doc, 0);
    const unsigned char *hash = sqlite3_column_text(doc, 1), *lang = sqlite3_column_text(doc, 2),
                        *canonical = sqlite3_column_text(doc, 3), *path = sqlite3_column_text(doc, 4);
    int64_t same = 0, replaced = 0;
    int rc = find(m, sh->stmt[FIND_HASH], hash, lang, NULL, &same);
    if (rc != SEL_OK)
        return rc;
    if (same) {
        m->report->unchanged++;
        return SEL_OK;
    }
    if (canonical && strcmp((const char *)canonical, "-") == 0) // standard input, stored before schema v3
        canonical = NULL;
    rc = find(m, sh->stmt[FIND_PATH], canonical, lang, path, &replaced);
    for (enum merge_stmt k = DELETE_CONF; replaced && rc == SEL_OK && k <= DELETE_DOC; k++)
        rc = run_ids(m, sh->stmt[k], replaced, 0);
    m->report->replaced += replaced != 0;
    sqlite3_stmt *family = sh->stmt[DOC_FAMILY];
    sqlite3_bind_int64(family, 1, old);
    int64_t source = 0;
    int step = SQLITE_ROW;
    while (rc == SEL_OK && (step = sqlite3_step(family)) == SQLITE_ROW) {
        int64_t member = sqlite3_column_int64(family, 0), new_id = 0;
        rc = copy_document(m, sh, member, member == old ? 0 : source, &new_id);
        if (member == old)
            source = new_id;
    }
    if (rc == SEL_OK && step != SQLITE_DONE)
        rc = sel_store_fail(m->st, m->ctx, step, "reading a shard");
    sqlite3_reset(family);
    m->report->documents += rc == SEL_OK;
    return rc;
}

static int merge_user_entries(struct merger *m, struct shard *sh)
{
    sqlite3_stmt *q = sh->stmt[USER_CONCEPTS];
    int rc = SEL_OK, step;
    while (rc == SEL_OK && (step = sqlite3_step(q)) == SQLITE_ROW) {
        bool present = sqlite3_column_int(q, 1), same = sqlite3_column_int(q, 2);
        if (same)
            continue;
        const char *id = (const char *)sqlite3_column_text(q, 0);
        enum merge_stmt steps[] = { DELETE_USER_TERMS, DELETE_USER_CONCEPT, COPY_USER_CONCEPT, COPY_USER_TERMS };
        for (size_t i = present ? 0 : 2; rc == SEL_OK && i < sizeof(steps) / sizeof(steps[0]); i++) {
            sqlite3_bind_text(sh->stmt[steps[i]], 1, id, -1, SQLITE_TRANSIENT);
            rc = run(m, sh->stmt[steps[i]]);
        }
        m->report->user_entries += rc == SEL_OK;
        m->report->user_replaced += rc == SEL_OK && present;
    }
    if (rc == SEL_OK && step != SQLITE_DONE)
        rc = sel_store_fail(m->st, m->ctx, step, "reading a shard's user entries");
    sqlite3_reset(q);
    if (rc == SEL_OK)
        rc = run(m, sh->stmt[COPY_VERDICTS]);
    if (rc == SEL_OK)
        rc = run(m, sh->stmt[COPY_REJECTED]);
    return rc;
}

// Prepares the shard's statements, with its alias for the schema name "@".
static int prepare_shard(struct merger *m, struct shard *sh)
{
    for (int i = 0; i < N_MERGE_STMTS; i++) {
        const char *tmpl = merge_sql[i];
        size_t len = strlen(tmpl), cap = len * sizeof(sh->alias) + 1, n = 0; // every "@" could be an alias
        char *sql = malloc(cap);
        if (!sql)
            return sel_error(m->ctx, SEL_ENOMEM, "out of memory");
        for (const char *p = tmpl; *p; p++) {
            if (*p == '@') {
                size_t a = strlen(sh->alias);
                memcpy(sql + n, sh->alias, a);
                n += a;
            } else {
                sql[n++] = *p;
            }
        }
        sql[n] = '\0';
        int rc = store_prepare(m->st, m->ctx, sql, &sh->stmt[i]);
        free(sql);
        if (rc != SEL_OK)
            return rc;
    }
    return SEL_OK;
}

static int merge_shard(struct merger *m, struct shard *sh)
{
    int rc = prepare_shard(m, sh);
    sqlite3_stmt *docs = sh->stmt[SHARD_DOCS];
    int step = SQLITE_DONE;
    while (rc == SEL_OK && (step = sqlite3_step(docs)) == SQLITE_ROW)
        rc = merge_document(m, sh, docs);
    if (rc == SEL_OK && step != SQLITE_DONE)
        rc = sel_store_fail(m->st, m->ctx, step, "reading a shard");
    if (rc == SEL_OK)
        rc = merge_user_entries(m, sh);
    for (int i = 0; i < N_MERGE_STMTS; i++) {
        sqlite3_finalize(sh->stmt[i]);
        sh->stmt[i] = NULL;
    }
    if (rc != SEL_OK) { // say which shard, keeping the message
        char msg[1024];
        snprintf(msg, sizeof(msg), "%s", sel_ctx_errmsg(m->ctx));
        sel_error_at(m->ctx, rc, (struct sel_location){ sh->path, 0, 0 }, "while merging it: %s", msg);
    }
    return rc;
}

static int exec_sql(sel_store *st, sel_ctx *ctx, const char *sql, const char *what)
{
    sqlite3_stmt *s = NULL;
    int rc = store_prepare(st, ctx, sql, &s);
    if (rc == SEL_OK)
        rc = store_step(st, ctx, s, "writing");
    sqlite3_finalize(s);
    if (rc != SEL_OK) {
        char msg[1024];
        snprintf(msg, sizeof(msg), "%s", sel_ctx_errmsg(ctx));
        sel_error(ctx, rc, "%s: %s", what, msg);
    }
    return rc;
}

// Attaches @p n shards read-only and merges them into @p st in one transaction.
static int merge_group(sel_store *st, sel_ctx *ctx, const char *const *paths, size_t n,
                       struct sel_merge_report *report)
{
    struct merger m = { st, ctx, report };
    struct shard shards[16] = { 0 };
    SEL_CHECK_ARG(n <= sizeof(shards) / sizeof(shards[0]), SEL_EINVAL); // group_size() keeps to this
    sqlite3 *db = st->db;
    sqlite3_stmt *attach = NULL, *detach = NULL;
    size_t attached = 0;
    // the rows copied hang together as they did in the shard: checking every row's keys would
    // cost as much as it does in an ingest (see sel_ingester_new())
    int rc = exec_sql(st, ctx, "PRAGMA foreign_keys = OFF", "configuring the database");
    if (rc == SEL_OK)
        rc = store_prepare(st, ctx, "ATTACH ?1 AS ?2", &attach);
    if (rc == SEL_OK)
        rc = store_prepare(st, ctx, "DETACH ?1", &detach);
    for (size_t i = 0; rc == SEL_OK && i < n; i++) {
        char uri[PATH_MAX + 64];
        shards[i].path = paths[i];
        snprintf(shards[i].alias, sizeof(shards[i].alias), "s%u", (unsigned)i % 16u);
        rc = readonly_uri(ctx, paths[i], uri, sizeof(uri));
        if (rc != SEL_OK)
            break;
        sqlite3_bind_text(attach, 1, uri, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(attach, 2, shards[i].alias, -1, SQLITE_STATIC);
        int step = sqlite3_step(attach);
        sqlite3_reset(attach);
        if (step != SQLITE_DONE) {
            rc = refuse(ctx, paths[i], SEL_ESQLITE, "cannot attach it: %s", sqlite3_errmsg(db));
            break;
        }
        attached++;
        // a library that took the URI for a file name would have opened something else, writable
        if (sqlite3_db_readonly(db, shards[i].alias) != 1) {
            rc = refuse(ctx, paths[i], SEL_ESQLITE, "this SQLite library cannot open it read-only (URI file names "
                        "are off)");
            break;
        }
    }
    if (rc == SEL_OK)
        rc = sel_store_begin(st, ctx);
    for (size_t i = 0; rc == SEL_OK && i < n; i++) {
        rc = merge_shard(&m, &shards[i]);
        report->shards += rc == SEL_OK;
    }
    if (rc == SEL_OK)
        rc = sel_store_commit(st, ctx);
    if (rc != SEL_OK)
        sel_store_rollback(st);
    for (size_t i = 0; i < attached; i++) {
        sqlite3_bind_text(detach, 1, shards[i].alias, -1, SQLITE_STATIC);
        sqlite3_step(detach);
        sqlite3_reset(detach);
    }
    sqlite3_finalize(attach);
    sqlite3_finalize(detach);
    sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    return rc;
}

// How many shards one transaction can attach: SQLite's limit of attached databases (10 by
// default), at most the size of merge_group()'s table.
static size_t group_size(sel_store *st)
{
    int limit = sqlite3_limit(st->db, SQLITE_LIMIT_ATTACHED, -1);
    return limit < 1 ? 1 : limit > 16 ? 16 : (size_t)limit;
}

/* ---- the output ---------------------------------------------------------------------------- */

static void remove_database(const char *path)
{
    char side[PATH_MAX + 64];
    unlink(path);
    snprintf(side, sizeof(side), "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", path);
    unlink(side);
}

// Merges all @p n shards into a new database at @p path (a temporary file nobody else sees), a
// transaction per group of shards SQLite can attach at once.
static int merge_into_new(sel_ctx *ctx, const char *path, const char *const *shards, size_t n,
                          struct sel_merge_report *report)
{
    sel_store *st = NULL;
    int rc = sel_store_open(&st, ctx, path, true);
    // Nobody else sees this file, and a failure throws it away: no journal and no syncing while
    // it is written (every page would otherwise be written twice, to the log and back), then
    // write-ahead logging again, as every selaras database has, and one sync before it is linked
    // into place.
    if (rc == SEL_OK)
        rc = exec_sql(st, ctx, "PRAGMA journal_mode = OFF", "configuring the database");
    if (rc == SEL_OK)
        rc = exec_sql(st, ctx, "PRAGMA synchronous = OFF", "configuring the database");
    size_t group = rc == SEL_OK ? group_size(st) : 1;
    for (size_t i = 0; rc == SEL_OK && i < n; i += group)
        rc = merge_group(st, ctx, shards + i, n - i < group ? n - i : group, report);
    if (rc == SEL_OK)
        rc = exec_sql(st, ctx, "PRAGMA journal_mode = WAL", "configuring the database");
    sel_store_close(st);
    int fd = rc == SEL_OK ? open(path, O_RDONLY) : -1;
    if (rc == SEL_OK && (fd < 0 || fsync(fd) != 0))
        rc = refuse(ctx, path, SEL_EIO, "cannot write it: %s", strerror(errno));
    if (fd >= 0)
        close(fd);
    return rc;
}

// A new file beside @p out for the merged database: OUT.merge-XXXXXX.
static int temporary_beside(sel_ctx *ctx, const char *out, char *tmp, size_t size)
{
    if ((size_t)snprintf(tmp, size, "%s.merge-XXXXXX", out) >= size)
        return refuse(ctx, out, SEL_EINVAL, "path too long");
    int fd = mkstemp(tmp);
    if (fd < 0)
        return refuse(ctx, out, SEL_EIO, "cannot create a file beside it: %s", strerror(errno));
    close(fd);
    return SEL_OK;
}

int sel_store_merge(sel_ctx *ctx, const char *out, const char *const *shards, size_t n,
                    struct sel_merge_report *report)
{
    SEL_CHECK_ARG(out && (shards || !n) && report, SEL_EINVAL);
    memset(report, 0, sizeof(*report));
    struct stat out_sb;
    bool exists = stat(out, &out_sb) == 0;
    int rc = exists ? check_database(ctx, out, true) : SEL_OK;
    for (size_t i = 0; rc == SEL_OK && i < n; i++) {
        struct stat sb;
        rc = check_database(ctx, shards[i], false);
        if (rc == SEL_OK && exists && stat(shards[i], &sb) == 0 && sb.st_dev == out_sb.st_dev &&
            sb.st_ino == out_sb.st_ino)
            rc = refuse(ctx, shards[i], SEL_EINVAL, "is the output database itself");
    }
    if (rc != SEL_OK)
        return rc;
    char tmp[PATH_MAX + 32];
    if (!exists) {
        // Written under another name and linked into place when complete: a failed merge leaves
        // nothing behind, and a database someone else created at OUT meanwhile is not replaced.
        rc = temporary_beside(ctx, out, tmp, sizeof(tmp));
        if (rc != SEL_OK)
            return rc;
        rc = merge_into_new(ctx, tmp, shards, n, report);
        if (rc == SEL_OK && link(tmp, out) != 0) {
            if (errno == EEXIST)
                rc = refuse(ctx, out, SEL_EIO, "was created by someone else while merging; nothing written");
            else if (rename(tmp, out) != 0) // a file system without hard links
                rc = refuse(ctx, out, SEL_EIO, "cannot write it: %s", strerror(errno));
        }
        remove_database(tmp);
        return rc;
    }
    // Into an existing database: one transaction, so readers see all of the shards or none.
    // SQLite attaches a limited number of databases at once; more shards than that are merged
    // into a temporary database first, which is then the one shard.
    sel_store *st = NULL;
    rc = sel_store_open(&st, ctx, out, false);
    size_t group = rc == SEL_OK ? group_size(st) : 1;
    if (rc == SEL_OK && n <= group) {
        rc = merge_group(st, ctx, shards, n, report);
    } else if (rc == SEL_OK) {
        struct sel_merge_report staged = { 0 };
        rc = temporary_beside(ctx, out, tmp, sizeof(tmp));
        if (rc != SEL_OK)
            goto done;
        rc = merge_into_new(ctx, tmp, shards, n, &staged);
        const char *one[] = { tmp };
        if (rc == SEL_OK)
            rc = merge_group(st, ctx, one, 1, report);
        report->shards = staged.shards;
        report->unchanged += staged.unchanged;
        report->replaced += staged.replaced;
        remove_database(tmp);
    }
done:
    sel_store_close(st);
    return rc;
}
