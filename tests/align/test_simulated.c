// SPDX-License-Identifier: MIT
// Simulated translations cut from the PANL dev data (../shared/data/panl-int-dev: line i of
// id.txt translates line i of en.txt). A seeded generator cuts documents of 20-60 lines and
// edits them as translators and scrapers do: two target lines joined (2-1), two source lines
// joined (1-2), a line deleted on one side (1-0, 0-1), invented site furniture inserted on the
// Indonesian side (1-0). The gold follows from the edits. Both the full aligner and the
// length-only baseline align the same documents pre-segmented, one sentence per line.
//
// About 2% of the dev data's own line pairs are not translations of each other (a different
// sentence, or a translation of a neighbouring line); the generator keeps them as 1-1 gold, so
// they cost the aligner whatever it does with them. docs/architecture.md lists the ones found.
#include "align/align.h"
#include "tests/align/bead_score.h"

#include <criterion/criterion.h>
#include "tests/shared_data.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static sel_ctx *ctx;

static void setup(void)
{
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
}

static void teardown(void)
{
    sel_ctx_free(ctx);
}

TestSuite(align_simulated, .init = setup, .fini = teardown, .timeout = 300);

struct lines {
    char **v;
    size_t n;
};

static struct lines read_lines(const char *path)
{
    FILE *fp = fopen(path, "rb");
    cr_assert_not_null(fp, "%s is missing (the shared dev data)", path);
    struct lines l = { 0 };
    size_t cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t got;
    while ((got = getline(&line, &lcap, fp)) >= 0) {
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r' || line[got - 1] == ' '))
            line[--got] = '\0';
        if (l.n == cap) {
            cap = cap ? cap * 2 : 1024;
            l.v = realloc(l.v, cap * sizeof(*l.v));
        }
        l.v[l.n++] = strdup(line);
    }
    free(line);
    fclose(fp);
    return l;
}

static void free_lines(struct lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

// xorshift64*: the same documents on every machine.
static uint64_t rng_state;
static uint32_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}
static bool chance(unsigned percent)
{
    return rng() % 100 < percent;
}

// Invented site furniture, in the shapes Indonesian news pages have.
static const char *const furniture[] = {
    "Baca juga: Menlu bertemu Dubes negara sahabat bahas kerja sama ekonomi",
    "Baca juga: Parlemen gelar rapat paripurna soal anggaran pertahanan",
    "Baca berita dengan sedikit iklan, klik di sini",
    "Ikuti berita terkini dari kami di Google News, klik di sini",
    "(ant/rzk)",
    "Halaman 2 dari 3",
    "Editor: Rina Kusumawati",
    "ADVERTISEMENT",
    "MEMBACA  Pemilu di negara tetangga berlangsung damai | Berita Dunia",
};

struct buf {
    char *p;
    size_t n, cap;
};

static void buf_line(struct buf *b, const char *s1, const char *s2)
{
    size_t need = strlen(s1) + (s2 ? strlen(s2) + 1 : 0) + 3;
    if (b->n + need + 1 > b->cap) {
        b->cap = (b->n + need + 1) * 2;
        b->p = realloc(b->p, b->cap);
    }
    b->n += (size_t)sprintf(b->p + b->n, s2 ? "%s %s\r\n" : "%s\r\n", s1, s2);
}

struct sim_doc {
    struct buf src, tgt;
    struct bead_list gold;
};

// Builds one document from lines [first, first + len) of the dev data.
static void simulate(struct sim_doc *d, const struct lines *id, const struct lines *en, size_t first, size_t len)
{
    memset(d, 0, sizeof(*d));
    size_t ns = 0, nt = 0; // sentences written so far on each side
    for (size_t k = first; k < first + len;) {
        if (chance(5)) {
            buf_line(&d->src, furniture[rng() % (sizeof(furniture) / sizeof(*furniture))], NULL);
            bead_push(&d->gold, ns++, 1, 0, 0);
        }
        bool pair_left = k + 1 < first + len;
        unsigned r = rng() % 100;
        if (r < 6 && pair_left) { // two target lines joined: 2-1
            buf_line(&d->src, id->v[k], NULL);
            buf_line(&d->src, id->v[k + 1], NULL);
            buf_line(&d->tgt, en->v[k], en->v[k + 1]);
            bead_push(&d->gold, ns, 2, nt, 1);
            ns += 2, nt += 1, k += 2;
        } else if (r < 12 && pair_left) { // two source lines joined: 1-2
            buf_line(&d->src, id->v[k], id->v[k + 1]);
            buf_line(&d->tgt, en->v[k], NULL);
            buf_line(&d->tgt, en->v[k + 1], NULL);
            bead_push(&d->gold, ns, 1, nt, 2);
            ns += 1, nt += 2, k += 2;
        } else if (r < 16) { // the translation left out: 1-0
            buf_line(&d->src, id->v[k], NULL);
            bead_push(&d->gold, ns++, 1, 0, 0);
            k++;
        } else if (r < 20) { // a sentence only in the translation: 0-1
            buf_line(&d->tgt, en->v[k], NULL);
            bead_push(&d->gold, 0, 0, nt++, 1);
            k++;
        } else {
            buf_line(&d->src, id->v[k], NULL);
            buf_line(&d->tgt, en->v[k], NULL);
            bead_push(&d->gold, ns++, 1, nt++, 1);
            k++;
        }
    }
}

static double align_docs(bool lexical, const struct sim_doc *docs, size_t n_docs, struct bead_score *sc)
{
    struct sel_align_options opts;
    sel_align_options_default(&opts);
    opts.lexical = lexical;
    sel_aligner *al = NULL;
    cr_assert_eq(sel_aligner_new(&al, ctx, &opts), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    for (size_t d = 0; d < n_docs; d++) {
        struct sel_align_doc src, tgt;
        cr_assert_eq(sel_align_doc_lines(&src, al, ctx, SEL_ALIGN_SRC, docs[d].src.p, docs[d].src.n), SEL_OK);
        cr_assert_eq(sel_align_doc_lines(&tgt, al, ctx, SEL_ALIGN_TGT, docs[d].tgt.p, docs[d].tgt.n), SEL_OK);
        struct sel_alignment res;
        cr_assert_eq(sel_align(&res, al, ctx, &src, &tgt), SEL_OK, "%s", sel_ctx_errmsg(ctx));
        bead_score_add(sc, res.beads, res.n, docs[d].gold.v, docs[d].gold.n);
        sel_alignment_finish(&res);
        sel_align_doc_finish(&tgt);
        sel_align_doc_finish(&src);
    }
    sel_aligner_free(al);
    return bead_f1(sc);
}

Test(align_simulated, dev_documents_meet_strict_bead_f1)
{
    char id_path[4096], en_path[4096];
    sel_shared_file_or_skip(id_path, sizeof(id_path), "data/panl-int-dev/id.txt");
    sel_shared_file_or_skip(en_path, sizeof(en_path), "data/panl-int-dev/en.txt");
    struct lines id = read_lines(id_path);
    struct lines en = read_lines(en_path);
    cr_assert_eq(id.n, en.n, "id.txt and en.txt differ in line count");
    cr_assert_geq(id.n, 3000);

    rng_state = 0x5e1a7a5ULL;
    struct sim_doc docs[256];
    size_t n_docs = 0, lines = 0;
    for (size_t first = 0; first + 20 <= id.n && n_docs < 256;) {
        size_t len = 20 + rng() % 41;
        if (first + len > id.n)
            len = id.n - first;
        simulate(&docs[n_docs++], &id, &en, first, len);
        first += len;
        lines += len;
    }
    struct bead_score full = { 0 }, base = { 0 };
    double f1 = align_docs(true, docs, n_docs, &full);
    double f1_base = align_docs(false, docs, n_docs, &base);
    fprintf(stderr, "simulated: %zu documents from %zu dev lines, %zu gold beads; strict bead F1 %.4f "
                    "(%zu correct, %zu predicted); length-only baseline %.4f\n",
            n_docs, lines, full.gold, f1, full.correct, full.predicted, f1_base);
    for (size_t d = 0; d < n_docs; d++) {
        free(docs[d].src.p);
        free(docs[d].tgt.p);
        free(docs[d].gold.v);
    }
    free_lines(&id);
    free_lines(&en);
    cr_assert_geq(f1, 0.97, "strict bead F1 %.4f < 0.97", f1);
    cr_assert_gt(f1, f1_base, "lexical evidence must beat the length-only baseline");
}
