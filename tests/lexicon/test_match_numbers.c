// SPDX-License-Identifier: MIT
// A number alone never matches a term: the analyser gives "G-8" the lemma "8", and a term keyed by
// that lemma turned every date "(15/8)" and every "8 persen" into the Group of Eight.
#include "lexicon/lexicon.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

struct found {
    char concepts[1024]; // "surface=concept;" for each match
};

static bool note(void *user, const char *text, const struct sel_sentence *s, const struct sel_term_match *m)
{
    (void)s;
    struct found *f = user;
    size_t used = strlen(f->concepts);
    snprintf(f->concepts + used, sizeof(f->concepts) - used, "%.*s=%s;", (int)(m->end - m->start), text + m->start,
             m->concept->id);
    return true;
}

static void tag(const char *text, struct found *f)
{
    sel_ctx *ctx;
    sel_termbase *tb;
    sel_tagger *t;
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    cr_assert_eq(sel_termbase_open_bundled(&tb, ctx), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(sel_tagger_new(&t, ctx, tb, "id"), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    f->concepts[0] = '\0';
    cr_assert_eq(sel_tagger_tag(t, ctx, text, strlen(text), true, note, f), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    sel_tagger_free(t);
    sel_termbase_free(tb);
    sel_ctx_free(ctx);
}

Test(lexicon_match_numbers, bare_number_is_not_a_group)
{
    struct found f;
    tag("Pada Jumat (15/8) harga naik 8 persen dan 7 orang tewas.", &f);
    cr_assert_null(strstr(f.concepts, "org.g8"), "%s", f.concepts);
    cr_assert_null(strstr(f.concepts, "org.g7"), "%s", f.concepts);
    cr_assert_not_null(strstr(f.concepts, "persen=eco.percent;"), "%s", f.concepts);
}

Test(lexicon_match_numbers, group_names_with_numbers_still_match)
{
    struct found f;
    tag("KTT G-8 dan pertemuan G-7 serta G8 digelar.", &f);
    cr_assert_not_null(strstr(f.concepts, "G-8=org.g8;"), "%s", f.concepts);
    cr_assert_not_null(strstr(f.concepts, "G-7=org.g7;"), "%s", f.concepts);
    cr_assert_not_null(strstr(f.concepts, "G8=org.g8;"), "%s", f.concepts);
}
