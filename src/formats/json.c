// SPDX-License-Identifier: MIT
// JSON glossaries, through json-c, and JSONL parallel data, written directly with json-c's
// escaping. Both are written one record at a time, so nothing is held beyond the record.
#include "src/formats/formats_internal.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int JSON_FLAGS = JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE;

static void add_string(json_object *o, const char *key, const char *value)
{
    if (value)
        json_object_object_add(o, key, json_object_new_string(value));
}

static json_object *entry_json(const struct sel_gloss_entry *e)
{
    json_object *o = json_object_new_object();
    add_string(o, "concept_id", e->concept_id);
    add_string(o, "subject", e->subject);
    add_string(o, "definition", e->definition);
    add_string(o, "note", e->note);
    add_string(o, "cited_source", e->cited_source);
    if (e->count >= 0)
        json_object_object_add(o, "count", json_object_new_int64(e->count));
    json_object_object_add(o, "confirmed", json_object_new_boolean(e->confirmed));
    json_object *terms = json_object_new_array();
    for (size_t k = 0; k < e->n_terms; k++) {
        const struct sel_gloss_term *t = &e->terms[k];
        json_object *jt = json_object_new_object();
        add_string(jt, "lang", t->lang);
        add_string(jt, "text", t->text);
        add_string(jt, "pos", t->pos);
        add_string(jt, "type", t->type);
        add_string(jt, "status", t->status);
        add_string(jt, "context", t->context);
        add_string(jt, "cited_source", t->cited_source);
        if (t->confirmed > 0)
            json_object_object_add(jt, "confirmed", json_object_new_int64(t->confirmed));
        json_object_array_add(terms, jt);
    }
    json_object_object_add(o, "terms", terms);
    return o;
}

int gloss_write_json(const sel_glossary *g, sel_ctx *ctx, const struct sel_gloss_options *opt, FILE *out)
{
    json_object *head = json_object_new_object();
    add_string(head, "format", "selaras-glossary");
    json_object_object_add(head, "version", json_object_new_int(1));
    add_string(head, "source_lang", opt->src_lang ? opt->src_lang : "id");
    add_string(head, "target_lang", opt->tgt_lang ? opt->tgt_lang : "en");
    const char *text = json_object_to_json_string_ext(head, JSON_FLAGS);
    // The header object without its closing brace, then the concepts one per line.
    fprintf(out, "%.*s,\"concepts\":[", (int)strlen(text) - 1, text);
    json_object_put(head);
    for (size_t i = 0; i < g->n; i++) {
        json_object *o = entry_json(&g->entries[i]);
        if (!o)
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        fprintf(out, "%s\n%s", i ? "," : "", json_object_to_json_string_ext(o, JSON_FLAGS));
        json_object_put(o);
    }
    fputs("\n]}\n", out);
    return ferror(out) ? export_write_error(ctx, NULL) : SEL_OK;
}

/* ---- JSONL pairs --------------------------------------------------------------------------- */

// The pairs are written directly rather than built as json-c objects: an object per pair and per
// term, each with its hash table, was most of what a JSONL export cost beyond TMX. A record is
// made in a buffer kept from pair to pair (w->state) and written with one call. The escaping is
// json-c's with JSON_FLAGS (checked byte for byte against it): the two-character escapes for
// " \ \b \f \n \r \t, \u00XX for the other control characters, '/' and the rest as they are.
static int put_string(struct sel_buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    int rc = buf_addc(b, '"');
    const char *run = s;
    for (; rc == SEL_OK && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        rc = buf_add(b, run, (size_t)(s - run));
        run = s + 1;
        char esc[7] = { '\\', 0, 0, 0, 0, 0, 0 };
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default: memcpy(esc + 1, "u00", 3); esc[4] = hex[c >> 4]; esc[5] = hex[c & 0xf];
        }
        if (rc == SEL_OK)
            rc = buf_adds(b, esc);
    }
    if (rc == SEL_OK)
        rc = buf_add(b, run, (size_t)(s - run));
    return rc == SEL_OK ? buf_addc(b, '"') : rc;
}

static int put_long(struct sel_buf *b, long v)
{
    char digits[24];
    int n = snprintf(digits, sizeof(digits), "%ld", v);
    return buf_add(b, digits, (size_t)n);
}

// ,"key":"value" (no comma when @p first); nothing when @p value is NULL.
static int put_field(struct sel_buf *b, const char *key, const char *value, bool first)
{
    if (!value)
        return SEL_OK;
    int rc = first ? SEL_OK : buf_addc(b, ',');
    if (rc == SEL_OK)
        rc = buf_addc(b, '"');
    if (rc == SEL_OK)
        rc = buf_adds(b, key);
    if (rc == SEL_OK)
        rc = buf_add(b, "\":", 2);
    return rc == SEL_OK ? put_string(b, value) : rc;
}

// ,"key":[first, ..., first + count - 1]
static int put_numbers(struct sel_buf *b, const char *key, long first, long count)
{
    int rc = buf_add(b, ",\"", 2);
    if (rc == SEL_OK)
        rc = buf_adds(b, key);
    if (rc == SEL_OK)
        rc = buf_add(b, "\":[", 3);
    for (long i = 0; rc == SEL_OK && i < count; i++) {
        if (i)
            rc = buf_addc(b, ',');
        if (rc == SEL_OK)
            rc = put_long(b, first + i);
    }
    return rc == SEL_OK ? buf_addc(b, ']') : rc;
}

// ,"key":[start,end] or ,"key":null
static int put_span(struct sel_buf *b, const char *key, long start, long end)
{
    int rc = buf_add(b, ",\"", 2);
    if (rc == SEL_OK)
        rc = buf_adds(b, key);
    if (rc == SEL_OK)
        rc = buf_add(b, "\":", 2);
    if (rc != SEL_OK || start < 0)
        return rc == SEL_OK ? buf_adds(b, "null") : rc;
    rc = buf_addc(b, '[');
    if (rc == SEL_OK)
        rc = put_long(b, start);
    if (rc == SEL_OK)
        rc = buf_addc(b, ',');
    if (rc == SEL_OK)
        rc = put_long(b, end);
    return rc == SEL_OK ? buf_addc(b, ']') : rc;
}

static int jsonl_record(struct sel_buf *b, const struct par_writer *w, const struct par_pair *p)
{
    char head[160];
    int n = snprintf(head, sizeof(head), "{\"document_id\":%ld,\"translation_id\":%ld,\"bead\":%ld", p->document,
                     p->translation, p->bead);
    int rc = buf_add(b, head, (size_t)n);
    if (rc == SEL_OK)
        rc = put_numbers(b, "src_sentences", p->src_first, p->src_count);
    if (rc == SEL_OK)
        rc = put_numbers(b, "tgt_sentences", p->tgt_first, p->tgt_count);
    // four decimals: json-c's own printing would give 0.93 as 0.93000000000000005
    n = snprintf(head, sizeof(head), ",\"score\":%.4f", p->score);
    if (rc == SEL_OK)
        rc = buf_add(b, head, (size_t)n);
    if (rc == SEL_OK)
        rc = put_field(b, "src_lang", w->src_lang, false);
    if (rc == SEL_OK)
        rc = put_field(b, "tgt_lang", w->tgt_lang, false);
    if (rc == SEL_OK)
        rc = put_field(b, "source", p->src, false);
    if (rc == SEL_OK)
        rc = put_field(b, "target", p->tgt, false);
    if (rc == SEL_OK)
        rc = put_field(b, "source_factored", p->src_factored, false);
    if (rc == SEL_OK)
        rc = buf_adds(b, ",\"terms\":[");
    for (size_t i = 0; rc == SEL_OK && i < p->n_terms; i++) {
        const struct par_term *t = &p->terms[i];
        rc = buf_adds(b, i ? ",{" : "{");
        if (rc == SEL_OK)
            rc = put_field(b, "concept", t->concept, true);
        if (rc == SEL_OK)
            rc = put_span(b, "source_span", t->src_start, t->src_end);
        if (rc == SEL_OK)
            rc = put_span(b, "target_span", t->tgt_start, t->tgt_end);
        if (rc == SEL_OK)
            rc = put_field(b, "source_text", t->surface, false);
        if (rc == SEL_OK)
            rc = put_field(b, "target_text", t->target, false);
        if (rc == SEL_OK)
            rc = buf_addc(b, '}');
    }
    return rc == SEL_OK ? buf_add(b, "]}\n", 3) : rc;
}

static int jsonl_begin(struct par_writer *w, sel_ctx *ctx)
{
    if (!(w->state = calloc(1, sizeof(struct sel_buf))))
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    return SEL_OK;
}

static int jsonl_pair(struct par_writer *w, sel_ctx *ctx, const struct par_pair *p)
{
    struct sel_buf *b = w->state;
    buf_reset(b);
    if (jsonl_record(b, w, p) != SEL_OK)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    if (fwrite(b->data, 1, b->len, w->out) != b->len)
        return export_write_error(ctx, w->name);
    return SEL_OK;
}

static int jsonl_end(struct par_writer *w, sel_ctx *ctx)
{
    (void)ctx;
    if (w->state)
        buf_finish(w->state);
    free(w->state);
    w->state = NULL;
    return SEL_OK;
}

const struct par_writer_ops par_jsonl_ops = { jsonl_begin, jsonl_pair, jsonl_end };
