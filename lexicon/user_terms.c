// SPDX-License-Identifier: MIT
// The user's termbase on top of the bundled one: concepts from the user's database (imported,
// added with `selaras term add`, accepted from discovery) are added after the bundled concepts,
// and the user's verdicts on terms are applied. Every command then finds, ranks and exports user
// terms exactly as bundled ones, because it sees one termbase.
#include "lexicon/lexicon.h"
#include "lexicon/termbase_internal.h"
#include "src/store/store.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *arena_dup(sel_termbase *tb, const char *s, bool *oom)
{
    if (!s)
        return NULL;
    char *d = sel_arena_strndup(&tb->arena, s, strlen(s));
    if (!d)
        *oom = true;
    return d;
}

// From the end: a user concept that stands for a bundled one of the same id comes after it.
const struct sel_concept *sel_termbase_find(const sel_termbase *tb, const char *id)
{
    sel_termbase_fill(tb);
    for (size_t i = tb && id ? tb->n_concepts : 0; i-- > 0;)
        if (strcmp(tb->concepts[i].id, id) == 0)
            return &tb->concepts[i];
    return NULL;
}

int sel_termbase_add_concept(sel_termbase *tb, sel_ctx *ctx, const struct sel_concept *c)
{
    SEL_CHECK_ARG(tb && c && c->id && (c->terms || !c->n_terms), SEL_EINVAL);
    // room first: growing the array moves it, and `old` points into it
    if (sel_termbase_reserve(tb, tb->n_concepts + 1) != SEL_OK)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    struct sel_concept *old = (struct sel_concept *)sel_termbase_find(tb, c->id);
    if (old && !old->origin) { // the user's entry wins; the bundled one keeps its place, without terms
        old->n_terms = 0;
        tb->bundled_replaced = true;
    }
    bool oom = false;
    struct sel_concept copy = *c;
    copy.id = arena_dup(tb, c->id, &oom);
    copy.subject = arena_dup(tb, c->subject ? c->subject : "", &oom);
    copy.definition = arena_dup(tb, c->definition, &oom);
    copy.note = arena_dup(tb, c->note, &oom);
    copy.homograph = arena_dup(tb, c->homograph, &oom);
    copy.file = arena_dup(tb, c->file ? c->file : "", &oom);
    copy.origin = arena_dup(tb, c->origin ? c->origin : "imported", &oom);
    copy.added_at = arena_dup(tb, c->added_at, &oom);
    copy.evidence = arena_dup(tb, c->evidence, &oom);
    copy.terms = sel_arena_alloc(&tb->arena, c->n_terms * sizeof(*c->terms) + 1);
    if (!copy.terms)
        oom = true;
    for (size_t i = 0; !oom && i < c->n_terms; i++) {
        copy.terms[i] = c->terms[i];
        copy.terms[i].text = arena_dup(tb, c->terms[i].text, &oom);
        copy.terms[i].lang = arena_dup(tb, c->terms[i].lang, &oom);
    }
    if (oom)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    if (old && old->origin) { // a user concept added again: replaced where it is
        *old = copy;
        return SEL_OK;
    }
    tb->concepts[tb->n_concepts++] = copy;
    return SEL_OK;
}

bool sel_termbase_set_status(sel_termbase *tb, const char *concept_id, const char *lang, const char *text,
                             enum sel_term_status status)
{
    struct sel_concept *c = (struct sel_concept *)sel_termbase_find(tb, concept_id);
    bool found = false;
    for (size_t i = 0; c && i < c->n_terms; i++)
        if (strcmp(c->terms[i].lang, lang) == 0 && strcasecmp(c->terms[i].text, text) == 0) {
            c->terms[i].status = status;
            found = true;
        }
    return found;
}

/* ---- reading the user's entries ---------------------------------------------------------- */

struct user_read {
    sel_termbase *tb;
    sel_ctx *ctx;
    struct sel_concept concept; // the one whose terms are coming; its strings in scratch
    bool have_concept;
    struct sel_term *terms;
    size_t n_terms, cap_terms;
    struct sel_arena scratch; // the pending concept's strings, which must outlive the store's row
};

// Terms written all in capitals ("TPNPB", "AS") match only so, as the bundled `case` attribute does.
static bool all_capitals(const char *s)
{
    bool upper = false;
    for (; *s; s++) {
        if (*s >= 'a' && *s <= 'z')
            return false;
        upper |= *s >= 'A' && *s <= 'Z';
    }
    return upper;
}

static int flush_concept(struct user_read *u)
{
    if (!u->have_concept)
        return SEL_OK;
    u->have_concept = false;
    if (u->n_terms == 0)
        return SEL_OK;
    u->concept.terms = u->terms;
    u->concept.n_terms = u->n_terms;
    int rc = sel_termbase_add_concept(u->tb, u->ctx, &u->concept); // copies
    u->n_terms = 0;
    sel_arena_finish(&u->scratch);
    return rc;
}

static const char *scratch_dup(struct user_read *u, const char *s, bool *oom)
{
    if (!s)
        return NULL;
    char *d = sel_arena_strndup(&u->scratch, s, strlen(s));
    if (!d)
        *oom = true;
    return d;
}

static int take_concept(void *user, const struct sel_user_concept *c)
{
    struct user_read *u = user;
    int rc = flush_concept(u);
    if (rc != SEL_OK)
        return rc;
    bool oom = false;
    u->concept = (struct sel_concept){
        .id = scratch_dup(u, c->id, &oom), .subject = scratch_dup(u, c->subject, &oom),
        .definition = scratch_dup(u, c->definition, &oom), .note = scratch_dup(u, c->note, &oom),
        .file = scratch_dup(u, c->source, &oom), .origin = scratch_dup(u, c->origin ? c->origin : "imported", &oom),
        .added_at = scratch_dup(u, c->added_at, &oom), .evidence = scratch_dup(u, c->evidence, &oom),
    };
    u->have_concept = true;
    return oom ? sel_error(u->ctx, SEL_ENOMEM, "out of memory") : SEL_OK;
}

// The termbase matches languages by their primary subtag ("id", "en"): the database keeps each
// term's full tag ("id-ID", "en-GB", normalised by src/formats/langtag.c on import), so the part
// before the first '-' is what the termbase gets.
static const char *primary_dup(struct user_read *u, const char *tag, bool *oom)
{
    if (!tag)
        return NULL;
    char *d = sel_arena_strndup(&u->scratch, tag, strcspn(tag, "-"));
    if (!d)
        *oom = true;
    return d;
}

static int take_term(void *user, const char *concept_id, const struct sel_user_term *t)
{
    (void)concept_id;
    struct user_read *u = user;
    if (SEL_ARRAY_RESERVE(u->terms, u->cap_terms, u->n_terms + 1) != SEL_OK)
        return sel_error(u->ctx, SEL_ENOMEM, "out of memory");
    bool oom = false;
    struct sel_term term = { .text = scratch_dup(u, t->text, &oom), .lang = primary_dup(u, t->lang, &oom),
                             .pos = SEL_POS_NOUN, .type = SEL_TYPE_FULL_FORM, .status = SEL_STATUS_ADMITTED };
    if (oom)
        return sel_error(u->ctx, SEL_ENOMEM, "out of memory");
    sel_pos_from_name(t->pos, &term.pos); // unknown values keep the defaults: the importer warned
    sel_term_type_from_name(t->type, &term.type);
    sel_term_status_from_name(t->status, &term.status);
    term.exact_case = term.type == SEL_TYPE_ACRONYM || all_capitals(term.text);
    u->terms[u->n_terms++] = term;
    return SEL_OK;
}

static int take_override(void *user, const struct sel_term_override *o)
{
    struct user_read *u = user;
    enum sel_term_status status;
    if (sel_term_status_from_name(o->status, &status)) // a verdict on a term since removed does nothing
        sel_termbase_set_status(u->tb, o->concept_id, o->lang, o->text, status);
    return SEL_OK;
}

int sel_termbase_add_user(sel_termbase *tb, sel_ctx *ctx, sel_store *st)
{
    SEL_CHECK_ARG(tb && st, SEL_EINVAL);
    struct user_read u = { .tb = tb, .ctx = ctx };
    int rc = sel_store_user_termbase(st, ctx, take_concept, take_term, &u);
    if (rc == SEL_OK)
        rc = flush_concept(&u);
    if (rc == SEL_OK)
        rc = sel_store_overrides(st, ctx, take_override, &u);
    free(u.terms);
    sel_arena_finish(&u.scratch);
    return rc;
}
