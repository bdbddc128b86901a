// SPDX-License-Identifier: MIT
// The check report as data: TSV and JSON, one finding per row, with the columns kind,
// src_sentence, tgt_sentences, source_term, expected, found, concept_id (sentence numbers are
// 1-based; the not-a-translation row names every sentence as "all").
#include "src/check/report_internal.h"

#include <json-c/json.h>
#include <string.h>

static void tsv_field(FILE *out, const char *s, bool last)
{
    for (; s && *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
    fputc(last ? '\n' : '\t', out);
}

int check_write_tsv(const struct sel_check_report *r, sel_ctx *ctx, FILE *out)
{
    (void)ctx;
    fputs("kind\tsrc_sentence\ttgt_sentences\tsource_term\texpected\tfound\tconcept_id\n", out);
    for (size_t i = 0; i < r->n_findings; i++) {
        const struct sel_finding *f = &r->findings[i];
        char s[64], t[64];
        bool whole = f->kind == SEL_CHECK_NOT_TRANSLATION;
        check_numbers(s, sizeof(s), f->src, f->n_src);
        check_numbers(t, sizeof(t), f->tgt, f->n_tgt);
        tsv_field(out, sel_check_kind_name(f->kind), false);
        tsv_field(out, whole ? "all" : s, false);
        tsv_field(out, whole ? "all" : t, false);
        tsv_field(out, f->source_term, false);
        tsv_field(out, f->expected, false);
        tsv_field(out, f->found, false);
        tsv_field(out, f->concept_id, true);
    }
    return SEL_OK;
}

static json_object *numbers(size_t first, size_t n)
{
    json_object *a = json_object_new_array();
    for (size_t k = first; k < first + n; k++)
        json_object_array_add(a, json_object_new_int64((int64_t)k + 1));
    return a;
}

static json_object *string_or_null(const char *s)
{
    return s ? json_object_new_string(s) : NULL;
}

int check_write_json(const struct sel_check_report *r, sel_ctx *ctx, FILE *out)
{
    json_object *root = json_object_new_object(), *counts = json_object_new_object(), *list = json_object_new_array();
    if (!root || !counts || !list) {
        json_object_put(root);
        json_object_put(counts);
        json_object_put(list);
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    json_object_object_add(root, "source", json_object_new_string(r->src_name ? r->src_name : ""));
    json_object_object_add(root, "target", json_object_new_string(r->tgt_name ? r->tgt_name : ""));
    char adequacy[16];
    snprintf(adequacy, sizeof(adequacy), "%.3f", r->adequacy);
    json_object_object_add(root, "adequacy", json_object_new_double_s(r->adequacy, adequacy));
    json_object_object_add(root, "sentence_pairs", json_object_new_int64((int64_t)r->alignment.n));
    json_object_object_add(root, "term_occurrences", json_object_new_int64((int64_t)r->term_occurrences));
    for (int k = 0; k < SEL_CHECK_KINDS; k++)
        json_object_object_add(counts, sel_check_kind_name((enum sel_check_kind)k),
                               json_object_new_int64((int64_t)r->count[k]));
    json_object_object_add(root, "counts", counts);
    for (size_t i = 0; i < r->n_findings; i++) {
        const struct sel_finding *f = &r->findings[i];
        json_object *o = json_object_new_object();
        json_object_object_add(o, "kind", json_object_new_string(sel_check_kind_name(f->kind)));
        json_object_object_add(o, "src_sentence", numbers(f->src, f->n_src));
        json_object_object_add(o, "tgt_sentences", numbers(f->tgt, f->n_tgt));
        json_object_object_add(o, "source_term", string_or_null(f->source_term));
        json_object_object_add(o, "expected", string_or_null(f->expected));
        json_object_object_add(o, "found", string_or_null(f->found));
        json_object_object_add(o, "concept_id", string_or_null(f->concept_id));
        json_object_array_add(list, o);
    }
    json_object_object_add(root, "findings", list);
    fputs(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), out);
    fputc('\n', out);
    json_object_put(root);
    return SEL_OK;
}
