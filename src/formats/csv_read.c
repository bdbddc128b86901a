// SPDX-License-Identifier: MIT
// Reading user glossaries: CSV (RFC 4180, a header row naming the columns) and the three-column
// TSV of OmegaT (source TAB target [TAB comment], no header, `#` lines are comments). Columns
// understood are listed in docs/formats.md; others are ignored. UTF-8 (with or without a byte
// order mark) and UTF-16 with a byte order mark are read. A row that cannot be used is left out
// with a warning naming its line and column, and counted; the others are imported.
#include "src/formats/formats_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum column {
    COL_IGNORED, COL_CONCEPT, COL_SUBJECT, COL_SRC_LANG, COL_SRC, COL_TGT_LANG, COL_TGT, COL_POS,
    COL_DEFINITION, COL_NOTE, COL_CONTEXT, COL_CITED, COL_LANG,
    COL_COUNT // COL_LANG: a column named by a language tag
};

static const char *const column_meaning[COL_COUNT] = {
    "ignored", "concept identifier", "subject field", "source language", "source terms", "target language",
    "target terms", "part of speech", "definition", "note", "context", "cited source", "terms",
};

static const struct {
    const char *name;
    enum column col;
} column_names[] = {
    { "concept_id", COL_CONCEPT }, { "concept", COL_CONCEPT },
    { "subject", COL_SUBJECT }, { "subject_field", COL_SUBJECT }, { "domain", COL_SUBJECT },
    { "source_lang", COL_SRC_LANG }, { "target_lang", COL_TGT_LANG },
    { "source_terms", COL_SRC }, { "source_term", COL_SRC }, { "source", COL_SRC }, { "term", COL_SRC },
    { "id", COL_SRC }, { "indonesian", COL_SRC },
    { "target_terms", COL_TGT }, { "target_term", COL_TGT }, { "target", COL_TGT }, { "translation", COL_TGT },
    { "en", COL_TGT }, { "english", COL_TGT },
    { "part_of_speech", COL_POS }, { "pos", COL_POS },
    { "definition", COL_DEFINITION },
    { "note", COL_NOTE }, { "notes", COL_NOTE }, { "comment", COL_NOTE },
    { "context", COL_CONTEXT }, { "example", COL_CONTEXT },
    { "cited_source", COL_CITED }, { "citation", COL_CITED }, { "reference", COL_CITED },
};

struct field {
    struct sel_buf text;
    long line, column; // where it starts
    size_t offset;
};

struct reader {
    const struct sel_text *in;
    size_t pos;
    long line;
    size_t line_start;
    bool csv;
};

// Reads one record; @p fields grows as needed. Returns 1 for a record, 0 at the end, < 0 on error.
static int read_record(struct reader *rd, sel_ctx *ctx, struct field **fields, size_t *n, size_t *cap)
{
    const char *s = rd->in->data;
    size_t len = rd->in->len;
    if (rd->pos >= len)
        return 0;
    *n = 0;
    char sep = rd->csv ? ',' : '\t';
    for (;;) {
        size_t old_cap = *cap;
        if (SEL_ARRAY_RESERVE(*fields, *cap, *n + 1) != SEL_OK)
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        // every slot up to cap owns a buffer that is freed at the end, so new slots start empty
        memset(*fields + old_cap, 0, (*cap - old_cap) * sizeof(**fields));
        struct field *f = &(*fields)[(*n)++];
        buf_reset(&f->text);
        if (buf_reserve(&f->text, 0) != SEL_OK)
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        f->line = rd->line;
        f->column = (long)(rd->pos - rd->line_start) + 1;
        f->offset = rd->pos;
        if (rd->csv && rd->pos < len && s[rd->pos] == '"') {
            rd->pos++;
            for (;;) {
                if (rd->pos >= len)
                    return sel_error_at(ctx, SEL_EPARSE, sel_text_locate(rd->in, f->offset),
                                        "quoted field not closed (byte offset %zu)", f->offset + rd->in->bom);
                char c = s[rd->pos++];
                if (c == '"') {
                    if (rd->pos < len && s[rd->pos] == '"') {
                        rd->pos++;
                    } else {
                        break;
                    }
                } else if (c == '\n') {
                    rd->line++;
                    rd->line_start = rd->pos;
                }
                if (buf_addc(&f->text, c) != SEL_OK)
                    return sel_error(ctx, SEL_ENOMEM, "out of memory");
            }
            if (rd->pos < len && s[rd->pos] != sep && s[rd->pos] != '\r' && s[rd->pos] != '\n')
                return sel_error_at(ctx, SEL_EPARSE, sel_text_locate(rd->in, rd->pos),
                                    "text after a closing quote (byte offset %zu)", rd->pos + rd->in->bom);
        } else {
            size_t start = rd->pos;
            while (rd->pos < len && s[rd->pos] != sep && s[rd->pos] != '\r' && s[rd->pos] != '\n') {
                if (rd->csv && s[rd->pos] == '"')
                    return sel_error_at(ctx, SEL_EPARSE, sel_text_locate(rd->in, rd->pos),
                                        "quote inside an unquoted field (byte offset %zu)", rd->pos + rd->in->bom);
                rd->pos++;
            }
            if (buf_add(&f->text, s + start, rd->pos - start) != SEL_OK)
                return sel_error(ctx, SEL_ENOMEM, "out of memory");
        }
        if (rd->pos < len && s[rd->pos] == sep) {
            rd->pos++;
            continue;
        }
        if (rd->pos < len && s[rd->pos] == '\r')
            rd->pos++;
        if (rd->pos < len && s[rd->pos] == '\n')
            rd->pos++;
        rd->line++;
        rd->line_start = rd->pos;
        return 1;
    }
}

static bool blank_record(const struct field *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (*str_trim(f[i].text.data))
            return false;
    return true;
}

// Adds the terms of a cell ("a | b | c": the first preferred, the others admitted).
static int add_terms(sel_glossary *g, sel_ctx *ctx, size_t index, char *cell, const char *lang, const char *pos)
{
    bool first = true;
    for (char *p = cell; p;) {
        char *bar = strstr(p, " | ");
        if (bar)
            *bar = '\0';
        char *t = str_trim(p);
        if (*t) {
            struct sel_gloss_term term = { .lang = lang, .text = t, .pos = first ? pos : NULL,
                                           .status = first ? "preferred" : "admitted" };
            int rc = gloss_add_term(g, ctx, index, &term);
            if (rc != SEL_OK)
                return rc;
            first = false;
        }
        p = bar ? bar + 3 : NULL;
    }
    return SEL_OK;
}

enum { MAX_COLUMNS = 64 };

// One glossary file being read: the records' fields (reused from row to row) and what each
// column holds.
struct table {
    struct reader rd;
    const char *path;
    struct field *fields;
    size_t n, cap;
    enum column cols[MAX_COLUMNS];
    const char *col_lang[MAX_COLUMNS]; // COL_LANG: the column's language, stored form
    size_t n_cols;
};

static bool all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

// A column named `id` is Indonesian terms in a glossary and row numbers in many tables (so is
// `No`, Norwegian or "number"): it is read as row numbers (ignored) when every non-empty value
// in it is all digits.
static int id_column_is_numbers(struct table *tb, sel_ctx *ctx, size_t col)
{
    struct reader saved = tb->rd;
    bool numbers = false, other = false;
    int got;
    while ((got = read_record(&tb->rd, ctx, &tb->fields, &tb->n, &tb->cap)) > 0 && !other)
        if (col < tb->n && *str_trim(tb->fields[col].text.data)) {
            if (all_digits(str_trim(tb->fields[col].text.data)))
                numbers = true;
            else
                other = true;
        }
    sel_ctx_clear(ctx); // a broken record is reported by the real read
    tb->rd = saved;
    return numbers && !other;
}

// The CSV header row: which column holds what. Besides the names of column_names, a column
// named by a language tag ("es", "id-ID", "en_US") holds terms in that language.
static int read_header(struct table *tb, sel_glossary *g, sel_ctx *ctx)
{
    int got = read_record(&tb->rd, ctx, &tb->fields, &tb->n, &tb->cap);
    if (got <= 0)
        return got < 0 ? got : sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ tb->path, 1, 1 },
                                            "empty: a CSV glossary starts with a header row");
    if (tb->n > MAX_COLUMNS)
        return sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ tb->path, 1, 1 }, "more than 64 columns");
    tb->n_cols = tb->n;
    char names[MAX_COLUMNS][64];
    for (size_t i = 0; i < tb->n_cols; i++) {
        tb->cols[i] = COL_IGNORED;
        tb->col_lang[i] = NULL;
        const char *name = str_trim(tb->fields[i].text.data);
        snprintf(names[i], sizeof(names[i]), "%s", name);
        for (size_t k = 0; k < sizeof(column_names) / sizeof(column_names[0]); k++)
            if (strcasecmp(name, column_names[k].name) == 0)
                tb->cols[i] = column_names[k].col;
        char full[64], primary[SEL_LANG_PRIMARY_MAX];
        if (tb->cols[i] == COL_IGNORED && sel_lang_normalise(name, full, sizeof(full), primary) == SEL_OK &&
            strlen(primary) <= 3) {
            tb->cols[i] = COL_LANG;
            tb->col_lang[i] = gloss_lang(g, name);
        }
    }
    // a column named like a language ("id", "no") that holds only numbers is a row number
    for (size_t i = 0; i < tb->n_cols; i++)
        if (((tb->cols[i] == COL_SRC && strcasecmp(names[i], "id") == 0) || tb->cols[i] == COL_LANG) &&
            id_column_is_numbers(tb, ctx, i)) {
            gloss_warn(g, 1, tb->fields[i].column, "column %zu (\"%s\") holds only numbers: read as row numbers, "
                       "not as terms", i + 1, names[i]);
            tb->cols[i] = COL_IGNORED;
        }
    // two columns for one field: the first counts, and the user is told which two
    bool have_src = false, have_tgt = false;
    for (size_t i = 0; i < tb->n_cols; i++) {
        for (size_t k = 0; k < i && tb->cols[i] != COL_IGNORED && tb->cols[i] != COL_LANG; k++)
            if (tb->cols[k] == tb->cols[i]) {
                gloss_warn(g, 1, 0, "columns %zu (\"%s\") and %zu (\"%s\") both mean %s: column %zu is used, "
                           "column %zu ignored", k + 1, names[k], i + 1, names[i], column_meaning[tb->cols[i]],
                           k + 1, i + 1);
                tb->cols[i] = COL_IGNORED;
                break;
            }
        have_src |= tb->cols[i] == COL_SRC || tb->cols[i] == COL_LANG;
        have_tgt |= tb->cols[i] == COL_TGT || tb->cols[i] == COL_LANG;
    }
    size_t term_cols = 0;
    for (size_t i = 0; i < tb->n_cols; i++)
        term_cols += tb->cols[i] == COL_SRC || tb->cols[i] == COL_TGT || tb->cols[i] == COL_LANG;
    if (!have_src || !have_tgt || term_cols < 2)
        return sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ tb->path, 1, 1 },
                            "the header names no %s column (see docs/formats.md: e.g. source_terms and "
                            "target_terms)", have_src ? "target" : "source");
    return SEL_OK;
}

// Checks the record just read and adds it as one entry, its id from the concept column or made
// from the file's name and the line. A record that cannot be used is skipped with a warning.
static int add_record(struct table *tb, sel_glossary *g, sel_ctx *ctx)
{
    long line = tb->fields[0].line;
    g->report.read++;
    if (tb->rd.csv && tb->n != tb->n_cols) {
        gloss_skip(g, SEL_SKIP_MALFORMED, line, 1, "%zu fields where the header has %zu: row left out", tb->n,
                   tb->n_cols);
        return SEL_OK;
    }
    if (!tb->rd.csv && tb->n < 2) {
        gloss_skip(g, SEL_SKIP_MALFORMED, line, tb->fields[0].column,
                   "expected source TAB target [TAB comment]: line left out");
        return SEL_OK;
    }
    if (!tb->rd.csv && tb->n > tb->n_cols) // said, not dropped silently
        gloss_warn(g, line, tb->fields[tb->n_cols].column,
                   "%zu columns: only the first %zu (source, target, comment) are read", tb->n, tb->n_cols);
    char *cell[COL_COUNT] = { 0 };
    long where[COL_COUNT] = { 0 };
    for (size_t i = 0; i < tb->n && i < tb->n_cols; i++) {
        cell[tb->cols[i]] = str_trim(tb->fields[i].text.data);
        where[tb->cols[i]] = tb->fields[i].column;
    }
    const char *src_lang = "id", *tgt_lang = "en";
    if (cell[COL_SRC_LANG] && *cell[COL_SRC_LANG] && !(src_lang = gloss_lang(g, cell[COL_SRC_LANG]))) {
        gloss_skip(g, SEL_SKIP_NO_LANGUAGE, line, where[COL_SRC_LANG], "\"%s\" is not a language tag: row left out",
                   cell[COL_SRC_LANG]);
        return SEL_OK;
    }
    if (cell[COL_TGT_LANG] && *cell[COL_TGT_LANG] && !(tgt_lang = gloss_lang(g, cell[COL_TGT_LANG]))) {
        gloss_skip(g, SEL_SKIP_NO_LANGUAGE, line, where[COL_TGT_LANG], "\"%s\" is not a language tag: row left out",
                   cell[COL_TGT_LANG]);
        return SEL_OK;
    }
    bool any = false;
    for (size_t i = 0; i < tb->n && i < tb->n_cols; i++)
        if ((tb->cols[i] == COL_SRC || tb->cols[i] == COL_TGT || tb->cols[i] == COL_LANG) &&
            *str_trim(tb->fields[i].text.data))
            any = true;
    if (!any) {
        gloss_skip(g, SEL_SKIP_NO_TERM, line, 1, "no term in any language: row left out");
        return SEL_OK;
    }
    const char *id = gloss_entry_id(g, cell[COL_CONCEPT], line);
    if (!id)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    if (gloss_find(g, id) != (size_t)-1) {
        gloss_skip(g, SEL_SKIP_DUPLICATE, line, where[COL_CONCEPT] ? where[COL_CONCEPT] : 1,
                   "concept %s appears twice: row left out", id);
        return SEL_OK;
    }
    const char *empty_to_null[] = { cell[COL_SUBJECT], cell[COL_DEFINITION], cell[COL_NOTE], cell[COL_CONTEXT],
                                    cell[COL_CITED] };
    for (size_t i = 0; i < sizeof(empty_to_null) / sizeof(empty_to_null[0]); i++)
        if (empty_to_null[i] && !*empty_to_null[i])
            empty_to_null[i] = NULL;
    size_t index;
    int rc = gloss_add_entry(g, ctx, id, empty_to_null[0], empty_to_null[1], empty_to_null[2], &index);
    const char *pos = cell[COL_POS] && *cell[COL_POS] ? cell[COL_POS] : NULL;
    if (cell[COL_SRC])
        gloss_lang(g, src_lang); // recorded as found
    if (cell[COL_TGT])
        gloss_lang(g, tgt_lang);
    if (rc == SEL_OK && cell[COL_SRC])
        rc = add_terms(g, ctx, index, cell[COL_SRC], src_lang, pos);
    if (rc == SEL_OK && cell[COL_TGT])
        rc = add_terms(g, ctx, index, cell[COL_TGT], tgt_lang, NULL);
    for (size_t i = 0; rc == SEL_OK && i < tb->n && i < tb->n_cols; i++)
        if (tb->cols[i] == COL_LANG && tb->col_lang[i])
            rc = add_terms(g, ctx, index, str_trim(tb->fields[i].text.data), tb->col_lang[i], NULL);
    // the context is the first term's (the first source term: those come first), as the export
    // writes it; the cited source is the concept's
    struct sel_gloss_entry *e = rc == SEL_OK ? &g->entries[index] : NULL;
    if (rc == SEL_OK && empty_to_null[3] && e->n_terms && !(e->terms[0].context = gloss_strdup(g, empty_to_null[3])))
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    if (rc == SEL_OK && empty_to_null[4] && !(e->cited_source = gloss_strdup(g, empty_to_null[4])))
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    return rc;
}

// OmegaT writes "# Glossary in tab-separated format -*- coding: utf-8 -*-" as the first line of a
// glossary it creates, and reads lines starting with # as comments.
static bool comment_line(const struct table *tb)
{
    return !tb->rd.csv && tb->n >= 1 && tb->fields[0].text.data[0] == '#' && tb->fields[0].column == 1;
}

int gloss_read_delimited(sel_glossary *g, sel_ctx *ctx, const char *path, bool csv)
{
    struct sel_text in = { 0 };
    // UTF-8 with or without a byte order mark, or UTF-16 with one (Excel's "Unicode text");
    // anything else is refused by core's one detector with what it looks like
    int rc = sel_text_read_as(&in, ctx, path, SEL_TEXT_UTF16);
    if (rc != SEL_OK)
        return rc;
    struct table tb = { .rd = { .in = &in, .line = 1, .csv = csv }, .path = path };
    if (csv) {
        rc = read_header(&tb, g, ctx);
    } else { // OmegaT's columns, no header
        tb.cols[0] = COL_SRC;
        tb.cols[1] = COL_TGT;
        tb.cols[2] = COL_NOTE;
        tb.n_cols = 3;
    }
    int got = 0;
    while (rc == SEL_OK && (got = read_record(&tb.rd, ctx, &tb.fields, &tb.n, &tb.cap)) > 0)
        if (!blank_record(tb.fields, tb.n) && !comment_line(&tb))
            rc = add_record(&tb, g, ctx);
    if (rc == SEL_OK && got < 0)
        rc = got;
    for (size_t i = 0; i < tb.cap; i++)
        buf_finish(&tb.fields[i].text);
    free(tb.fields);
    sel_text_finish(&in);
    return rc;
}
