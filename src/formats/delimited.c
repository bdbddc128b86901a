// SPDX-License-Identifier: MIT
// The delimited formats: the CSV glossary (RFC 4180, one row per concept and language pair), the
// three-column TSV glossary OmegaT reads, and the Moses and TSV parallel data.
#include "src/formats/formats_internal.h"

#include <string.h>

static const char *src_of(const struct sel_gloss_options *opt)
{
    return opt->src_lang ? opt->src_lang : "id";
}

static const char *tgt_of(const struct sel_gloss_options *opt)
{
    return opt->tgt_lang ? opt->tgt_lang : "en";
}

// What join_terms() writes of each term.
enum term_part { PART_TEXT, PART_STATUS, PART_CONFIRMED };

// The @p lang terms of @p e in the glossary's order of equivalents (sel_glossary_build() put the
// most confirmed first and the deprecated last), their text, status or confirmation count, joined
// by @p sep; statuses selected by the mask (1 preferred, 2 admitted, 4 deprecated).
static int join_terms(struct sel_buf *b, const struct sel_gloss_entry *e, const char *lang, const char *sep, int mask,
                      const struct sel_gloss_term *skip, enum term_part part)
{
    buf_reset(b);
    for (size_t k = 0; k < e->n_terms; k++) {
        const struct sel_gloss_term *t = &e->terms[k];
        if (!(mask & (1 << gloss_status_rank(t->status))) || !sel_lang_matches(t->lang, lang) || t == skip)
            continue;
        char count[32];
        snprintf(count, sizeof(count), "%ld", t->confirmed);
        const char *value = part == PART_TEXT ? t->text : part == PART_STATUS ? t->status : count;
        if ((b->len && buf_adds(b, sep) != SEL_OK) || buf_adds(b, value) != SEL_OK)
            return SEL_ENOMEM;
    }
    return SEL_OK;
}

static const struct sel_gloss_term *first_term(const struct sel_gloss_entry *e, const char *lang, bool allow_deprecated)
{
    for (size_t k = 0; k < e->n_terms; k++)
        if (sel_lang_matches(e->terms[k].lang, lang) && (allow_deprecated || gloss_status_rank(e->terms[k].status) < 2))
            return &e->terms[k];
    return NULL;
}

// The context of @p head (the first source term), else of the first term that has one.
static const char *first_context(const struct sel_gloss_entry *e, const struct sel_gloss_term *head)
{
    if (head && head->context)
        return head->context;
    for (size_t k = 0; k < e->n_terms; k++)
        if (e->terms[k].context)
            return e->terms[k].context;
    return NULL;
}

int gloss_write_csv(const sel_glossary *g, sel_ctx *ctx, const struct sel_gloss_options *opt, FILE *out)
{
    // The equivalents (target_terms) leave the deprecated out: they are listed under avoid. Each
    // list of terms has its statuses (and the targets their confirmation counts) in a column
    // after the others, term for term in the same order.
    static const char header[] = "concept_id,subject,source_lang,source_terms,target_lang,target_terms,"
                                 "part_of_speech,definition,note,count,context,cited_source,"
                                 "source_status,target_status,target_confirmed,avoid\r\n";
    fputs(header, out);
    struct sel_buf src = { 0 }, tgt = { 0 }, src_st = { 0 }, tgt_st = { 0 }, tgt_n = { 0 }, avoid = { 0 };
    int rc = SEL_OK;
    for (size_t i = 0; rc == SEL_OK && i < g->n; i++) {
        const struct sel_gloss_entry *e = &g->entries[i];
        if (join_terms(&src, e, src_of(opt), " | ", 7, NULL, PART_TEXT) != SEL_OK ||
            join_terms(&tgt, e, tgt_of(opt), " | ", 3, NULL, PART_TEXT) != SEL_OK ||
            join_terms(&src_st, e, src_of(opt), " | ", 7, NULL, PART_STATUS) != SEL_OK ||
            join_terms(&tgt_st, e, tgt_of(opt), " | ", 3, NULL, PART_STATUS) != SEL_OK ||
            join_terms(&tgt_n, e, tgt_of(opt), " | ", 3, NULL, PART_CONFIRMED) != SEL_OK ||
            join_terms(&avoid, e, tgt_of(opt), " | ", 4, NULL, PART_TEXT) != SEL_OK) {
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
            break;
        }
        // the languages as the first terms have them ("id-ID"), the pair asked for when there are none
        const struct sel_gloss_term *head = first_term(e, src_of(opt), true), *tgt_head = first_term(e, tgt_of(opt), true);
        char count[32] = "";
        if (e->count >= 0)
            snprintf(count, sizeof(count), "%ld", e->count);
        const char *cells[] = { e->concept_id, e->subject, head ? head->lang : src_of(opt), src.data ? src.data : "",
                                tgt_head ? tgt_head->lang : tgt_of(opt),
                                tgt.data ? tgt.data : "", head ? head->pos : NULL, e->definition, e->note,
                                count, first_context(e, head), e->cited_source, src_st.data ? src_st.data : "",
                                tgt_st.data ? tgt_st.data : "", tgt_n.data ? tgt_n.data : "",
                                avoid.data ? avoid.data : "" };
        for (size_t c = 0; c < sizeof(cells) / sizeof(cells[0]); c++) {
            if (c)
                putc(',', out);
            csv_put_field(out, cells[c]);
        }
        fputs("\r\n", out);
    }
    buf_finish(&src);
    buf_finish(&tgt);
    buf_finish(&src_st);
    buf_finish(&tgt_st);
    buf_finish(&tgt_n);
    buf_finish(&avoid);
    if (rc == SEL_OK && ferror(out))
        rc = export_write_error(ctx, NULL);
    return rc;
}

// OmegaT's glossary: source TAB target TAB comment, one line per source-language term; the
// target is the preferred equivalent, the comment the subject, other equivalents and the note.
int gloss_write_tsv(const sel_glossary *g, sel_ctx *ctx, const struct sel_gloss_options *opt, FILE *out)
{
    struct sel_buf also = { 0 }, avoid = { 0 }, comment = { 0 };
    int rc = SEL_OK;
    for (size_t i = 0; rc == SEL_OK && i < g->n; i++) {
        const struct sel_gloss_entry *e = &g->entries[i];
        const struct sel_gloss_term *target = first_term(e, tgt_of(opt), false);
        if (!target)
            continue;
        if (join_terms(&also, e, tgt_of(opt), ", ", 3, target, PART_TEXT) != SEL_OK ||
            join_terms(&avoid, e, tgt_of(opt), ", ", 4, NULL, PART_TEXT) != SEL_OK) {
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
            break;
        }
        for (size_t k = 0; k < e->n_terms; k++) {
            const struct sel_gloss_term *t = &e->terms[k];
            if (!sel_lang_matches(t->lang, src_of(opt)))
                continue;
            buf_reset(&comment);
            const char *parts[][2] = {
                { "", e->subject },
                { "also: ", also.len ? also.data : NULL },
                { "avoid: ", avoid.len ? avoid.data : NULL },
                { "", gloss_status_rank(t->status) == 2 ? "deprecated source form" : NULL },
                { "", e->note },
            };
            for (size_t p = 0; p < sizeof(parts) / sizeof(parts[0]) && rc == SEL_OK; p++) {
                if (!parts[p][1])
                    continue;
                if ((comment.len && buf_adds(&comment, "; ") != SEL_OK) || buf_adds(&comment, parts[p][0]) != SEL_OK ||
                    buf_adds(&comment, parts[p][1]) != SEL_OK)
                    rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
            }
            tsv_put_field(out, t->text);
            putc('\t', out);
            tsv_put_field(out, target->text);
            putc('\t', out);
            tsv_put_field(out, comment.data ? comment.data : "");
            putc('\n', out);
        }
    }
    buf_finish(&also);
    buf_finish(&avoid);
    buf_finish(&comment);
    if (rc == SEL_OK && ferror(out))
        rc = export_write_error(ctx, NULL);
    return rc;
}

/* ---- Parallel data ---- */

static int moses_pair(struct par_writer *w, sel_ctx *ctx, const struct par_pair *p)
{
    tsv_put_field(w->out, p->src_factored ? p->src_factored : p->src);
    putc('\n', w->out);
    tsv_put_field(w->out2, p->tgt);
    if (putc('\n', w->out2) == EOF)
        return export_write_error(ctx, w->name2);
    return SEL_OK;
}

static int tsv_pair(struct par_writer *w, sel_ctx *ctx, const struct par_pair *p)
{
    tsv_put_field(w->out, p->src_factored ? p->src_factored : p->src);
    putc('\t', w->out);
    tsv_put_field(w->out, p->tgt);
    if (putc('\n', w->out) == EOF)
        return export_write_error(ctx, w->name);
    return SEL_OK;
}

const struct par_writer_ops par_moses_ops = { NULL, moses_pair, NULL };
const struct par_writer_ops par_tsv_ops = { NULL, tsv_pair, NULL };
