// SPDX-License-Identifier: MIT
// The check report as one self-contained HTML page (no network: style and script inline): a
// summary table by kind with a filter for each, then the sentence pairs side by side with the
// findings highlighted on both sides and listed under the pair.
#include "src/check/report_internal.h"

#include <stdlib.h>
#include <string.h>

static void esc(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i]; i++) {
        switch (s[i]) {
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '&':
            fputs("&amp;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        default:
            fputc(s[i], out);
        }
    }
}

static void esc_str(FILE *out, const char *s)
{
    if (s)
        esc(out, s, strlen(s));
}

static const char STYLE[] =
    "body{font-family:sans-serif;margin:1.5em;color:#222;background:#fff}"
    "h1{font-size:1.3em}table{border-collapse:collapse}"
    "#summary td,#summary th{border:1px solid #bbb;padding:.25em .6em;text-align:left}"
    "#pairs{width:100%;margin-top:1em}#pairs td{vertical-align:top;border-top:1px solid #ddd;padding:.4em;width:50%}"
    "#pairs td.num{width:3em;color:#777;font-size:.85em}"
    "mark{padding:0 .1em;border-radius:2px}"
    "mark.not-a-translation,li.not-a-translation{background:#f4a6a6}mark.missing-term{background:#ffd27f}"
    "mark.deprecated-term{background:#f7a1c4}mark.inconsistent{background:#c7b3f5}mark.number{background:#9fd8f5}"
    "mark.untranslated{background:#b6e3a8}mark.one-sided{background:#ddd}"
    "ul.findings{margin:.2em 0 .2em 3em;padding:0;font-size:.9em}li.finding{list-style:square}"
    "span.kind{font-weight:bold;margin-right:.5em}";

// Hides the findings of an unchecked kind and takes their highlights off.
static const char SCRIPT[] =
    "function applyFilters(){"
    "var on={};document.querySelectorAll('input.filter').forEach(function(c){on[c.value]=c.checked;});"
    "document.querySelectorAll('li.finding').forEach(function(li){li.style.display=on[li.dataset.kind]?'':'none';});"
    "document.querySelectorAll('#pairs mark').forEach(function(m){m.className=on[m.dataset.kind]?m.dataset.kind:'';});}"
    "document.querySelectorAll('input.filter').forEach(function(c){c.addEventListener('change',applyFilters);});";

struct span {
    size_t start, end;
    enum sel_check_kind kind;
};

static int cmp_span(const void *a, const void *b)
{
    const struct span *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start ? 1 : (x->end > y->end) - (x->end < y->end);
}

// The sentences [first, first + n) of @p d, with @p spans (sorted; overlapping ones after the
// first are left out) marked.
static void print_side(FILE *out, const struct sel_align_doc *d, size_t first, size_t n, const struct span *spans,
                       size_t n_spans)
{
    size_t s = 0;
    for (size_t k = first; k < first + n; k++) {
        const struct sel_sentence *t = &d->sentences[k];
        if (k > first)
            fputc(' ', out);
        size_t pos = t->start;
        for (; s < n_spans && spans[s].start < t->end; s++) {
            if (spans[s].start < pos || spans[s].end > t->end)
                continue;
            esc(out, d->text + pos, spans[s].start - pos);
            const char *kind = sel_check_kind_name(spans[s].kind);
            fprintf(out, "<mark class=\"%s\" data-kind=\"%s\">", kind, kind);
            esc(out, d->text + spans[s].start, spans[s].end - spans[s].start);
            fputs("</mark>", out);
            pos = spans[s].end;
        }
        esc(out, d->text + pos, t->end - pos);
    }
}

static void describe(FILE *out, const struct sel_finding *f)
{
    const char *kind = sel_check_kind_name(f->kind);
    fprintf(out, "<li class=\"finding %s\" data-kind=\"%s\"><span class=\"kind\">%s</span>", kind, kind, kind);
    if (f->source_term) {
        esc_str(out, f->source_term);
        fputs(": ", out);
    }
    if (f->expected) {
        fputs("expected <b>", out);
        esc_str(out, f->expected);
        fputs("</b>", out);
    }
    if (f->found && f->kind != SEL_CHECK_MISSING_TERM) {
        fputs(f->expected ? "; found <b>" : "<b>", out);
        esc_str(out, f->found);
        fputs("</b>", out);
    }
    if (f->concept_id) {
        fputs(" <small>(", out);
        esc_str(out, f->concept_id);
        fputs(")</small>", out);
    }
    fputs("</li>\n", out);
}

int check_write_html(const struct sel_check_report *r, sel_ctx *ctx, FILE *out)
{
    struct span *ss = malloc((r->n_findings + 1) * sizeof(*ss)), *ts = malloc((r->n_findings + 1) * sizeof(*ts));
    if (!ss || !ts) {
        free(ss);
        free(ts);
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>selaras check: ", out);
    esc_str(out, r->src_name);
    fprintf(out, "</title>\n<style>%s</style></head>\n<body>\n<h1>Terminology check: ", STYLE);
    esc_str(out, r->src_name);
    fputs(" / ", out);
    esc_str(out, r->tgt_name);
    fprintf(out, "</h1>\n<p id=\"totals\">%zu findings in %zu sentence pairs; %zu term occurrences checked; "
                 "adequacy %.3f</p>\n",
            r->n_findings, r->alignment.n, r->term_occurrences, r->adequacy);
    fputs("<table id=\"summary\"><tr><th>show</th><th>kind</th><th>findings</th></tr>\n", out);
    for (int k = 0; k < SEL_CHECK_KINDS; k++) {
        const char *kind = sel_check_kind_name((enum sel_check_kind)k);
        fprintf(out, "<tr><td><input type=\"checkbox\" class=\"filter\" value=\"%s\" checked></td>"
                     "<td><mark class=\"%s\" data-kind=\"%s\">%s</mark></td><td class=\"count\" data-kind=\"%s\">%zu</td></tr>\n",
                kind, kind, kind, kind, kind, r->count[k]);
    }
    fputs("</table>\n<table id=\"pairs\">\n", out);
    size_t f0 = 0; // findings are sorted by bead: those of bead b start at f0
    bool whole = r->n_findings && r->findings[0].kind == SEL_CHECK_NOT_TRANSLATION;
    if (whole) {
        fputs("<tr class=\"findings-row\"><td class=\"num\"></td><td colspan=\"2\"><ul class=\"findings\">", out);
        describe(out, &r->findings[0]);
        fputs("</ul></td></tr>\n", out);
        f0 = 1;
    }
    for (size_t b = 0; b < r->alignment.n; b++) {
        const struct sel_bead *bd = &r->alignment.beads[b];
        size_t f1 = f0;
        while (f1 < r->n_findings && r->findings[f1].bead == b)
            f1++;
        size_t ns = 0, nt = 0;
        for (size_t i = f0; i < f1; i++) {
            const struct sel_finding *f = &r->findings[i];
            if (f->src_end > f->src_start)
                ss[ns++] = (struct span){ f->src_start, f->src_end, f->kind };
            if (f->tgt_end > f->tgt_start)
                ts[nt++] = (struct span){ f->tgt_start, f->tgt_end, f->kind };
        }
        qsort(ss, ns, sizeof(*ss), cmp_span);
        qsort(ts, nt, sizeof(*ts), cmp_span);
        char num[64];
        check_numbers(num, sizeof(num), bd->src, bd->n_src);
        fprintf(out, "<tr class=\"pair\" id=\"pair-%zu\"><td class=\"num\">%s</td><td lang=\"id\">", b + 1, num);
        print_side(out, &r->src, bd->src, bd->n_src, ss, ns);
        fputs("</td><td lang=\"en\">", out);
        print_side(out, &r->tgt, bd->tgt, bd->n_tgt, ts, nt);
        fputs("</td></tr>\n", out);
        if (f1 > f0) {
            fputs("<tr class=\"findings-row\"><td class=\"num\"></td><td colspan=\"2\"><ul class=\"findings\">\n", out);
            for (size_t i = f0; i < f1; i++)
                describe(out, &r->findings[i]);
            fputs("</ul></td></tr>\n", out);
        }
        f0 = f1;
    }
    fprintf(out, "</table>\n<script>%s</script>\n</body></html>\n", SCRIPT);
    free(ss);
    free(ts);
    return SEL_OK;
}
