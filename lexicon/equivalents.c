// SPDX-License-Identifier: MIT
// The order in which a concept's equivalents are shown, everywhere: the user's own aligned
// translations decide it once they have confirmed anything (the equivalent confirmed most often
// first), the editorial status breaks ties and ranks the equivalents never seen, and the order of
// the termbase settles the rest. Without evidence this is the bundled order. A deprecated term
// stays last whatever the evidence: it is a verdict that a translation using it was wrong.
#include "lexicon/lexicon.h"
#include "src/store/store.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct sel_evidence {
    sel_strmap *counts; // "concept id" SEL_KEY_SEP "target" -> count (as a pointer-sized integer)
    size_t n;
    sel_store *st;            // with it, concepts are read as they are asked for
    sel_ctx *ctx;
    sel_strmap *loaded;       // the concepts read so far
    int status;               // of the first load that failed
    pthread_mutex_t lock;     // tag --jobs: workers ask for counts at once; a read fills the maps
};

int sel_evidence_new(sel_evidence **out)
{
    SEL_CHECK_ARG(out, SEL_EINVAL);
    *out = calloc(1, sizeof(**out));
    if (!*out)
        return SEL_ENOMEM;
    pthread_mutex_init(&(*out)->lock, NULL);
    if (sel_strmap_new(&(*out)->counts) != SEL_OK || sel_strmap_new(&(*out)->loaded) != SEL_OK) {
        sel_evidence_free(*out);
        *out = NULL;
        return SEL_ENOMEM;
    }
    return SEL_OK;
}

void sel_evidence_free(sel_evidence *ev)
{
    if (!ev)
        return;
    sel_strmap_free(ev->counts);
    sel_strmap_free(ev->loaded);
    pthread_mutex_destroy(&ev->lock);
    free(ev);
}

void sel_evidence_read_from(sel_evidence *ev, sel_store *st, sel_ctx *ctx)
{
    ev->st = st;
    ev->ctx = ctx;
}

int sel_evidence_status(const sel_evidence *ev)
{
    return ev ? ev->status : SEL_OK;
}

static int take_confirmed(void *user, const char *concept_id, const char *target, long count)
{
    return concept_id && target ? sel_evidence_add(user, concept_id, target, count) : SEL_OK;
}

// Reads @p concept_id's evidence the first time it is asked for. The evidence is filled in behind
// a const pointer: what it answers does not change, only how much of it is in memory.
static void load_concept(const sel_evidence *cev, const char *concept_id)
{
    sel_evidence *ev = (sel_evidence *)cev;
    size_t len = strlen(concept_id);
    if (!ev->st || sel_strmap_get(ev->loaded, concept_id, len))
        return;
    int rc = sel_strmap_put(ev->loaded, concept_id, len, (void *)1) == SEL_OK
                 ? sel_store_concept_confirmed(ev->st, ev->ctx, concept_id, take_confirmed, ev)
                 : sel_error(ev->ctx, SEL_ENOMEM, "out of memory");
    if (rc != SEL_OK && ev->status == SEL_OK)
        ev->status = rc;
}

// The map's key; false when it does not fit (such a long target is no termbase term anyway).
static bool evidence_key(const char *concept_id, const char *target, char *key, size_t size, size_t *len)
{
    int n = snprintf(key, size, "%s" SEL_KEY_SEP "%s", concept_id, target);
    if (n < 0 || (size_t)n >= size)
        return false;
    *len = (size_t)n;
    return true;
}

int sel_evidence_add(sel_evidence *ev, const char *concept_id, const char *target, long count)
{
    SEL_CHECK_ARG(ev && concept_id && target, SEL_EINVAL);
    char key[1024];
    size_t len;
    if (count <= 0 || !evidence_key(concept_id, target, key, sizeof(key), &len))
        return SEL_OK;
    long before = (long)(uintptr_t)sel_strmap_get(ev->counts, key, len);
    if (before == 0)
        ev->n++;
    return sel_strmap_put(ev->counts, key, len, (void *)(uintptr_t)(before + count));
}

long sel_evidence_count(const sel_evidence *ev, const char *concept_id, const char *target)
{
    char key[1024];
    size_t len;
    if (!ev)
        return 0;
    sel_evidence *m = (sel_evidence *)ev; // the lock and the lazily read maps, behind the const
    pthread_mutex_lock(&m->lock);
    load_concept(ev, concept_id);
    long count = ev->n > 0 && evidence_key(concept_id, target, key, sizeof(key), &len)
                     ? (long)(uintptr_t)sel_strmap_get(ev->counts, key, len)
                     : 0;
    pthread_mutex_unlock(&m->lock);
    return count;
}

size_t sel_evidence_size(const sel_evidence *ev)
{
    return ev ? ev->n : 0;
}

static int equivalent_cmp(const void *a, const void *b)
{
    const struct sel_equivalent *x = a, *y = b;
    bool x_out = x->status >= SEL_STATUS_DEPRECATED, y_out = y->status >= SEL_STATUS_DEPRECATED;
    if (x_out != y_out)
        return x_out ? 1 : -1;
    if (x->confirmed != y->confirmed)
        return x->confirmed > y->confirmed ? -1 : 1;
    if (x->status != y->status)
        return (int)x->status - (int)y->status;
    return (x->index > y->index) - (x->index < y->index);
}

void sel_equivalents_order(struct sel_equivalent *eq, size_t n)
{
    if (n > 1)
        qsort(eq, n, sizeof(*eq), equivalent_cmp);
}

size_t sel_concept_equivalents(const struct sel_concept *c, const char *lang, const sel_evidence *ev,
                               struct sel_equivalent *out, size_t max)
{
    size_t n = 0;
    for (size_t k = 0; k < c->n_terms && n < max; k++) {
        const struct sel_term *t = &c->terms[k];
        if (strcmp(t->lang, lang) != 0 || t->status == SEL_STATUS_AID) // an aid helps matching only
            continue;
        out[n++] = (struct sel_equivalent){ k, t->status, sel_evidence_count(ev, c->id, t->text) };
    }
    sel_equivalents_order(out, n);
    return n;
}

// The texts of @p n equivalents of @p c, joined by @p sep into @p buf (cut short when it is full).
static void join_equivalents(const struct sel_concept *c, const struct sel_equivalent *eq, size_t n, const char *sep,
                             char *buf, size_t size)
{
    size_t used = 0;
    if (size)
        buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++) {
        int w = snprintf(buf + used, size - used, "%s%s", used ? sep : "", c->terms[eq[i].index].text);
        if (w > 0)
            used += (size_t)w;
    }
}

void sel_concept_equivalents_join(const struct sel_concept *c, const char *lang, const sel_evidence *ev,
                                  const char *sep, char *buf, size_t size)
{
    struct sel_equivalent eq[64];
    join_equivalents(c, eq, sel_concept_equivalents(c, lang, ev, eq, 64), sep, buf, size);
}

// Whether the concept's note speaks of @p t (in any case): then the term is avoided for a reason
// of its own ("Cina is considered offensive"), not misspelt.
static bool note_names(const struct sel_concept *c, const struct sel_term *t)
{
    if (!c->note)
        return false;
    char note[4096], term[512];
    if (!sel_text_lowercase(c->note, note, sizeof(note)) || !sel_text_lowercase(t->text, term, sizeof(term)))
        return false;
    return strstr(note, term) != NULL;
}

const struct sel_term *sel_concept_misspelt(const struct sel_concept *c, const struct sel_term *t)
{
    if (t->status < SEL_STATUS_DEPRECATED || note_names(c, t))
        return NULL;
    const struct sel_term *best = NULL;
    size_t best_d = SIZE_MAX, limit = strlen(t->text) < 6 ? 1 : 2;
    for (size_t k = 0; k < c->n_terms; k++) {
        const struct sel_term *o = &c->terms[k];
        if (o == t || o->status >= SEL_STATUS_DEPRECATED || strcmp(o->lang, t->lang) != 0)
            continue;
        char a[512], b[512];
        sel_text_lowercase(t->text, a, sizeof(a));
        sel_text_lowercase(o->text, b, sizeof(b));
        size_t d = sel_edit_distance(a, b, limit);
        if (d <= limit && d < best_d) {
            best = o;
            best_d = d;
        }
    }
    return best;
}

const struct sel_term *sel_concept_preferred(const struct sel_concept *c, const char *lang)
{
    const struct sel_term *best = NULL;
    for (size_t k = 0; k < c->n_terms; k++)
        if (strcmp(c->terms[k].lang, lang) == 0 && c->terms[k].status < SEL_STATUS_DEPRECATED &&
            (!best || c->terms[k].status < best->status))
            best = &c->terms[k];
    return best;
}

// Whether an attributive occurrence of a concept whose first equivalent is @p first is rendered by
// an adjective: @p first is a name that English does not use as a modifier itself. Indonesian puts the name
// after the noun it modifies (pasukan Israel, Presiden Prancis) where English puts the adjective
// before it (Israeli forces, French President); an acronym is used as a modifier as it stands
// (US forces, UN troops), and a common noun keeps its noun (pemilihan parlemen: parliament
// elections as often as parliamentary ones) -- on the PANL dev lines, moving the adjective first
// for those lost more occurrences than it won.
static bool name_takes_adjective(const struct sel_term *first)
{
    return first->pos == SEL_POS_PROPER_NOUN && first->type != SEL_TYPE_ACRONYM &&
           first->type != SEL_TYPE_ABBREVIATION;
}

size_t sel_match_equivalents(const struct sel_term_match *m, const char *lang, const sel_evidence *ev,
                             struct sel_equivalent *out, size_t max)
{
    size_t n = sel_concept_equivalents(m->concept, lang, ev, out, max);
    if (!m->attributive || n < 2 || !name_takes_adjective(&m->concept->terms[out[0].index]))
        return n;
    // the first adjective that the evidence ranks with the name, not below it, goes first; the
    // others keep their places (the order of the evidence, then of the termbase)
    for (size_t i = 1; i < n && out[i].confirmed == out[0].confirmed; i++) {
        if (out[i].status >= SEL_STATUS_DEPRECATED)
            break;
        if (m->concept->terms[out[i].index].pos != SEL_POS_ADJECTIVE)
            continue;
        struct sel_equivalent adjective = out[i];
        memmove(out + 1, out, i * sizeof(*out));
        out[0] = adjective;
        break;
    }
    return n;
}

void sel_match_equivalents_join(const struct sel_term_match *m, const char *lang, const sel_evidence *ev,
                                const char *sep, char *buf, size_t size)
{
    struct sel_equivalent eq[64];
    join_equivalents(m->concept, eq, sel_match_equivalents(m, lang, ev, eq, 64), sep, buf, size);
}
