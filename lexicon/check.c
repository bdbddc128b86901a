// SPDX-License-Identifier: MIT
// Checks across concepts and files. Sorting keys and comparing neighbours finds every
// collision in O(n log n) without a hash table.
#include "lexicon/termbase_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct id_ref {
    const struct sel_concept *concept;
};

static int compare_ids(const void *a, const void *b)
{
    const struct id_ref *x = a, *y = b;
    int c = strcmp(x->concept->id, y->concept->id);
    if (c)
        return c;
    c = strcmp(x->concept->file, y->concept->file);
    return c ? c : (x->concept->line > y->concept->line) - (x->concept->line < y->concept->line);
}

struct term_ref {
    const struct sel_concept *concept;
    const struct sel_term *term;
};

// Terms collide when subject, language and text agree; text ignores ASCII case unless either
// term is marked `case` ("AS" the country and "as" the word are different terms).
static int compare_terms(const void *a, const void *b)
{
    const struct term_ref *x = a, *y = b;
    int c = strcmp(x->concept->subject, y->concept->subject);
    if (!c)
        c = strcmp(x->term->lang, y->term->lang);
    if (!c)
        c = strcasecmp(x->term->text, y->term->text);
    if (!c)
        c = (x->concept > y->concept) - (x->concept < y->concept);
    return c;
}

static bool terms_collide(const struct term_ref *x, const struct term_ref *y)
{
    if (strcmp(x->concept->subject, y->concept->subject) || strcmp(x->term->lang, y->term->lang))
        return false;
    if (x->term->exact_case || y->term->exact_case)
        return strcmp(x->term->text, y->term->text) == 0;
    return strcasecmp(x->term->text, y->term->text) == 0;
}

size_t sel_termbase_check(const sel_termbase *tb, sel_problem_fn report, void *user)
{
    size_t problems = 0;
    char msg[512];
    size_t n = tb->n_concepts;
    sel_termbase_fill(tb);
    struct id_ref *ids = malloc((n ? n : 1) * sizeof(*ids));
    size_t n_terms = 0;
    for (size_t i = 0; i < n; i++)
        n_terms += tb->concepts[i].n_terms;
    struct term_ref *terms = malloc((n_terms ? n_terms : 1) * sizeof(*terms));
    if (!ids || !terms) {
        if (report)
            report(user, (struct sel_location){ "<termbase>", 0, 0 }, "out of memory while checking");
        free(ids);
        free(terms);
        return 1;
    }

    for (size_t i = 0; i < n; i++)
        ids[i].concept = &tb->concepts[i];
    qsort(ids, n, sizeof(*ids), compare_ids);
    for (size_t i = 1; i < n; i++) {
        if (strcmp(ids[i].concept->id, ids[i - 1].concept->id) != 0)
            continue;
        snprintf(msg, sizeof(msg), "duplicate concept id %s (also at %s:%ld)", ids[i].concept->id,
                 ids[i - 1].concept->file, ids[i - 1].concept->line);
        problems++;
        if (report)
            report(user, (struct sel_location){ ids[i].concept->file, ids[i].concept->line, 0 }, msg);
    }

    // A control character or a bidi override in a term is invisible in an editor, and would
    // make the term match nothing (or reorder what a terminal shows around it).
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < tb->concepts[i].n_terms; j++) {
            const struct sel_term *t = &tb->concepts[i].terms[j];
            uint32_t cp;
            long at = sel_find_invisible_control(t->text, strlen(t->text), &cp);
            if (at < 0)
                continue;
            snprintf(msg, sizeof(msg), "%s term of concept %s holds the invisible character U+%04X at byte %ld",
                     t->lang, tb->concepts[i].id, (unsigned)cp, at);
            problems++;
            if (report)
                report(user, (struct sel_location){ tb->concepts[i].file, t->line, 0 }, msg);
        }

    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < tb->concepts[i].n_terms; j++)
            terms[k++] = (struct term_ref){ &tb->concepts[i], &tb->concepts[i].terms[j] };
    qsort(terms, n_terms, sizeof(*terms), compare_terms);
    for (size_t i = 0; i < n_terms; i++) {
        // Compare with every earlier term of the same folded text (a short run in practice).
        for (size_t j = i; j-- > 0;) {
            if (strcasecmp(terms[j].term->text, terms[i].term->text) ||
                strcmp(terms[j].concept->subject, terms[i].concept->subject) ||
                strcmp(terms[j].term->lang, terms[i].term->lang))
                break;
            if (terms[j].concept == terms[i].concept || !terms_collide(&terms[i], &terms[j]))
                continue;
            if (terms[i].concept->homograph || terms[j].concept->homograph)
                continue;
            snprintf(msg, sizeof(msg),
                     "%s term \"%s\" of concept %s also stands under %s (%s:%ld) in subject %s; "
                     "add a homograph: line saying how they differ",
                     terms[i].term->lang, terms[i].term->text, terms[i].concept->id,
                     terms[j].concept->id, terms[j].concept->file, terms[j].term->line,
                     terms[i].concept->subject);
            problems++;
            if (report)
                report(user, (struct sel_location){ terms[i].concept->file, terms[i].term->line, 0 }, msg);
            break;
        }
    }
    free(ids);
    free(terms);
    return problems;
}
