// SPDX-License-Identifier: MIT
// The check report for the terminal: findings grouped by sentence pair, each pair shown once
// with both texts, then a summary by kind. Also the entry point that picks the writer.
#include "src/check/report_internal.h"

#include <string.h>

int sel_check_write(const struct sel_check_report *r, sel_ctx *ctx, enum sel_check_format format, FILE *out)
{
    SEL_CHECK_ARG(r && out, SEL_EINVAL);
    int rc;
    switch (format) {
    case SEL_CHECK_TSV:
        rc = check_write_tsv(r, ctx, out);
        break;
    case SEL_CHECK_JSON:
        rc = check_write_json(r, ctx, out);
        break;
    case SEL_CHECK_HTML:
        rc = check_write_html(r, ctx, out);
        break;
    default:
        rc = check_write_text(r, ctx, out);
        break;
    }
    if (rc == SEL_OK && (fflush(out) != 0 || ferror(out)))
        rc = sel_error(ctx, SEL_EIO, "write error");
    return rc;
}

void check_numbers(char *buf, size_t size, size_t first, size_t n)
{
    buf[0] = '\0';
    size_t o = 0;
    for (size_t k = 0; k < n && o + 24 < size; k++)
        o += (size_t)snprintf(buf + o, size - o, "%s%zu", k ? "," : "", first + k + 1);
}

static void print_side(FILE *out, const char *label, const struct sel_align_doc *d, size_t first, size_t n)
{
    fprintf(out, "  %s ", label);
    for (size_t k = first; k < first + n; k++)
        fprintf(out, "%s%.*s", k > first ? " " : "", (int)(d->sentences[k].end - d->sentences[k].start),
                d->text + d->sentences[k].start);
    if (!n)
        fputs("-", out);
    fputc('\n', out);
}

static void print_finding(FILE *out, const struct sel_finding *f)
{
    fprintf(out, "  %-18s", sel_check_kind_name(f->kind));
    switch (f->kind) {
    case SEL_CHECK_NOT_TRANSLATION:
        fprintf(out, "the target does not translate the source (%s)\n", f->found);
        return;
    case SEL_CHECK_MISSING_TERM:
        fprintf(out, "%s: expected %s\n", f->source_term, f->expected);
        return;
    case SEL_CHECK_DEPRECATED_TERM:
        fprintf(out, "%s is deprecated: use %s%s%s\n", f->found, f->expected, f->source_term ? " for " : "",
                f->source_term ? f->source_term : "");
        return;
    case SEL_CHECK_INCONSISTENT:
        fprintf(out, "%s: %s here, %s elsewhere\n", f->source_term, f->found, f->expected);
        return;
    case SEL_CHECK_NUMBER:
        if (f->found && f->tgt_end > f->tgt_start)
            fprintf(out, "%s: the target has %s\n", f->expected, f->found);
        else
            fprintf(out, "%s: not in the target\n", f->expected);
        return;
    case SEL_CHECK_UNTRANSLATED:
        if (f->source_term)
            fprintf(out, "%s left in Indonesian: expected %s\n", f->source_term, f->expected);
        else
            fprintf(out, "the target sentence is in Indonesian\n");
        return;
    case SEL_CHECK_ONE_SIDED:
        fprintf(out, "no translation of this sentence\n");
        return;
    default:
        fputc('\n', out);
    }
}

int check_write_text(const struct sel_check_report *r, sel_ctx *ctx, FILE *out)
{
    (void)ctx;
    const struct sel_finding *prev = NULL;
    for (size_t i = 0; i < r->n_findings; i++) {
        const struct sel_finding *f = &r->findings[i];
        if (f->kind == SEL_CHECK_NOT_TRANSLATION) {
            fprintf(out, "%s / %s:\n", r->src_name, r->tgt_name);
            print_finding(out, f);
            prev = f;
            continue;
        }
        if (!prev || prev->kind == SEL_CHECK_NOT_TRANSLATION || prev->bead != f->bead) {
            char s[64], t[64];
            const struct sel_bead *bd = &r->alignment.beads[f->bead];
            check_numbers(s, sizeof(s), bd->src, bd->n_src);
            check_numbers(t, sizeof(t), bd->tgt, bd->n_tgt);
            fprintf(out, "%s%s:%s  %s:%s\n", prev ? "\n" : "", r->src_name, bd->n_src ? s : "-", r->tgt_name,
                    bd->n_tgt ? t : "-");
            print_side(out, "id:", &r->src, bd->src, bd->n_src);
            print_side(out, "en:", &r->tgt, bd->tgt, bd->n_tgt);
        }
        print_finding(out, f);
        prev = f;
    }
    fprintf(out, "%s%zu finding%s", r->n_findings ? "\n" : "", r->n_findings, r->n_findings == 1 ? "" : "s");
    const char *sep = ": ";
    for (int k = 0; k < SEL_CHECK_KINDS; k++)
        if (r->count[k]) {
            fprintf(out, "%s%zu %s", sep, r->count[k], sel_check_kind_name((enum sel_check_kind)k));
            sep = ", ";
        }
    fprintf(out, " (%zu sentence pairs, %zu term occurrences checked, adequacy %.3f)\n", r->alignment.n,
            r->term_occurrences, r->adequacy);
    return SEL_OK;
}
