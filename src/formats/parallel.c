// SPDX-License-Identifier: MIT
// Parallel data from the database: one cursor over the beads in document order; for each bead the
// sentences of both sides (and, when asked, its term occurrences) are read with prepared
// statements, filtered for MT and handed to the format's writer. Memory is that of one bead.
#include "src/formats/formats_internal.h"

#include <stdlib.h>
#include <string.h>

static const char SQL_BEADS[] =
    "SELECT b.document_id, b.number, b.src_first, b.src_count, b.tgt_first, b.tgt_count, b.score,"
    " (SELECT min(t.id) FROM document t WHERE t.translation_of = b.document_id)"
    " FROM bead b ORDER BY b.document_id, b.number";
static const char SQL_SENTENCES[] =
    "SELECT id, start, text, boilerplate FROM sentence"
    " WHERE document_id = ?1 AND number BETWEEN ?2 AND ?3 ORDER BY number";
static const char SQL_OCCURRENCES[] =
    "SELECT o.concept_id, o.start, o.end, o.surface,"
    " (SELECT c.target FROM confirmation c WHERE c.occurrence_id = o.id AND c.status = 'confirmed'"
    "  ORDER BY c.target LIMIT 1)"
    " FROM occurrence o WHERE o.id >= ?1 AND o.id < ?2 ORDER BY o.start"; // a sentence's ids
static const char SQL_SEEN_TABLE[] = "CREATE TEMP TABLE IF NOT EXISTS export_seen (hash INTEGER PRIMARY KEY)";
static const char SQL_SEEN_INSERT[] = "INSERT OR IGNORE INTO export_seen (hash) VALUES (?1)";
static const char SQL_SEEN_DROP[] = "DROP TABLE IF EXISTS temp.export_seen";

struct side {
    struct sel_buf text;
    bool boilerplate;
    // per sentence of the side: its id, its byte start in the document, its offset in text
    sqlite3_int64 *ids;
    long *starts, *offsets;
    size_t n, cap;
};

struct run {
    sel_store *st;
    sel_ctx *ctx;
    const struct sel_par_options *opt;
    sqlite3_stmt *beads, *sentences, *occurrences, *seen;
    struct side src, tgt;
    struct par_term *terms;
    size_t n_terms, cap_terms;
    struct sel_arena term_strings; // strings of the current bead's terms
    struct sel_buf factored;
};

static int sql_fail(struct run *r, const char *what)
{
    return sel_error(r->ctx, SEL_ESQLITE, "%s: %s", what, sqlite3_errmsg(sel_store_db(r->st)));
}

static int side_push(struct side *s, sqlite3_int64 id, long start, long offset)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        sqlite3_int64 *ids = realloc(s->ids, cap * sizeof(*ids));
        if (ids)
            s->ids = ids;
        long *starts = realloc(s->starts, cap * sizeof(*starts));
        if (starts)
            s->starts = starts;
        long *offsets = realloc(s->offsets, cap * sizeof(*offsets));
        if (offsets)
            s->offsets = offsets;
        if (!ids || !starts || !offsets)
            return SEL_ENOMEM;
        s->cap = cap;
    }
    s->ids[s->n] = id;
    s->starts[s->n] = start;
    s->offsets[s->n] = offset;
    s->n++;
    return SEL_OK;
}

// Reads sentences [first, first + count) of @p doc into @p s, joined by one space.
static int read_side(struct run *r, struct side *s, sqlite3_int64 doc, long first, long count)
{
    buf_reset(&s->text);
    if (buf_reserve(&s->text, 0) != SEL_OK)
        return sel_error(r->ctx, SEL_ENOMEM, "out of memory");
    s->boilerplate = false;
    s->n = 0;
    if (count <= 0)
        return SEL_OK;
    sqlite3_reset(r->sentences);
    sqlite3_bind_int64(r->sentences, 1, doc);
    sqlite3_bind_int64(r->sentences, 2, first);
    sqlite3_bind_int64(r->sentences, 3, first + count - 1);
    int step;
    while ((step = sqlite3_step(r->sentences)) == SQLITE_ROW) {
        if (s->text.len && buf_addc(&s->text, ' ') != SEL_OK)
            return sel_error(r->ctx, SEL_ENOMEM, "out of memory");
        if (side_push(s, sqlite3_column_int64(r->sentences, 0), (long)sqlite3_column_int64(r->sentences, 1),
                      (long)s->text.len) != SEL_OK)
            return sel_error(r->ctx, SEL_ENOMEM, "out of memory");
        const char *text = (const char *)sqlite3_column_text(r->sentences, 2);
        if (text && buf_add(&s->text, text, (size_t)sqlite3_column_bytes(r->sentences, 2)) != SEL_OK)
            return sel_error(r->ctx, SEL_ENOMEM, "out of memory");
        if (sqlite3_column_type(r->sentences, 3) != SQLITE_NULL)
            s->boilerplate = true;
    }
    return step == SQLITE_DONE ? SEL_OK : sql_fail(r, "reading sentences");
}

// Characters (code points) in a UTF-8 string.
static size_t chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static uint64_t pair_hash(const char *a, size_t la, const char *b, size_t lb)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < la; i++)
        h = (h ^ (unsigned char)a[i]) * 1099511628211ULL;
    h = (h ^ 0x1F) * 1099511628211ULL; // a separator no text holds on its own
    for (size_t i = 0; i < lb; i++)
        h = (h ^ (unsigned char)b[i]) * 1099511628211ULL;
    // a final mix, so that near-identical pairs spread over the key space
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

// True when the pair was seen before (64-bit hashes in a temporary table: bounded memory).
static int seen_before(struct run *r, bool *dup)
{
    uint64_t h = pair_hash(r->src.text.data, r->src.text.len, r->tgt.text.data, r->tgt.text.len);
    sqlite3_reset(r->seen);
    sqlite3_bind_int64(r->seen, 1, (sqlite3_int64)h);
    if (sqlite3_step(r->seen) != SQLITE_DONE)
        return sql_fail(r, "recording a pair");
    *dup = sqlite3_changes(sel_store_db(r->st)) == 0;
    return SEL_OK;
}

static const char *keep_string(struct run *r, const char *s)
{
    return s ? sel_arena_strndup(&r->term_strings, s, strlen(s)) : NULL;
}

// Case-insensitive (ASCII) search of @p needle in @p hay; -1 if absent.
static long find_ci(const char *hay, size_t hay_len, const char *needle)
{
    size_t n = strlen(needle);
    if (!n || n > hay_len)
        return -1;
    for (size_t i = 0; i + n <= hay_len; i++) {
        size_t k = 0;
        while (k < n) {
            unsigned char a = (unsigned char)hay[i + k], b = (unsigned char)needle[k];
            if (a >= 'A' && a <= 'Z')
                a = (unsigned char)(a + 32);
            if (b >= 'A' && b <= 'Z')
                b = (unsigned char)(b + 32);
            if (a != b)
                break;
            k++;
        }
        if (k == n)
            return (long)i;
    }
    return -1;
}

// The term occurrences of the source side, with spans in the joined texts.
static int read_terms(struct run *r)
{
    r->n_terms = 0;
    sel_arena_finish(&r->term_strings);
    for (size_t i = 0; i < r->src.n; i++) {
        sqlite3_reset(r->occurrences);
        sqlite3_bind_int64(r->occurrences, 1, r->src.ids[i] << SEL_OCCURRENCE_ID_SHIFT);
        sqlite3_bind_int64(r->occurrences, 2, (r->src.ids[i] + 1) << SEL_OCCURRENCE_ID_SHIFT);
        size_t sentence_end = i + 1 < r->src.n ? (size_t)r->src.offsets[i + 1] - 1 : r->src.text.len;
        int step;
        while ((step = sqlite3_step(r->occurrences)) == SQLITE_ROW) {
            if (r->n_terms == r->cap_terms) {
                size_t cap = r->cap_terms ? r->cap_terms * 2 : 16;
                struct par_term *t = realloc(r->terms, cap * sizeof(*t));
                if (!t)
                    return sel_error(r->ctx, SEL_ENOMEM, "out of memory");
                r->terms = t;
                r->cap_terms = cap;
            }
            struct par_term *t = &r->terms[r->n_terms];
            t->concept = keep_string(r, (const char *)sqlite3_column_text(r->occurrences, 0));
            t->surface = keep_string(r, (const char *)sqlite3_column_text(r->occurrences, 3));
            t->target = keep_string(r, (const char *)sqlite3_column_text(r->occurrences, 4));
            if (!t->concept || !t->surface)
                return sel_error(r->ctx, SEL_ENOMEM, "out of memory");
            long start = (long)sqlite3_column_int64(r->occurrences, 1) - r->src.starts[i] + r->src.offsets[i];
            long end = (long)sqlite3_column_int64(r->occurrences, 2) - r->src.starts[i] + r->src.offsets[i];
            size_t len = strlen(t->surface);
            // Offsets are into the document; if the stored sentence text does not line up with
            // them, find the surface form in the sentence instead.
            if (start < r->src.offsets[i] || end > (long)sentence_end || end - start != (long)len ||
                memcmp(r->src.text.data + start, t->surface, len) != 0) {
                long at = find_ci(r->src.text.data + r->src.offsets[i], sentence_end - (size_t)r->src.offsets[i],
                                  t->surface);
                if (at < 0)
                    continue;
                start = r->src.offsets[i] + at;
                end = start + (long)len;
            }
            t->src_start = start;
            t->src_end = end;
            t->tgt_start = t->tgt_end = -1;
            if (t->target) {
                long at = find_ci(r->tgt.text.data, r->tgt.text.len, t->target);
                if (at >= 0) {
                    t->tgt_start = at;
                    t->tgt_end = at + (long)strlen(t->target);
                }
            }
            r->n_terms++;
        }
        if (step != SQLITE_DONE)
            return sql_fail(r, "reading term occurrences");
    }
    return SEL_OK;
}

// Appends one whitespace-separated token with its factor, escaping the factor separator as
// Moses does ("|" becomes "&#124;").
static int add_token(struct sel_buf *b, const char *tok, size_t len, char factor)
{
    if (b->len && buf_addc(b, ' ') != SEL_OK)
        return SEL_ENOMEM;
    for (size_t i = 0; i < len; i++)
        if (tok[i] == '|' ? buf_adds(b, "&#124;") != SEL_OK : buf_addc(b, tok[i]) != SEL_OK)
            return SEL_ENOMEM;
    char f[3] = { '|', factor, '\0' };
    return buf_adds(b, f);
}

// Dinu et al. (2019), "append" with source factors: every source token gets |0, the tokens of a
// term with a confirmed equivalent get |1 and are followed by the equivalent's tokens with |2.
static int build_factored(struct run *r)
{
    struct sel_buf *b = &r->factored;
    buf_reset(b);
    if (buf_reserve(b, 0) != SEL_OK)
        return SEL_ENOMEM;
    const char *s = r->src.text.data;
    size_t len = r->src.text.len, i = 0;
    while (i < len) {
        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
            i++;
        size_t start = i;
        while (i < len && !(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
            i++;
        if (i == start)
            break;
        const struct par_term *in = NULL;
        for (size_t k = 0; k < r->n_terms && !in; k++)
            if (r->terms[k].target && r->terms[k].src_start < (long)i && r->terms[k].src_end > (long)start)
                in = &r->terms[k];
        if (add_token(b, s + start, i - start, in ? '1' : '0') != SEL_OK)
            return SEL_ENOMEM;
        // the target goes after the last token the term touches
        if (in && (size_t)in->src_end <= i) {
            const char *t = in->target;
            while (*t) {
                size_t n = strcspn(t, " ");
                if (n && add_token(b, t, n, '2') != SEL_OK)
                    return SEL_ENOMEM;
                t += n + (t[n] ? 1 : 0);
            }
        }
    }
    return SEL_OK;
}

// Applies the filters in order; the first that removes the pair is the one counted.
static int filtered(struct run *r, double score, long src_count, long tgt_count, struct sel_par_stats *stats,
                    bool *drop)
{
    const struct sel_par_options *o = r->opt;
    *drop = true;
    // a bead with nothing on either side is no pair at all (TMX could not even hold it)
    if ((o->drop_empty && (src_count == 0 || tgt_count == 0)) || (r->src.text.len == 0 && r->tgt.text.len == 0)) {
        stats->empty++;
        return SEL_OK;
    }
    if (o->drop_boilerplate && (r->src.boilerplate || r->tgt.boilerplate)) {
        stats->boilerplate++;
        return SEL_OK;
    }
    if (o->min_score > 0 && score < o->min_score) {
        stats->low_score++;
        return SEL_OK;
    }
    if (o->max_ratio > 0) {
        double a = (double)chars(r->src.text.data, r->src.text.len);
        double b = (double)chars(r->tgt.text.data, r->tgt.text.len);
        double lo = a < b ? a : b, hi = a < b ? b : a;
        if (hi / (lo < 1 ? 1 : lo) > o->max_ratio) {
            stats->ratio++;
            return SEL_OK;
        }
    }
    if (o->dedup) {
        bool dup = false;
        int rc = seen_before(r, &dup);
        if (rc != SEL_OK)
            return rc;
        if (dup) {
            stats->duplicate++;
            return SEL_OK;
        }
    }
    *drop = false;
    return SEL_OK;
}

static int exec_sql(struct run *r, const char *sql, const char *what)
{
    sqlite3_stmt *s = NULL;
    int rc = sel_store_prepare(r->st, r->ctx, sql, &s);
    if (rc == SEL_OK && sqlite3_step(s) != SQLITE_DONE)
        rc = sql_fail(r, what);
    sqlite3_finalize(s);
    return rc;
}

int sel_parallel_export(sel_store *st, sel_ctx *ctx, const struct sel_par_options *opt, const char *output,
                        struct sel_par_stats *stats)
{
    SEL_CHECK_ARG(st && opt && stats, SEL_EINVAL);
    *stats = (struct sel_par_stats){ 0 };
    if (opt->term_factors && opt->format == SEL_PAR_TMX)
        return sel_error(ctx, SEL_EINVAL, "--term-factors applies to moses, tsv and jsonl, not tmx");
    struct par_writer w = { .opt = opt, .src_lang = opt->src_lang ? opt->src_lang : "id",
                            .tgt_lang = opt->tgt_lang ? opt->tgt_lang : "en" };
    struct run r = { .st = st, .ctx = ctx, .opt = opt };
    bool want_terms = opt->format == SEL_PAR_JSONL || opt->term_factors;
    bool in_txn = false;
    // Each page is read once in order: a large page cache (the store asks for 64 MB, good for
    // ingest) would only make the peak memory depend on the database size. Restored at the end.
    long old_cache = 0;
    sqlite3_stmt *pragma = NULL;
    if (sqlite3_prepare_v2(sel_store_db(st), "PRAGMA cache_size", -1, &pragma, NULL) == SQLITE_OK &&
        sqlite3_step(pragma) == SQLITE_ROW)
        old_cache = (long)sqlite3_column_int64(pragma, 0);
    sqlite3_finalize(pragma);
    sqlite3_exec(sel_store_db(st), "PRAGMA cache_size = -4096", NULL, NULL, NULL);
    // One read transaction: a consistent snapshot while ingest may be writing.
    int rc = exec_sql(&r, "BEGIN", "starting a read transaction");
    in_txn = rc == SEL_OK;
    if (rc == SEL_OK && opt->dedup)
        rc = exec_sql(&r, SQL_SEEN_TABLE, "creating the duplicate filter");
    if (rc == SEL_OK)
        rc = sel_store_prepare(st, ctx, SQL_BEADS, &r.beads);
    if (rc == SEL_OK)
        rc = sel_store_prepare(st, ctx, SQL_SENTENCES, &r.sentences);
    if (rc == SEL_OK && want_terms)
        rc = sel_store_prepare(st, ctx, SQL_OCCURRENCES, &r.occurrences);
    if (rc == SEL_OK && opt->dedup)
        rc = sel_store_prepare(st, ctx, SQL_SEEN_INSERT, &r.seen);
    if (rc == SEL_OK)
        rc = par_writer_start(&w, ctx, output);
    int step = SQLITE_DONE;
    while (rc == SEL_OK && (step = sqlite3_step(r.beads)) == SQLITE_ROW) {
        stats->read++;
        struct par_pair p = {
            .document = (long)sqlite3_column_int64(r.beads, 0),
            .bead = (long)sqlite3_column_int64(r.beads, 1),
            .src_first = (long)sqlite3_column_int64(r.beads, 2),
            .src_count = (long)sqlite3_column_int64(r.beads, 3),
            .tgt_first = (long)sqlite3_column_int64(r.beads, 4),
            .tgt_count = (long)sqlite3_column_int64(r.beads, 5),
            .score = sqlite3_column_double(r.beads, 6),
            .translation = (long)sqlite3_column_int64(r.beads, 7),
        };
        if (sqlite3_column_type(r.beads, 2) == SQLITE_NULL)
            p.src_count = 0;
        if (sqlite3_column_type(r.beads, 4) == SQLITE_NULL || sqlite3_column_type(r.beads, 7) == SQLITE_NULL)
            p.tgt_count = 0;
        rc = read_side(&r, &r.src, p.document, p.src_first, p.src_count);
        if (rc == SEL_OK)
            rc = read_side(&r, &r.tgt, p.translation, p.tgt_first, p.tgt_count);
        bool drop = false;
        if (rc == SEL_OK)
            rc = filtered(&r, p.score, p.src_count, p.tgt_count, stats, &drop);
        if (rc != SEL_OK || drop)
            continue;
        p.src = r.src.text.data;
        p.tgt = r.tgt.text.data;
        if (want_terms && (rc = read_terms(&r)) != SEL_OK)
            break;
        p.terms = r.terms;
        p.n_terms = want_terms ? r.n_terms : 0;
        if (opt->term_factors) {
            if (build_factored(&r) != SEL_OK) {
                rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
                break;
            }
            p.src_factored = r.factored.data;
        }
        rc = w.ops->pair(&w, ctx, &p);
        if (rc == SEL_OK)
            stats->written++;
    }
    if (rc == SEL_OK && step != SQLITE_DONE)
        rc = sql_fail(&r, "reading beads");
    rc = par_writer_finish(&w, ctx, rc);
    sqlite3_finalize(r.seen);
    sqlite3_finalize(r.occurrences);
    sqlite3_finalize(r.sentences);
    sqlite3_finalize(r.beads);
    if (in_txn) {
        if (opt->dedup)
            sqlite3_exec(sel_store_db(st), SQL_SEEN_DROP, NULL, NULL, NULL);
        sqlite3_exec(sel_store_db(st), "COMMIT", NULL, NULL, NULL);
    }
    if (old_cache) {
        char restore[64]; // PRAGMA takes no parameters; this is the number SQLite gave us
        snprintf(restore, sizeof(restore), "PRAGMA cache_size = %ld", old_cache);
        sqlite3_exec(sel_store_db(st), restore, NULL, NULL, NULL);
    }
    struct side *sides[2] = { &r.src, &r.tgt };
    for (int i = 0; i < 2; i++) {
        buf_finish(&sides[i]->text);
        free(sides[i]->ids);
        free(sides[i]->starts);
        free(sides[i]->offsets);
    }
    free(r.terms);
    sel_arena_finish(&r.term_strings);
    buf_finish(&r.factored);
    return rc;
}
