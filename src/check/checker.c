// SPDX-License-Identifier: MIT
// The check as a whole: pair the sentences (align, or take the units), judge whether the target
// translates the source at all, tag both sides, then run each kind of check bead by bead.
#include "src/check/check_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const KIND_NAMES[SEL_CHECK_KINDS] = {
    "not-a-translation", "missing-term", "deprecated-term", "inconsistent", "number", "untranslated", "one-sided",
};

const char *sel_check_kind_name(enum sel_check_kind kind)
{
    return kind < SEL_CHECK_KINDS ? KIND_NAMES[kind] : "";
}

int sel_check_kind_from_name(const char *name)
{
    for (int k = 0; k < SEL_CHECK_KINDS; k++)
        if (strcmp(name, KIND_NAMES[k]) == 0)
            return k;
    return -1;
}

int sel_checker_new(sel_checker **out, sel_ctx *ctx, const sel_termbase *tb)
{
    SEL_CHECK_ARG(out, SEL_EINVAL);
    *out = NULL;
    sel_checker *ck = calloc(1, sizeof(*ck));
    if (!ck)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    int rc = SEL_OK;
    if (!tb && (rc = sel_termbase_open_bundled(&ck->own_tb, ctx)) == SEL_OK)
        tb = ck->own_tb;
    ck->tb = tb;
    struct sel_align_options opts;
    sel_align_options_default(&opts);
    opts.termbase = tb;
    if (rc == SEL_OK)
        rc = sel_aligner_new(&ck->aligner, ctx, &opts);
    if (rc == SEL_OK)
        rc = sel_tagger_new(&ck->tag_src, ctx, tb, "id");
    if (rc == SEL_OK)
        rc = sel_tagger_new(&ck->tag_tgt, ctx, tb, "en");
    if (rc != SEL_OK) {
        sel_checker_free(ck);
        return rc;
    }
    // Spelling suggestions cost milliseconds per unknown word (most are names): a misspelt English
    // term confirms nothing, and the termbase lists the misspellings of Indonesian terms it knows.
    sel_analyzer_suggest(sel_tagger_analyzer(ck->tag_tgt), false);
    sel_analyzer_suggest(sel_tagger_analyzer(ck->tag_src), false);
    *out = ck;
    return SEL_OK;
}

void sel_checker_free(sel_checker *ck)
{
    if (!ck)
        return;
    sel_tagger_free(ck->tag_tgt);
    sel_tagger_free(ck->tag_src);
    sel_aligner_free(ck->aligner);
    sel_termbase_free(ck->own_tb);
    free(ck);
}

void sel_check_report_finish(struct sel_check_report *r)
{
    if (!r)
        return;
    sel_align_doc_finish(&r->src);
    sel_align_doc_finish(&r->tgt);
    sel_alignment_finish(&r->alignment);
    free(r->src_text);
    free(r->tgt_text);
    free(r->findings);
    sel_arena_finish(&r->strings);
    memset(r, 0, sizeof(*r));
}

/* ---- findings ------------------------------------------------------------------------------ */

static const char *keep(struct check_run *run, const char *s)
{
    if (!s)
        return NULL;
    const char *copy = sel_arena_strndup(&run->r->strings, s, strlen(s));
    if (!copy)
        run->rc = SEL_ENOMEM;
    return copy;
}

int check_add(struct check_run *run, const struct sel_finding *f)
{
    struct sel_check_report *r = run->r;
    if (r->n_findings == r->cap_findings) {
        size_t cap = r->cap_findings ? r->cap_findings * 2 : 32;
        struct sel_finding *v = realloc(r->findings, cap * sizeof(*v));
        if (!v)
            return sel_error(run->ctx, SEL_ENOMEM, "out of memory");
        r->findings = v;
        r->cap_findings = cap;
    }
    struct sel_finding *g = &r->findings[r->n_findings];
    *g = *f;
    g->source_term = keep(run, f->source_term);
    g->expected = keep(run, f->expected);
    g->found = keep(run, f->found);
    g->concept_id = keep(run, f->concept_id);
    if (run->rc != SEL_OK)
        return sel_error(run->ctx, SEL_ENOMEM, "out of memory");
    r->n_findings++;
    r->count[f->kind]++;
    return SEL_OK;
}

const char *check_sentences_text(struct check_run *run, const struct sel_align_doc *d, size_t first, size_t n)
{
    size_t len = 0;
    for (size_t k = first; k < first + n; k++)
        len += d->sentences[k].end - d->sentences[k].start + 1;
    char *s = sel_arena_alloc(&run->r->strings, len + 1);
    if (!s) {
        run->rc = SEL_ENOMEM;
        return "";
    }
    size_t o = 0;
    for (size_t k = first; k < first + n; k++) {
        const struct sel_sentence *t = &d->sentences[k];
        if (o)
            s[o++] = ' ';
        memcpy(s + o, d->text + t->start, t->end - t->start);
        o += t->end - t->start;
    }
    s[o] = '\0';
    return s;
}

const char *check_approved(struct check_run *run, const struct sel_concept *c, const char *lang)
{
    size_t len = 1;
    for (size_t t = 0; t < c->n_terms; t++)
        len += strlen(c->terms[t].text) + 3;
    char *s = sel_arena_alloc(&run->r->strings, len);
    if (!s) {
        run->rc = SEL_ENOMEM;
        return "";
    }
    s[0] = '\0';
    size_t o = 0;
    // preferred terms first, then admitted ones, in the termbase's order
    for (int status = SEL_STATUS_PREFERRED; status <= SEL_STATUS_ADMITTED; status++)
        for (size_t t = 0; t < c->n_terms; t++) {
            const struct sel_term *term = &c->terms[t];
            if ((int)term->status != status || strcmp(term->lang, lang) != 0)
                continue;
            size_t k = strlen(term->text);
            if (o) {
                memcpy(s + o, " | ", 3);
                o += 3;
            }
            memcpy(s + o, term->text, k);
            o += k;
            s[o] = '\0';
        }
    return s;
}

/* ---- tagging ------------------------------------------------------------------------------- */

struct collect {
    struct check_matches *into;
    size_t sentence;
    const char *text;
    bool source;
    int rc;
};

// A number alone is not a term ("8" in "(15/8)" is not the G-8): a match must hold a letter.
static bool has_letter(const char *s, size_t start, size_t end)
{
    for (size_t i = start; i < end; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80)
            return true;
    }
    return false;
}

static bool keep_match(void *user, const struct sel_term_match *m)
{
    struct collect *c = user;
    if (!has_letter(c->text, m->start, m->end))
        return true;
    struct check_matches *into = c->into;
    if (into->n == into->cap) {
        size_t cap = into->cap ? into->cap * 2 : 256;
        struct check_match *v = realloc(into->v, cap * sizeof(*v));
        if (!v) {
            c->rc = SEL_ENOMEM;
            return false;
        }
        into->v = v;
        into->cap = cap;
    }
    into->v[into->n++] = (struct check_match){ c->sentence, *m };
    return true;
}

// Tags every sentence of @p d that is not boilerplate: the longest matches (source), or every
// match, ambiguous ones included (target), as ingest does to confirm equivalents.
static int tag_side(struct check_run *run, sel_tagger *tagger, const struct sel_align_doc *d, bool all,
                    struct check_matches *into)
{
    into->first = calloc(d->n + 1, sizeof(size_t));
    if (!into->first)
        return sel_error(run->ctx, SEL_ENOMEM, "out of memory");
    sel_tagger_new_document(tagger);
    for (size_t k = 0; k < d->n; k++) {
        into->first[k] = into->n;
        const struct sel_sentence *s = &d->sentences[k];
        if (s->boilerplate)
            continue;
        if (!all) { // a source sentence: its aligned translation says which sense of a shared form is meant
            const struct sel_alignment *al = &run->r->alignment;
            const char *target = NULL;
            size_t len = 0;
            for (size_t b = 0; b < al->n && !target; b++)
                if (al->beads[b].n_src && al->beads[b].n_tgt && k >= al->beads[b].src &&
                    k < al->beads[b].src + al->beads[b].n_src) {
                    const struct sel_sentence *t0 = &run->r->tgt.sentences[al->beads[b].tgt];
                    const struct sel_sentence *t1 = &run->r->tgt.sentences[al->beads[b].tgt + al->beads[b].n_tgt - 1];
                    target = run->r->tgt.text + t0->start;
                    len = t1->end - t0->start;
                }
            int rc = sel_tagger_set_translation(tagger, run->ctx, target, len);
            if (rc != SEL_OK)
                return rc;
        }
        struct collect c = { into, k, d->text, !all, SEL_OK };
        int rc = sel_tagger_tag_span(tagger, run->ctx, d->text, s->start, s->end, all, keep_match, &c);
        if (rc == SEL_OK && c.rc != SEL_OK)
            rc = sel_error(run->ctx, c.rc, "out of memory");
        if (rc != SEL_OK)
            return rc;
    }
    into->first[d->n] = into->n;
    return all ? SEL_OK : sel_tagger_set_translation(tagger, run->ctx, NULL, 0);
}

/* ---- the run ------------------------------------------------------------------------------- */

// Findings in source order: by the first source sentence concerned (a target-only finding by
// where its bead stands), then by position, then by kind.
static int cmp_finding(const void *a, const void *b)
{
    const struct sel_finding *x = a, *y = b;
    if (x->bead != y->bead)
        return x->bead < y->bead ? -1 : 1;
    if (x->src_start != y->src_start)
        return x->src_start < y->src_start ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return x->tgt_start < y->tgt_start ? -1 : x->tgt_start > y->tgt_start;
}

// Whether target sentence @p k is a source sentence of bead @p bd copied as it is (a headline
// has too few function words to be told by them); a copied name or number alone is not.
static bool copied(const struct sel_check_report *r, const struct sel_bead *bd, size_t k)
{
    const struct sel_sentence *t = &r->tgt.sentences[k];
    size_t len = t->end - t->start, spaces = 0;
    for (size_t i = t->start; i < t->end; i++)
        spaces += r->tgt.text[i] == ' ';
    if (spaces < 3)
        return false;
    for (size_t j = bd->src; j < bd->src + bd->n_src; j++) {
        const struct sel_sentence *s = &r->src.sentences[j];
        if (s->end - s->start == len && memcmp(r->src.text + s->start, r->tgt.text + t->start, len) == 0)
            return true;
    }
    return false;
}

// Names in source sentence @p k (a capitalised word inside the sentence, not in a term) and how many of them
// the target [start, end) writes alike. A headline capitalises its words: it has none.
static void name_evidence(const struct check_run *run, size_t k, size_t start, size_t end, size_t *possible,
                          size_t *shared)
{
    const struct sel_check_report *r = run->r;
    const struct sel_sentence *s = &r->src.sentences[k];
    const char *t = r->src.text;
    size_t words = 0, capitals = 0;
    for (size_t i = s->start; i < s->end; i++)
        if ((i == s->start || t[i - 1] == ' ') && t[i] != ' ') {
            words++;
            capitals += t[i] >= 'A' && t[i] <= 'Z';
        }
    if (2 * capitals > words)
        return;
    bool first = true;
    for (size_t i = s->start; i < s->end;) {
        unsigned char c = (unsigned char)t[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < s->end && (((unsigned char)t[j] | 0x20) >= 'a' && ((unsigned char)t[j] | 0x20) <= 'z'))
            j++;
        // a word of a term ("Konsensus Lima Poin") is the term's evidence, not a name's
        bool in_term = false;
        for (size_t x = run->src.first[k]; x < run->src.first[k + 1] && !in_term; x++)
            in_term = run->src.v[x].m.start <= i && run->src.v[x].m.end >= j;
        if (!first && c >= 'A' && c <= 'Z' && j - i >= 3 && !in_term) {
            ++*possible;
            *shared += check_has_word(r->tgt.text, start, end, t + i, j - i);
        }
        first = false;
        i = j;
    }
}

// Whether the target of the merged bead @p bd (two source sentences) is no longer than the other
// sentence's translation alone would be: nearer its length than both sentences' together. For a
// sentence with no term, number or name ("Harus permanen.") the length is what tells.
static bool no_room(const struct sel_check_report *r, const struct sel_bead *bd, size_t x)
{
    const struct sel_sentence *s = &r->src.sentences[bd->src + x], *o = &r->src.sentences[bd->src + 1 - x];
    size_t len = s->end - s->start, other = o->end - o->start;
    size_t tgt = r->tgt.sentences[bd->tgt + bd->n_tgt - 1].end - r->tgt.sentences[bd->tgt].start;
    return 2 * tgt < 2 * other + len;
}

// Reported speech: a source sentence that attributes what it says ("katanya", "menurut dia")
// and a target that does too ("he said", "according to") share one piece of evidence. A sentence
// the translator added to explain something seldom quotes anyone.
static const char *const SAYS_ID[] = { "kata", "katanya", "ujar", "ujarnya", "ucapnya", "tuturnya", "ungkapnya",
                                       "imbuhnya", "tambahnya", "tegasnya", "menurut", "menurutnya", "mengatakan",
                                       "menyatakan", "menegaskan", "menambahkan", NULL };
static const char *const SAYS_EN[] = { "said", "says", "say", "saying", "told", "added", "adding", "according",
                                       "stated", "stressed", "insisted", NULL };

static bool any_word(const char *text, size_t start, size_t end, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        if (check_has_word(text, start, end, words[i], strlen(words[i])))
            return true;
    return false;
}

static void speech_evidence(const struct sel_check_report *r, size_t k, size_t start, size_t end, size_t *possible,
                            size_t *shared)
{
    const struct sel_sentence *s = &r->src.sentences[k];
    if (!any_word(r->src.text, s->start, s->end, SAYS_ID))
        return;
    ++*possible;
    *shared += any_word(r->tgt.text, start, end, SAYS_EN);
}

// A bead below this score pairs sentences the search could not tell apart from unrelated ones;
// below the second, any term left unshared says so.
static const double UNSURE_BEAD = 0.9, UNRELATED_BEAD = 0.2;

// Source sentences of the 2-sided bead @p b that have no counterpart in its target: a sentence
// dropped by the translator is merged by the aligner into a neighbour's bead (2-1), or paired
// with a sentence the translator added (a 1-1 the search is unsure of). Such a sentence holds
// terms, numbers or names (two at least; one in a bead the search found unrelated) and its target
// shares none of them (in a merged bead, while the other sentence shares some; or, of four or
// more, under a quarter, one by chance, while the other sentence shares half of its own).
static int one_sided_in_bead(struct check_run *run, size_t b)
{
    const struct sel_check_report *r = run->r;
    const struct sel_bead *bd = &r->alignment.beads[b];
    size_t start = r->tgt.sentences[bd->tgt].start, end = r->tgt.sentences[bd->tgt + bd->n_tgt - 1].end;
    size_t possible[2] = { 0 }, shared[2] = { 0 };
    for (size_t k = bd->src; k < bd->src + bd->n_src && k < bd->src + 2; k++) {
        if (r->src.sentences[k].boilerplate)
            continue;
        size_t x = k - bd->src;
        check_term_evidence(run, b, k, bd->n_src == 2 ? bd->src + 1 - x : SIZE_MAX, &possible[x], &shared[x]);
        check_number_evidence(run, b, k, &possible[x], &shared[x]);
        name_evidence(run, k, start, end, &possible[x], &shared[x]);
        speech_evidence(r, k, start, end, &possible[x], &shared[x]);
    }
    int rc = SEL_OK;
    for (size_t x = 0; rc == SEL_OK && x < bd->n_src && x < 2; x++) {
        bool alone = bd->n_src == 1 ? (bd->score < UNSURE_BEAD && possible[x] >= 2 && shared[x] == 0) ||
                                          (bd->score < UNRELATED_BEAD && possible[x] >= 1 && shared[x] == 0)
                                    : (possible[x] >= 2 && shared[x] == 0 && shared[1 - x] > 0) ||
                                          (possible[x] >= 4 && 4 * shared[x] < possible[x] &&
                                           2 * shared[1 - x] >= possible[1 - x] && shared[1 - x] > 0) ||
                                          (bd->n_src == 2 && possible[x] == 0 && shared[1 - x] > 0 &&
                                           bd->score < UNSURE_BEAD && no_room(r, bd, x));
        if (!alone)
            continue;
        const struct sel_sentence *s = &r->src.sentences[bd->src + x];
        run->src_one_sided[bd->src + x] = true;
        struct sel_finding f = { .kind = SEL_CHECK_ONE_SIDED, .bead = b, .src = bd->src + x, .n_src = 1,
                                 .tgt = bd->tgt, .n_tgt = 0, .src_start = s->start, .src_end = s->end };
        rc = check_add(run, &f);
    }
    return rc;
}

// Below this adequacy, with enough evidence to judge, the target is another text.
static const double NOT_A_TRANSLATION = 0.5;

static int run_checks(sel_checker *ck, sel_ctx *ctx, struct sel_check_report *r)
{
    struct check_run run = { .ck = ck, .ctx = ctx, .r = r, .rc = SEL_OK };
    struct sel_adequacy adequacy;
    int rc = sel_align_adequacy(&adequacy, ck->aligner, ctx, &r->src, &r->tgt, &r->alignment);
    r->adequacy = adequacy.score;
    if (rc != SEL_OK)
        return rc;
    // Checked first: the findings of a pair that is not a translation would all be noise.
    if (adequacy.score < NOT_A_TRANSLATION && r->src.n && r->tgt.n) {
        char found[96];
        snprintf(found, sizeof(found), "adequacy %.3f: %.0f%% of the evidence the sentences could share", adequacy.score,
                 100 * adequacy.rate);
        struct sel_finding f = { .kind = SEL_CHECK_NOT_TRANSLATION, .bead = 0, .src = 0, .n_src = r->src.n,
                                 .tgt = 0, .n_tgt = r->tgt.n, .found = found };
        return check_add(&run, &f);
    }
    run.tgt_untranslated = calloc(r->tgt.n + 1, sizeof(bool));
    run.src_one_sided = calloc(r->src.n + 1, sizeof(bool));
    if (!run.tgt_untranslated || !run.src_one_sided) {
        free(run.tgt_untranslated);
        free(run.src_one_sided);
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    rc = tag_side(&run, ck->tag_src, &r->src, false, &run.src);
    if (rc == SEL_OK)
        rc = tag_side(&run, ck->tag_tgt, &r->tgt, true, &run.tgt);
    for (size_t b = 0; rc == SEL_OK && b < r->alignment.n; b++) {
        const struct sel_bead *bd = &r->alignment.beads[b];
        if (bd->n_src && !bd->n_tgt) {
            for (size_t k = bd->src; rc == SEL_OK && k < bd->src + bd->n_src; k++) {
                const struct sel_sentence *s = &r->src.sentences[k];
                r->term_occurrences += run.src.first[k + 1] - run.src.first[k];
                if (s->boilerplate)
                    continue;
                struct sel_finding f = { .kind = SEL_CHECK_ONE_SIDED, .bead = b, .src = k, .n_src = 1,
                                         .tgt = bd->tgt, .n_tgt = 0, .src_start = s->start, .src_end = s->end };
                rc = check_add(&run, &f);
            }
            continue;
        }
        // Indonesian left in the target: reported once per sentence; its terms are not checked.
        for (size_t k = bd->tgt; rc == SEL_OK && bd->n_src && k < bd->tgt + bd->n_tgt; k++) {
            const struct sel_sentence *s = &r->tgt.sentences[k];
            if (s->boilerplate || !(check_is_indonesian(r->tgt.text, s->start, s->end) || copied(r, bd, k)))
                continue;
            run.tgt_untranslated[k] = true;
            struct sel_finding f = { .kind = SEL_CHECK_UNTRANSLATED, .bead = b, .src = bd->src, .n_src = bd->n_src,
                                     .tgt = k, .n_tgt = 1, .src_start = r->src.sentences[bd->src].start,
                                     .src_end = r->src.sentences[bd->src].start, .tgt_start = s->start,
                                     .tgt_end = s->end, .found = check_sentences_text(&run, &r->tgt, k, 1) };
            rc = check_add(&run, &f);
        }
        bool untranslated = false;
        for (size_t k = bd->tgt; k < bd->tgt + bd->n_tgt; k++)
            untranslated |= run.tgt_untranslated[k];
        if (rc == SEL_OK && bd->n_src && bd->n_tgt && !untranslated)
            rc = one_sided_in_bead(&run, b);
        if (rc == SEL_OK)
            rc = check_bead_terms(&run, b);
        if (rc == SEL_OK && bd->n_src && bd->n_tgt)
            rc = check_bead_numbers(&run, b);
    }
    if (rc == SEL_OK)
        rc = check_consistency(&run);
    if (rc == SEL_OK && run.rc != SEL_OK)
        rc = sel_error(ctx, run.rc, "out of memory");
    if (rc == SEL_OK && r->n_findings > 1)
        qsort(r->findings, r->n_findings, sizeof(*r->findings), cmp_finding);
    free(run.src.v);
    free(run.src.first);
    free(run.tgt.v);
    free(run.tgt.first);
    free(run.tgt_untranslated);
    free(run.src_one_sided);
    free(run.rend);
    return rc;
}

static char *copy_text(const char *s, size_t len)
{
    char *c = malloc(len + 1);
    if (c) {
        memcpy(c, s, len);
        c[len] = '\0';
    }
    return c;
}

int sel_check_texts(sel_checker *ck, sel_ctx *ctx, const char *src_name, const char *src, size_t src_len,
                    const char *tgt_name, const char *tgt, size_t tgt_len, bool presegmented,
                    struct sel_check_report *out)
{
    SEL_CHECK_ARG(ck && out && (src || !src_len) && (tgt || !tgt_len), SEL_EINVAL);
    memset(out, 0, sizeof(*out));
    out->src_name = src_name;
    out->tgt_name = tgt_name;
    out->src_text = copy_text(src ? src : "", src_len);
    out->tgt_text = copy_text(tgt ? tgt : "", tgt_len);
    if (!out->src_text || !out->tgt_text) {
        sel_check_report_finish(out);
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    int (*split)(struct sel_align_doc *, sel_aligner *, sel_ctx *, enum sel_align_side_kind, const char *, size_t) =
        presegmented ? sel_align_doc_lines : sel_align_doc_segment;
    int rc = split(&out->src, ck->aligner, ctx, SEL_ALIGN_SRC, out->src_text, src_len);
    if (rc == SEL_OK)
        rc = split(&out->tgt, ck->aligner, ctx, SEL_ALIGN_TGT, out->tgt_text, tgt_len);
    if (rc == SEL_OK)
        rc = sel_align(&out->alignment, ck->aligner, ctx, &out->src, &out->tgt);
    if (rc == SEL_OK)
        rc = run_checks(ck, ctx, out);
    if (rc != SEL_OK)
        sel_check_report_finish(out);
    return rc;
}

// One side of the units as text, a line each.
static char *join_units(const struct sel_segment_pair *pairs, size_t n, bool source, size_t *len)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += strlen(source ? pairs[i].src : pairs[i].tgt) + 1;
    char *s = malloc(total + 1);
    if (!s)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        const char *seg = source ? pairs[i].src : pairs[i].tgt;
        size_t k = strlen(seg);
        memcpy(s + o, seg, k);
        o += k;
        s[o++] = '\n';
    }
    s[o] = '\0';
    *len = o;
    return s;
}

int sel_check_pairs(sel_checker *ck, sel_ctx *ctx, const char *name, const struct sel_segment_pair *pairs,
                    size_t n, struct sel_check_report *out)
{
    SEL_CHECK_ARG(ck && out && (pairs || !n), SEL_EINVAL);
    memset(out, 0, sizeof(*out));
    out->src_name = out->tgt_name = name;
    for (size_t i = 0; i < n; i++) {
        const char *bad = !pairs[i].src || !pairs[i].tgt ? "has a missing segment"
                          : strpbrk(pairs[i].src, "\r\n") || strpbrk(pairs[i].tgt, "\r\n") ? "has a line break"
                          : !pairs[i].src[strspn(pairs[i].src, " \t")] || !pairs[i].tgt[strspn(pairs[i].tgt, " \t")]
                              ? "has an empty segment"
                              : NULL;
        if (bad)
            return sel_error(ctx, SEL_EPARSE, "%s: unit %zu %s", name, i + 1, bad);
    }
    size_t src_len = 0, tgt_len = 0;
    out->src_text = join_units(pairs, n, true, &src_len);
    out->tgt_text = join_units(pairs, n, false, &tgt_len);
    int rc = out->src_text && out->tgt_text ? SEL_OK : sel_error(ctx, SEL_ENOMEM, "out of memory");
    if (rc == SEL_OK)
        rc = sel_align_doc_lines(&out->src, ck->aligner, ctx, SEL_ALIGN_SRC, out->src_text, src_len);
    if (rc == SEL_OK)
        rc = sel_align_doc_lines(&out->tgt, ck->aligner, ctx, SEL_ALIGN_TGT, out->tgt_text, tgt_len);
    if (rc == SEL_OK && (out->src.n != n || out->tgt.n != n))
        rc = sel_error(ctx, SEL_EPARSE, "%s: a unit's segment is not one line", name);
    if (rc == SEL_OK && n && !(out->alignment.beads = calloc(n, sizeof(struct sel_bead))))
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    for (size_t i = 0; rc == SEL_OK && i < n; i++) // the units are the beads
        out->alignment.beads[out->alignment.n++] = (struct sel_bead){ i, 1, i, 1, 1.0 };
    if (rc == SEL_OK)
        rc = run_checks(ck, ctx, out);
    if (rc != SEL_OK)
        sel_check_report_finish(out);
    return rc;
}

// The sentences of a side, a line each, as sel_align_doc_lines() reads them.
static char *join_side(const struct sel_check_side *side, size_t *len)
{
    size_t total = 1;
    for (size_t i = 0; i < side->n; i++)
        total += side->len[i] + 1;
    char *s = malloc(total);
    if (!s)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < side->n; i++) {
        memcpy(s + o, side->sentences[i], side->len[i]);
        o += side->len[i];
        s[o++] = '\n';
    }
    s[o] = '\0';
    *len = o;
    return s;
}

// Whether a side's sentence is one line with something on it: else the sentence numbers of the
// lines read back would not be the stored ones.
static const char *bad_sentence(const struct sel_check_side *side)
{
    for (size_t i = 0; i < side->n; i++) {
        const char *t = side->sentences[i];
        size_t k = side->len[i], blank = 0;
        for (size_t j = 0; j < k; j++) {
            if (t[j] == '\n' || t[j] == '\r' || t[j] == '\0')
                return "holds a line break";
            blank += t[j] == ' ' || t[j] == '\t';
        }
        if (blank == k)
            return "is empty";
    }
    return NULL;
}

int sel_check_aligned(sel_checker *ck, sel_ctx *ctx, const struct sel_check_side *src, const struct sel_check_side *tgt,
                      const struct sel_bead *beads, size_t n_beads, struct sel_check_report *out)
{
    SEL_CHECK_ARG(ck && src && tgt && out && (beads || !n_beads), SEL_EINVAL);
    memset(out, 0, sizeof(*out));
    out->src_name = src->name;
    out->tgt_name = tgt->name;
    for (int k = 0; k < 2; k++) {
        const struct sel_check_side *side = k ? tgt : src;
        const char *bad = bad_sentence(side);
        if (bad)
            return sel_error(ctx, SEL_EPARSE, "%s: a stored sentence %s", side->name, bad);
    }
    for (size_t b = 0; b < n_beads; b++)
        if (beads[b].src + beads[b].n_src > src->n || beads[b].tgt + beads[b].n_tgt > tgt->n ||
            (!beads[b].n_src && !beads[b].n_tgt))
            return sel_error(ctx, SEL_EPARSE, "%s: bead %zu names sentences the documents do not have", src->name,
                             b + 1);
    size_t src_len = 0, tgt_len = 0;
    out->src_text = join_side(src, &src_len);
    out->tgt_text = join_side(tgt, &tgt_len);
    int rc = out->src_text && out->tgt_text ? SEL_OK : sel_error(ctx, SEL_ENOMEM, "out of memory");
    if (rc == SEL_OK)
        rc = sel_align_doc_lines(&out->src, ck->aligner, ctx, SEL_ALIGN_SRC, out->src_text, src_len);
    if (rc == SEL_OK)
        rc = sel_align_doc_lines(&out->tgt, ck->aligner, ctx, SEL_ALIGN_TGT, out->tgt_text, tgt_len);
    if (rc == SEL_OK && (out->src.n != src->n || out->tgt.n != tgt->n))
        rc = sel_error(ctx, SEL_EPARSE, "%s: the stored sentences do not read back one a line", src->name);
    for (size_t i = 0; rc == SEL_OK && i < src->n; i++) // what ingest found, not guessed again
        out->src.sentences[i].boilerplate = src->boilerplate && src->boilerplate[i];
    for (size_t i = 0; rc == SEL_OK && i < tgt->n; i++)
        out->tgt.sentences[i].boilerplate = tgt->boilerplate && tgt->boilerplate[i];
    if (rc == SEL_OK && n_beads && !(out->alignment.beads = malloc(n_beads * sizeof(struct sel_bead))))
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    if (rc == SEL_OK && n_beads) {
        memcpy(out->alignment.beads, beads, n_beads * sizeof(struct sel_bead));
        out->alignment.n = n_beads;
    }
    if (rc == SEL_OK)
        rc = run_checks(ck, ctx, out);
    if (rc != SEL_OK)
        sel_check_report_finish(out);
    return rc;
}
