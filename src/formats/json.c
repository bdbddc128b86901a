// SPDX-License-Identifier: MIT
// JSON glossaries and JSONL parallel data, through json-c (which escapes strings correctly). Both
// are written one record at a time, so nothing is held beyond the record being written.
#include "src/formats/formats_internal.h"

#include <json-c/json.h>
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

static json_object *span(long start, long end)
{
    if (start < 0)
        return NULL;
    json_object *a = json_object_new_array();
    json_object_array_add(a, json_object_new_int64(start));
    json_object_array_add(a, json_object_new_int64(end));
    return a;
}

static json_object *numbers(long first, long count)
{
    json_object *a = json_object_new_array();
    for (long i = 0; i < count; i++)
        json_object_array_add(a, json_object_new_int64(first + i));
    return a;
}

static int jsonl_pair(struct par_writer *w, sel_ctx *ctx, const struct par_pair *p)
{
    json_object *o = json_object_new_object();
    if (!o)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    json_object_object_add(o, "document_id", json_object_new_int64(p->document));
    json_object_object_add(o, "translation_id", json_object_new_int64(p->translation));
    json_object_object_add(o, "bead", json_object_new_int64(p->bead));
    json_object_object_add(o, "src_sentences", numbers(p->src_first, p->src_count));
    json_object_object_add(o, "tgt_sentences", numbers(p->tgt_first, p->tgt_count));
    char score[32];
    snprintf(score, sizeof(score), "%.4f", p->score); // json-c would print 0.93 as 0.93000000000000005
    json_object_object_add(o, "score", json_object_new_double_s(p->score, score));
    add_string(o, "src_lang", w->src_lang);
    add_string(o, "tgt_lang", w->tgt_lang);
    add_string(o, "source", p->src);
    add_string(o, "target", p->tgt);
    add_string(o, "source_factored", p->src_factored);
    json_object *terms = json_object_new_array();
    for (size_t i = 0; i < p->n_terms; i++) {
        const struct par_term *t = &p->terms[i];
        json_object *jt = json_object_new_object();
        add_string(jt, "concept", t->concept);
        json_object_object_add(jt, "source_span", span(t->src_start, t->src_end));
        json_object_object_add(jt, "target_span", span(t->tgt_start, t->tgt_end));
        add_string(jt, "source_text", t->surface);
        add_string(jt, "target_text", t->target);
        json_object_array_add(terms, jt);
    }
    json_object_object_add(o, "terms", terms);
    fputs(json_object_to_json_string_ext(o, JSON_FLAGS), w->out);
    json_object_put(o);
    if (putc('\n', w->out) == EOF)
        return export_write_error(ctx, w->name);
    return SEL_OK;
}

const struct par_writer_ops par_jsonl_ops = { NULL, jsonl_pair, NULL };
