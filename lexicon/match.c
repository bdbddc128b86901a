// SPDX-License-Identifier: MIT
// Finding termbase terms in analysed text. Every term is analysed with the same analyzer as the
// text, and its lowercased lemmas become a path in a trie over token keys; a match walks the
// trie from each token. So "gencatan senjatanya", "serangan-serangan udara" and "dipertahankan"
// find "gencatan senjata", "serangan udara" and "mempertahankan" without a scan per term.
#include "lexicon/lexicon.h"
#include "lexicon/termbase_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
    const struct sel_concept *concept;
    const struct sel_term *term;
    size_t n_words;
};

struct node {
    struct entry *entries; // terms that end here (in the arena)
    size_t n_entries, cap_entries;
};

struct edge {
    uint64_t key; // (parent node << 32) | token key id, 0 for an empty slot
    uint32_t child;
};

struct root_group {
    struct entry *entries;   // in the arena, like the group itself
    size_t n_entries, cap_entries;
};

struct sel_term_index {
    sel_strmap *roots;     // joined root keys -> struct root_group (family matches)
    sel_strmap *keys;      // token key -> (id + 1) cast to a pointer
    uint32_t n_keys;
    struct node *nodes;    // node 0 is the root
    uint32_t n_nodes;
    size_t cap_nodes;
    struct edge *edges;    // open addressing on (parent, key)
    size_t cap_edges, n_edges;
    size_t max_words;      // longest term in tokens
    struct sel_arena arena;
};

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}

static struct edge *edge_slot(struct edge *edges, size_t cap, uint64_t key)
{
    for (size_t i = mix(key) & (cap - 1);; i = (i + 1) & (cap - 1))
        if (edges[i].key == key || edges[i].key == 0)
            return &edges[i];
}

static int grow_edges(sel_term_index *ix)
{
    size_t cap = ix->cap_edges ? ix->cap_edges * 2 : 1024;
    struct edge *edges = calloc(cap, sizeof(*edges));
    if (!edges)
        return SEL_ENOMEM;
    for (size_t i = 0; i < ix->cap_edges; i++)
        if (ix->edges[i].key)
            *edge_slot(edges, cap, ix->edges[i].key) = ix->edges[i];
    free(ix->edges);
    ix->edges = edges;
    ix->cap_edges = cap;
    return SEL_OK;
}

static uint32_t key_id(const sel_term_index *ix, const char *key)
{
    return (uint32_t)(uintptr_t)sel_strmap_get(ix->keys, key, strlen(key));
}

static int intern_key(sel_term_index *ix, const char *key, uint32_t *out)
{
    *out = key_id(ix, key);
    if (*out)
        return SEL_OK;
    *out = ++ix->n_keys;
    return sel_strmap_put(ix->keys, key, strlen(key), (void *)(uintptr_t)*out);
}

static uint32_t child_of(const sel_term_index *ix, uint32_t node, uint32_t key)
{
    if (!ix->cap_edges || !key)
        return 0;
    const struct edge *e = edge_slot(ix->edges, ix->cap_edges, ((uint64_t)node << 32) | key);
    return e->key ? e->child : 0;
}

static int add_child(sel_term_index *ix, uint32_t node, uint32_t key, uint32_t *out)
{
    if ((*out = child_of(ix, node, key)))
        return SEL_OK;
    if ((ix->n_edges + 1) * 2 > ix->cap_edges && grow_edges(ix) != SEL_OK)
        return SEL_ENOMEM;
    if (ix->n_nodes == UINT32_MAX || SEL_ARRAY_RESERVE(ix->nodes, ix->cap_nodes, (size_t)ix->n_nodes + 1) != SEL_OK)
        return SEL_ENOMEM; // node numbers are 32 bits wide in the edge keys
    *out = ix->n_nodes++;
    ix->nodes[*out] = (struct node){ NULL, 0, 0 };
    struct edge *e = edge_slot(ix->edges, ix->cap_edges, ((uint64_t)node << 32) | key);
    *e = (struct edge){ ((uint64_t)node << 32) | key, *out };
    ix->n_edges++;
    return SEL_OK;
}

// The key of one token: its lemma (or root) in lowercase, since names keep their case as
// lemmas and keys do not. Text tokens, terms and queries all go through here. Written to @p buf
// when it fits in @p size bytes, else to memory of its own (key_free() it): a long lemma is a
// key whole, never cut inside a character. NULL when out of memory.
static char *token_key(const char *lemma, char *buf, size_t size)
{
    // lowercasing at most triples the UTF-8 bytes (U+0130, 2 bytes, becomes 3), so this fits
    size_t need = strlen(lemma) * 3 + 1;
    char *out = need <= size ? buf : malloc(need);
    if (out)
        sel_text_lowercase(lemma, out, need <= size ? size : need);
    return out;
}

// One key of a SEL_KEY_SEP-joined string: its @p len bytes from @p k, in @p buf or (when longer)
// in memory of its own (key_free() it). NULL when out of memory.
static char *key_copy(const char *k, size_t len, char *buf, size_t size)
{
    char *out = len < size ? buf : malloc(len + 1);
    if (out) {
        memcpy(out, k, len);
        out[len] = '\0';
    }
    return out;
}

static void key_free(char *key, const char *buf)
{
    if (key != buf)
        free(key);
}

// A number is keyed by what is written, not by its lemma: the analyser gives "G-8" the lemma
// "8" (a number with a prefix), and keyed by it the term G-8 would match every bare "8" in
// "(15/8)" or "8 persen". A bare number keeps its lemma, which no term but a number has.
// Like token_key(): in @p buf or memory of its own (key_free() it); NULL when out of memory.
static char *token_key_at(const char *text, const struct sel_token *t, bool root, char *buf, size_t size)
{
    const char *lemma = root ? t->word.root : t->word.lemma;
    size_t len = t->end - t->start;
    if (text && (t->word.flags & SEL_TOK_NUM) && (strlen(lemma) != len || strncmp(text + t->start, lemma, len) != 0)) {
        char surface_buf[256];
        char *surface = key_copy(text + t->start, len, surface_buf, sizeof(surface_buf));
        char *out = surface ? token_key(surface, buf, size) : NULL;
        if (surface)
            key_free(surface, surface_buf);
        return out;
    }
    return token_key(lemma, buf, size);
}

bool sel_term_keys_join(const char *text, const struct sel_token *tokens, size_t n, char *keys, size_t keys_size,
                        char *roots, size_t roots_size)
{
    size_t ku = 0, ru = 0;
    keys[0] = roots[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        char key_buf[256], root_buf[256];
        char *key = token_key_at(text, &tokens[i], false, key_buf, sizeof(key_buf));
        char *root = token_key_at(text, &tokens[i], true, root_buf, sizeof(root_buf));
        int a = key ? snprintf(keys + ku, keys_size - ku, "%s%s", i ? SEL_KEY_SEP : "", key) : -1;
        int b = root ? snprintf(roots + ru, roots_size - ru, "%s%s", i ? SEL_KEY_SEP : "", root) : -1;
        if (key)
            key_free(key, key_buf);
        if (root)
            key_free(root, root_buf);
        if (a < 0 || b < 0 || (size_t)a >= keys_size - ku || (size_t)b >= roots_size - ru) {
            keys[0] = roots[0] = '\0'; // absurdly long: no keys rather than a prefix's
            return false;
        }
        ku += (size_t)a;
        ru += (size_t)b;
    }
    return true;
}

// A term of more words than this is not indexed (none comes close).
enum { MAX_TERM_TOKENS = 32 };

struct term_tokens {
    struct sel_token v[MAX_TERM_TOKENS]; // lemmas borrowed from the analyzer's cache
    size_t n;
    bool too_long;
};

static bool collect_term_token(void *user, const char *text, const struct sel_token *t)
{
    (void)text;
    struct term_tokens *tt = user;
    if (tt->n == MAX_TERM_TOKENS) {
        tt->too_long = true;
        return false;
    }
    tt->v[tt->n++] = *t;
    return true;
}

void sel_token_key(const char *text, const struct sel_token *t, char *buf, size_t size)
{
    char *key = token_key_at(text, t, false, buf, size);
    if (key && key != buf) { // longer than the caller's buffer: cut it (sense compares short words)
        snprintf(buf, size, "%s", key);
        key_free(key, buf);
    } else if (!key && size) {
        buf[0] = '\0';
    }
}

int sel_term_keys_compute(sel_analyzer *an, sel_ctx *ctx, const char *term, char *keys, size_t keys_size, char *roots,
                          size_t roots_size)
{
    struct term_tokens tt = { .n = 0 };
    int rc = sel_analyze_span(an, ctx, term, 0, strlen(term), collect_term_token, &tt);
    keys[0] = roots[0] = '\0';
    if (rc != SEL_OK || tt.too_long)
        return rc;
    sel_term_keys_join(term, tt.v, tt.n, keys, keys_size, roots, roots_size);
    return SEL_OK;
}

// Appends @p e unless its concept is already there (two spellings of one concept with the same
// key: PBB, pbb). Lists live in the index's arena: most hold one entry, and the index is freed
// in one go, which matters for a lookup that starts, answers and exits.
static int push_entry(sel_term_index *ix, struct entry **list, size_t *n, size_t *cap, struct entry e)
{
    for (size_t i = 0; i < *n; i++)
        if ((*list)[i].concept == e.concept)
            return SEL_OK;
    if (*n == *cap) {
        size_t grown_cap = *cap ? *cap * 2 : 1;
        struct entry *grown = sel_arena_alloc(&ix->arena, grown_cap * sizeof(*grown));
        if (!grown)
            return SEL_ENOMEM;
        if (*n)
            memcpy(grown, *list, *n * sizeof(*grown));
        *list = grown;
        *cap = grown_cap;
    }
    (*list)[(*n)++] = e;
    return SEL_OK;
}

int sel_term_index_add(sel_term_index *ix, const struct sel_concept *c, const struct sel_term *t, const char *keys,
                       const char *roots)
{
    if (!*keys)
        return SEL_OK;
    uint32_t node = 0;
    size_t n = 0;
    for (const char *k = keys; k;) {
        const char *sep = strstr(k, SEL_KEY_SEP);
        size_t len = sep ? (size_t)(sep - k) : strlen(k);
        char buf[256];
        char *key = key_copy(k, len, buf, sizeof(buf));
        uint32_t id;
        bool added = key && intern_key(ix, key, &id) == SEL_OK && add_child(ix, node, id, &node) == SEL_OK;
        if (key)
            key_free(key, buf);
        if (!added)
            return SEL_ENOMEM;
        n++;
        k = sep ? sep + strlen(SEL_KEY_SEP) : NULL;
    }
    struct node *nd = &ix->nodes[node];
    if (push_entry(ix, &nd->entries, &nd->n_entries, &nd->cap_entries, (struct entry){ c, t, n }) != SEL_OK)
        return SEL_ENOMEM;
    if (n > ix->max_words)
        ix->max_words = n;
    // the family index: terms by the roots of their words
    struct root_group *g = sel_strmap_get(ix->roots, roots, strlen(roots));
    if (!g) {
        g = sel_arena_alloc(&ix->arena, sizeof(*g));
        if (!g || sel_strmap_put(ix->roots, roots, strlen(roots), g) != SEL_OK)
            return SEL_ENOMEM;
        *g = (struct root_group){ NULL, 0, 0 };
    }
    return push_entry(ix, &g->entries, &g->n_entries, &g->cap_entries, (struct entry){ c, t, n });
}

int sel_term_index_new(sel_term_index **out)
{
    sel_term_index *ix = calloc(1, sizeof(*ix));
    if (!ix)
        return SEL_ENOMEM;
    ix->cap_nodes = 1024;
    ix->nodes = calloc(ix->cap_nodes, sizeof(*ix->nodes));
    if (!ix->nodes || grow_edges(ix) != SEL_OK || sel_strmap_new(&ix->keys) != SEL_OK ||
        sel_strmap_new(&ix->roots) != SEL_OK) {
        sel_term_index_free(ix);
        return SEL_ENOMEM;
    }
    ix->n_nodes = 1; // node 0 is the root
    *out = ix;
    return SEL_OK;
}

// Analyses and adds the @p lang terms of the concepts of @p tb: every one, or the user's only.
static int index_terms(sel_term_index *ix, sel_ctx *ctx, const sel_termbase *tb, const char *lang, sel_analyzer *an,
                       bool user_only)
{
    int rc = SEL_OK;
    char keys[2048], roots[2048];
    sel_termbase_fill(tb);
    for (size_t i = 0; rc == SEL_OK && i < tb->n_concepts; i++) {
        const struct sel_concept *c = &tb->concepts[i];
        if (user_only && !c->origin)
            continue;
        for (size_t j = 0; rc == SEL_OK && j < c->n_terms; j++) {
            if (strcmp(c->terms[j].lang, lang) != 0)
                continue;
            rc = sel_term_keys_compute(an, ctx, c->terms[j].text, keys, sizeof(keys), roots, sizeof(roots));
            if (rc == SEL_OK && sel_term_index_add(ix, c, &c->terms[j], keys, roots) != SEL_OK)
                rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
        }
    }
    return rc;
}

int sel_term_index_build(sel_term_index **out, sel_ctx *ctx, const sel_termbase *tb, const char *lang,
                         sel_analyzer *an)
{
    SEL_CHECK_ARG(out && tb && lang && an, SEL_EINVAL);
    *out = NULL;
    sel_term_index *ix = NULL;
    if (sel_term_index_new(&ix) != SEL_OK)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    int rc = index_terms(ix, ctx, tb, lang, an, false);
    if (rc != SEL_OK) {
        sel_term_index_free(ix);
        return rc;
    }
    *out = ix;
    return SEL_OK;
}

int sel_term_index_add_user(sel_term_index *ix, sel_ctx *ctx, const sel_termbase *tb, const char *lang,
                            sel_analyzer *an)
{
    SEL_CHECK_ARG(ix && tb && lang && an, SEL_EINVAL);
    return index_terms(ix, ctx, tb, lang, an, true);
}

void sel_term_index_free(sel_term_index *ix)
{
    if (!ix)
        return;
    sel_strmap_free(ix->roots);
    free(ix->nodes);
    free(ix->edges);
    sel_strmap_free(ix->keys);
    sel_arena_finish(&ix->arena);
    free(ix);
}

/* ---- matching ------------------------------------------------------------------------------ */

// "AS" must not match "as": a `case` term matches only its own spelling or all capitals.
static bool case_fits(const struct sel_term *term, const char *text, const struct sel_token *tokens, size_t n)
{
    if (!term->exact_case)
        return true;
    // Compare the surface of the tokens, spaces normalised, with the term text.
    const char *t = term->text;
    for (size_t i = 0; i < n; i++) {
        while (*t == ' ')
            t++;
        size_t len = tokens[i].end - tokens[i].start;
        const char *s = text + tokens[i].start;
        // the clitic is not part of the term: "Bush's" is "Bush"
        const char *clitic = tokens[i].word.clitic;
        if (clitic && len > strlen(clitic) && strncmp(s + len - strlen(clitic), clitic, strlen(clitic)) == 0)
            len -= strlen(clitic);
        if (strncmp(s, t, len) == 0) {
            t += len;
            continue;
        }
        // all capitals: "AS" in a headline "KORUT DAN AS" is fine, "As" is not
        for (size_t k = 0; k < len; k++) {
            if (!t[k] || (unsigned char)s[k] != (unsigned char)((t[k] >= 'a' && t[k] <= 'z') ? t[k] - 32 : t[k]))
                return false;
            if (s[k] >= 'a' && s[k] <= 'z')
                return false;
        }
        t += len;
    }
    return true;
}

// Among the terms that end at one node, the best for this surface: a case-exact term first,
// then preferred over admitted over deprecated, then reading order.
static const struct entry *best_entry(const struct node *nd, const char *text, const struct sel_token *tokens, size_t n)
{
    const struct entry *best = NULL;
    for (size_t i = 0; i < nd->n_entries; i++) {
        const struct entry *e = &nd->entries[i];
        if (!case_fits(e->term, text, tokens, n))
            continue;
        if (!best || (e->term->exact_case && !best->term->exact_case) ||
            (e->term->exact_case == best->term->exact_case && e->term->status < best->term->status))
            best = e;
    }
    return best;
}

static int compare_matches(const void *a, const void *b)
{
    const struct sel_term_match *x = a, *y = b;
    if (x->n_tokens != y->n_tokens)
        return x->n_tokens > y->n_tokens ? -1 : 1;
    return (x->first_token > y->first_token) - (x->first_token < y->first_token);
}

static int compare_position(const void *a, const void *b)
{
    const struct sel_term_match *x = a, *y = b;
    return (x->first_token > y->first_token) - (x->first_token < y->first_token);
}

int sel_term_index_lookup(const sel_term_index *ix, const char *keys, bool family, sel_match_fn emit, void *user)
{
    if (family) {
        const struct root_group *g = sel_strmap_get(ix->roots, keys, strlen(keys));
        for (size_t i = 0; g && i < g->n_entries; i++) {
            struct sel_term_match m = { 0, g->entries[i].n_words, 0, 0, g->entries[i].concept, g->entries[i].term, false };
            if (!emit(user, &m))
                return SEL_OK;
        }
        return SEL_OK;
    }
    uint32_t node = 0;
    for (const char *k = keys; k && node != UINT32_MAX;) {
        const char *sep = strstr(k, SEL_KEY_SEP);
        size_t len = sep ? (size_t)(sep - k) : strlen(k);
        char buf[256];
        char *key = key_copy(k, len, buf, sizeof(buf));
        if (!key)
            return SEL_ENOMEM;
        node = child_of(ix, node, key_id(ix, key));
        key_free(key, buf);
        if (!node)
            return SEL_OK;
        k = sep ? sep + strlen(SEL_KEY_SEP) : NULL;
    }
    const struct node *nd = &ix->nodes[node];
    for (size_t i = 0; i < nd->n_entries; i++) {
        struct sel_term_match m = { 0, nd->entries[i].n_words, 0, 0, nd->entries[i].concept, nd->entries[i].term, false };
        if (!emit(user, &m))
            break;
    }
    return SEL_OK;
}

int sel_term_index_find_all(const sel_term_index *ix, sel_ctx *ctx, const char *text, const struct sel_token *tokens,
                            size_t n, sel_match_fn emit, void *user)
{
    SEL_CHECK_ARG(ix && (tokens || n == 0) && emit, SEL_EINVAL);
    uint32_t *ids = malloc((n ? n : 1) * sizeof(*ids));
    if (!ids)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        char buf[256];
        char *key = token_key_at(text, &tokens[i], false, buf, sizeof(buf));
        if (!key) {
            free(ids);
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        }
        ids[i] = key_id(ix, key);
        key_free(key, buf);
    }
    bool go = true;
    for (size_t i = 0; i < n && go; i++) {
        uint32_t node = 0;
        for (size_t j = i; j < n && j - i < ix->max_words && go; j++) {
            if (!(node = child_of(ix, node, ids[j])))
                break;
            const struct node *nd = &ix->nodes[node];
            for (size_t k = 0; k < nd->n_entries && go; k++) {
                const struct entry *e = &nd->entries[k];
                if (!case_fits(e->term, text, tokens + i, j - i + 1))
                    continue;
                struct sel_term_match m = { i, j - i + 1, tokens[i].start, tokens[j].end, e->concept, e->term, false };
                go = emit(user, &m);
            }
        }
    }
    free(ids);
    return SEL_OK;
}

int sel_term_index_match(const sel_term_index *ix, sel_ctx *ctx, const char *text, const struct sel_token *tokens,
                         size_t n, sel_match_fn emit, void *user)
{
    SEL_CHECK_ARG(ix && (tokens || n == 0) && emit, SEL_EINVAL);
    if (n == 0)
        return SEL_OK;
    // The longest term starting at each token; then the longest of those win over overlaps.
    struct sel_term_match *cands = malloc(n * sizeof(*cands));
    bool *taken = calloc(n, sizeof(*taken));
    uint32_t *ids = malloc(n * sizeof(*ids));
    if (!cands || !taken || !ids) {
        free(cands);
        free(taken);
        free(ids);
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        char buf[256];
        char *key = token_key_at(text, &tokens[i], false, buf, sizeof(buf));
        if (!key) {
            free(cands);
            free(taken);
            free(ids);
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        }
        ids[i] = key_id(ix, key);
        key_free(key, buf);
    }
    size_t n_cands = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t node = 0;
        struct sel_term_match best = { 0 };
        for (size_t j = i; j < n && j - i < ix->max_words; j++) {
            node = child_of(ix, node, ids[j]);
            if (!node)
                break;
            const struct entry *e = ix->nodes[node].n_entries ? best_entry(&ix->nodes[node], text, tokens + i, j - i + 1) : NULL;
            if (e)
                best = (struct sel_term_match){ i, j - i + 1, tokens[i].start, tokens[j].end, e->concept, e->term, false };
        }
        if (best.concept)
            cands[n_cands++] = best;
    }
    qsort(cands, n_cands, sizeof(*cands), compare_matches);
    size_t kept = 0;
    for (size_t k = 0; k < n_cands; k++) {
        bool free_span = true;
        for (size_t t = cands[k].first_token; t < cands[k].first_token + cands[k].n_tokens; t++)
            free_span = free_span && !taken[t];
        if (!free_span)
            continue;
        for (size_t t = cands[k].first_token; t < cands[k].first_token + cands[k].n_tokens; t++)
            taken[t] = true;
        cands[kept++] = cands[k];
    }
    qsort(cands, kept, sizeof(*cands), compare_position);
    for (size_t k = 0; k < kept; k++)
        if (!emit(user, &cands[k]))
            break;
    free(cands);
    free(taken);
    free(ids);
    return SEL_OK;
}

size_t sel_term_index_senses(const sel_term_index *ix, const char *text, const struct sel_token *tokens,
                             const struct sel_term_match *m, const struct sel_concept **concepts,
                             const struct sel_term **terms, size_t max)
{
    if (!max)
        return 0;
    uint32_t node = 0;
    for (size_t i = m->first_token; i < m->first_token + m->n_tokens; i++) {
        char key[256];
        token_key_at(text, &tokens[i], false, key, sizeof(key));
        if (!(node = child_of(ix, node, key_id(ix, key))))
            break;
    }
    size_t n = 0;
    concepts[n] = m->concept;
    terms[n++] = m->term;
    if (!node)
        return n;
    const struct node *nd = &ix->nodes[node];
    for (size_t k = 0; k < nd->n_entries && n < max; k++) {
        const struct entry *e = &nd->entries[k];
        bool seen = false;
        for (size_t j = 0; j < n; j++)
            seen = seen || concepts[j] == e->concept;
        if (seen || !case_fits(e->term, text, tokens + m->first_token, m->n_tokens))
            continue;
        concepts[n] = e->concept;
        terms[n++] = e->term;
    }
    return n;
}
