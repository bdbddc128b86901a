// SPDX-License-Identifier: MIT
// The compiled termbase: `selaras lexicon compile` (run by meson) writes the bundled termbase as
// one file that start-up maps into memory instead of parsing 14 `.terms` files, analysing or
// indexing anything. Parsing and indexing were most of what a lookup cost; the file is read
// only where a query touches it.
//
// Layout (native byte order and 32-bit offsets; the file is made on the machine that uses it):
// a header, the concepts, the terms, per language three hash tables (normalised text, keys,
// roots -> the terms with them) and a list of the distinct normalised texts in first-seen
// order, the term lists the tables point into, and the strings. A string is an offset into the
// strings; NONE stands for NULL.
//
// The header is stamped with the sources it was made from (each `.terms` file and each
// language's morphology.txt): their names, sizes and modification times, checked at start-up
// with a stat() each, and failing that their contents (an installed copy may have new times but
// the same bytes). A stale or missing file means reading the sources, as before.
//
// The termbase's concepts and terms are filled from the file on first use, not at start-up:
// writing 3,200 concepts and 12,000 terms into fresh memory was a tenth of an exact lookup's
// time, which touches a few of them. Code that reads tb->concepts directly calls
// sel_termbase_fill() first; a lookup fills the concepts it finds, one at a time.
#include "lexicon/compiled.h"
#include "lexicon/termbase_internal.h"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC "selaras-termbase 3\n"
enum { MAX_LANGS = 8, NONE = UINT32_MAX, MAX_SOURCES = 64 };
static const uint32_t BYTE_ORDER_MARK = 0x01020304;

struct cp_table {
    uint32_t slots, n_slots; // offset of n_slots struct cp_slot (a power of two)
};

struct cp_lang {
    char code[16];
    struct cp_table tables[3]; // by enum sel_compiled_table
    uint32_t groups, n_groups; // offsets of the exact table's slots, in first-seen order
};

struct cp_header {
    char magic[24];
    uint32_t byte_order;
    uint32_t n_concepts, n_terms, n_langs;
    uint64_t stat_stamp, content_stamp;
    uint64_t fingerprint; // sel_term_keys's fingerprint of the termbase and the analysis rules
    uint32_t concepts, terms, strings, size;
    struct cp_lang langs[MAX_LANGS];
};

struct cp_concept {
    uint32_t id, subject, definition, note, homograph, file, first_term, n_terms;
    int32_t line;
    uint32_t context, usual; // the sense's collocates and its `usual:` note (lexicon/sense.c)
};

struct cp_term {
    uint32_t text, lang, keys, roots, concept, n_keys;
    int32_t line;
    uint8_t pos, type, status, exact_case;
};

struct cp_slot {
    uint32_t key, hash, list, n; // n == 0: empty; list: offset of n term numbers
};

struct sel_compiled {
    const unsigned char *base;
    size_t size;
    const struct cp_header *h;
    struct sel_concept *concepts; // the termbase's first concepts (zeroed_pages())
    struct sel_term *terms;       // the sel_term structs the concepts point into (zeroed_pages())
    // Concepts are filled on first use, by whichever thread gets there (`--jobs` workers share a
    // termbase): under the lock, until every one is and all_filled says so.
    pthread_mutex_t fill_lock;
    atomic_bool all_filled;
};

/* ---- shared -------------------------------------------------------------------------------- */

char *sel_term_normalise(const char *s, char *buf, size_t size)
{
    // Lowercasing (full case mapping) at most triples a string's UTF-8 bytes: the largest growth
    // is U+0130, 2 bytes, to "i" + U+0307, 3 bytes. So this always fits, and lowercasing fails
    // only on invalid UTF-8, which is then compared as it is.
    size_t need = strlen(s) * 3 + 1;
    char *out = need <= size ? buf : malloc(need);
    if (!out)
        return NULL;
    sel_text_lowercase(s, out, need <= size ? size : need);
    size_t w = 0;
    bool space = false;
    for (const char *p = out; *p; p++) { // in place: w never passes p
        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
            space = w > 0;
            continue;
        }
        if (space)
            out[w++] = ' ';
        space = false;
        out[w++] = *p;
    }
    out[w] = '\0';
    return out;
}

void sel_term_normalised_free(char *key, const char *buf)
{
    if (key != buf)
        free(key);
}

static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
    const unsigned char *s = data;
    for (size_t i = 0; i < len; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static uint32_t hash_key(const char *s)
{
    uint64_t h = fnv(1469598103934665603ULL, s, strlen(s));
    return (uint32_t)(h ^ (h >> 32));
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

// The sources the compiled file stands for, in a fixed order: the `.terms` files by name, then
// each language's morphology.txt. @return how many paths (malloc'd) are in @p out.
static size_t source_paths(const char *const *langs, size_t n_langs, char **out)
{
    size_t n = 0;
    char *dir = sel_data_path("lexicon");
    DIR *d = dir ? opendir(dir) : NULL;
    for (struct dirent *e; d && (e = readdir(d)) && n < MAX_SOURCES - MAX_LANGS;) {
        size_t len = strlen(e->d_name);
        if (len > 6 && strcmp(e->d_name + len - 6, ".terms") == 0) {
            size_t size = strlen(dir) + len + 2;
            if ((out[n] = malloc(size)))
                snprintf(out[n++], size, "%s/%s", dir, e->d_name);
        }
    }
    if (d)
        closedir(d);
    free(dir);
    qsort(out, n, sizeof(*out), compare_names);
    char *lang_dir = sel_data_path("lang");
    for (size_t l = 0; lang_dir && l < n_langs; l++) {
        size_t size = strlen(lang_dir) + strlen(langs[l]) + 20;
        if ((out[n] = malloc(size)))
            snprintf(out[n++], size, "%s/%s/morphology.txt", lang_dir, langs[l]);
    }
    free(lang_dir);
    return n;
}

// Stamps of the sources: by name, size and modification time (@p content false), or by name and
// bytes. 0 when a source cannot be read.
static uint64_t sources_stamp(const char *const *langs, size_t n_langs, bool content)
{
    char *paths[MAX_SOURCES];
    size_t n = source_paths(langs, n_langs, paths);
    uint64_t h = 1469598103934665603ULL;
    bool ok = n > 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = strrchr(paths[i], '/') ? strrchr(paths[i], '/') + 1 : paths[i];
        h = fnv(h, name, strlen(name) + 1);
        if (ok && content) {
            struct sel_text t;
            ok = sel_text_read(&t, NULL, paths[i]) == SEL_OK;
            if (ok) {
                h = fnv(h, &t.len, sizeof(t.len));
                h = fnv(h, t.data, t.len);
                sel_text_finish(&t);
            }
        } else if (ok) {
            struct stat sb;
            ok = stat(paths[i], &sb) == 0;
            int64_t v[3] = { (int64_t)sb.st_size, (int64_t)sb.st_mtim.tv_sec, (int64_t)sb.st_mtim.tv_nsec };
            if (ok)
                h = fnv(h, v, sizeof(v));
        }
        free(paths[i]);
    }
    return ok && h ? h : 0;
}

/* ---- writing ------------------------------------------------------------------------------- */

struct buf {
    unsigned char *data;
    size_t len, cap;
    bool failed;
};

static uint32_t buf_put(struct buf *b, const void *data, size_t len)
{
    if (b->failed || SEL_ARRAY_RESERVE(b->data, b->cap, b->len + len + 8) != SEL_OK || b->len + len >= NONE) {
        b->failed = true;
        return 0;
    }
    size_t at = (b->len + 3) & ~(size_t)3; // 4-byte aligned
    memset(b->data + b->len, 0, at - b->len);
    memcpy(b->data + at, data, len);
    b->len = at + len;
    return (uint32_t)at;
}

struct list {
    uint32_t *v;
    uint32_t n, cap;
    const char *key; // in the writer's arena
};

// One table being built: key -> list of term numbers, lists in first-seen order.
struct table_build {
    sel_strmap *map; // key -> index into lists + 1
    struct list *lists;
    size_t n, cap;
};

static int table_add(struct table_build *t, struct sel_arena *arena, const char *key, uint32_t term)
{
    uintptr_t at = (uintptr_t)sel_strmap_get(t->map, key, strlen(key));
    if (!at) {
        if (SEL_ARRAY_RESERVE(t->lists, t->cap, t->n + 1) != SEL_OK)
            return SEL_ENOMEM;
        const char *copy = sel_arena_strndup(arena, key, strlen(key));
        if (!copy)
            return SEL_ENOMEM;
        t->lists[t->n] = (struct list){ NULL, 0, 0, copy };
        at = ++t->n;
        if (sel_strmap_put(t->map, key, strlen(key), (void *)at) != SEL_OK)
            return SEL_ENOMEM;
    }
    struct list *l = &t->lists[at - 1];
    if (l->n == l->cap) {
        uint32_t cap = l->cap ? l->cap * 2 : 2;
        uint32_t *v = realloc(l->v, cap * sizeof(*v));
        if (!v)
            return SEL_ENOMEM;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = term;
    return SEL_OK;
}

static void table_free(struct table_build *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->lists[i].v);
    free(t->lists);
    sel_strmap_free(t->map);
}

// Lays out one table: its lists, then the slots (open addressing, linear probing, at most half
// full). *slot_of_list receives each list's slot offset, for the groups of the exact table.
static struct cp_table table_write(struct buf *out, struct buf *strings, const struct table_build *t,
                                   uint32_t *slot_of_list)
{
    uint32_t n_slots = 8;
    while (n_slots < t->n * 2)
        n_slots *= 2;
    struct cp_slot *slots = calloc(n_slots, sizeof(*slots));
    if (!slots) {
        out->failed = true;
        return (struct cp_table){ 0, 0 };
    }
    uint32_t *pos = calloc(t->n ? t->n : 1, sizeof(*pos));
    for (size_t i = 0; pos && i < t->n; i++) {
        const struct list *l = &t->lists[i];
        uint32_t h = hash_key(l->key), s = h & (n_slots - 1);
        while (slots[s].n)
            s = (s + 1) & (n_slots - 1);
        slots[s] = (struct cp_slot){ buf_put(strings, l->key, strlen(l->key) + 1), h,
                                     buf_put(out, l->v, l->n * sizeof(*l->v)), l->n };
        pos[i] = s;
    }
    uint32_t at = pos ? buf_put(out, slots, n_slots * sizeof(*slots)) : 0;
    for (size_t i = 0; pos && slot_of_list && i < t->n; i++)
        slot_of_list[i] = at + pos[i] * (uint32_t)sizeof(struct cp_slot);
    if (!pos)
        out->failed = true;
    free(pos);
    free(slots);
    return (struct cp_table){ at, n_slots };
}

static uint32_t put_string(struct buf *strings, const char *s)
{
    return s ? buf_put(strings, s, strlen(s) + 1) : NONE;
}

// The languages the termbase has terms in, in order of first appearance.
static size_t termbase_langs(const sel_termbase *tb, const char **langs, size_t max)
{
    size_t n = 0;
    sel_termbase_fill(tb);
    for (size_t i = 0; i < tb->n_concepts; i++)
        for (size_t j = 0; j < tb->concepts[i].n_terms; j++) {
            const char *lang = tb->concepts[i].terms[j].lang;
            size_t k = 0;
            while (k < n && strcmp(langs[k], lang) != 0)
                k++;
            if (k == n && n < max)
                langs[n++] = lang;
        }
    return n;
}

static size_t count_keys(const char *keys)
{
    if (!*keys)
        return 0;
    size_t n = 1;
    for (const char *p = keys; (p = strstr(p, SEL_KEY_SEP)); p += strlen(SEL_KEY_SEP))
        n++;
    return n;
}

int sel_compiled_write(const sel_termbase *tb, sel_ctx *ctx, const char *path)
{
    const char *langs[MAX_LANGS];
    size_t n_langs = termbase_langs(tb, langs, MAX_LANGS);
    size_t n_terms = 0;
    for (size_t i = 0; i < tb->n_concepts; i++)
        n_terms += tb->concepts[i].n_terms;
    struct cp_header h;
    memset(&h, 0, sizeof(h));
    memcpy(h.magic, MAGIC, sizeof(MAGIC));
    h.byte_order = BYTE_ORDER_MARK;
    h.n_concepts = (uint32_t)tb->n_concepts;
    h.n_terms = (uint32_t)n_terms;
    h.n_langs = (uint32_t)n_langs;
    h.stat_stamp = sources_stamp(langs, n_langs, false);
    h.content_stamp = sources_stamp(langs, n_langs, true);
    h.fingerprint = sel_term_keys_fingerprint(tb);
    struct cp_concept *cc = calloc(tb->n_concepts ? tb->n_concepts : 1, sizeof(*cc));
    struct cp_term *ct = calloc(n_terms ? n_terms : 1, sizeof(*ct));
    struct buf strings = { 0 }, body = { 0 };
    struct sel_arena arena = { 0 };
    buf_put(&strings, "", 1); // offset 0: the empty string
    buf_put(&body, &h, sizeof(h)); // rewritten at the end
    int rc = cc && ct ? SEL_OK : SEL_ENOMEM;
    for (size_t i = 0, t = 0; rc == SEL_OK && i < tb->n_concepts; i++) {
        const struct sel_concept *c = &tb->concepts[i];
        cc[i] = (struct cp_concept){ put_string(&strings, c->id), put_string(&strings, c->subject),
                                     put_string(&strings, c->definition), put_string(&strings, c->note),
                                     put_string(&strings, c->homograph), put_string(&strings, c->file),
                                     (uint32_t)t, (uint32_t)c->n_terms, (int32_t)c->line,
                                     put_string(&strings, c->context), put_string(&strings, c->usual) };
        for (size_t j = 0; j < c->n_terms; j++, t++) {
            const struct sel_term *x = &c->terms[j];
            ct[t] = (struct cp_term){ put_string(&strings, x->text), put_string(&strings, x->lang), NONE, NONE,
                                      (uint32_t)i, 0, (int32_t)x->line, (uint8_t)x->pos, (uint8_t)x->type,
                                      (uint8_t)x->status, x->exact_case };
        }
    }
    char keys[2048], roots[2048], norm[2048];
    for (size_t l = 0; rc == SEL_OK && l < n_langs; l++) {
        struct cp_lang *cl = &h.langs[l];
        snprintf(cl->code, sizeof(cl->code), "%s", langs[l]);
        sel_lang *lang = NULL;
        sel_analyzer *an = NULL;
        struct table_build tables[3] = { 0 };
        for (int k = 0; k < 3; k++)
            if (rc == SEL_OK && sel_strmap_new(&tables[k].map) != SEL_OK)
                rc = SEL_ENOMEM;
        if (rc == SEL_OK)
            rc = sel_lang_load(&lang, ctx, langs[l]);
        if (rc == SEL_OK)
            rc = sel_analyzer_new(&an, ctx, lang);
        if (rc == SEL_OK)
            sel_analyzer_split_compounds(an, true); // as the tagger analyses text
        for (size_t i = 0, t = 0; rc == SEL_OK && i < tb->n_concepts; i++) {
            const struct sel_concept *c = &tb->concepts[i];
            for (size_t j = 0; rc == SEL_OK && j < c->n_terms; j++, t++) {
                if (strcmp(c->terms[j].lang, langs[l]) != 0)
                    continue;
                char *key = sel_term_normalise(c->terms[j].text, norm, sizeof(norm));
                rc = key ? table_add(&tables[SEL_COMPILED_EXACT], &arena, key, (uint32_t)t)
                         : sel_error(ctx, SEL_ENOMEM, "out of memory");
                if (key)
                    sel_term_normalised_free(key, norm);
                if (rc == SEL_OK)
                    rc = sel_term_keys_compute(an, ctx, c->terms[j].text, keys, sizeof(keys), roots, sizeof(roots));
                if (rc != SEL_OK || !*keys)
                    continue;
                ct[t].keys = put_string(&strings, keys);
                ct[t].roots = put_string(&strings, roots);
                ct[t].n_keys = (uint32_t)count_keys(keys);
                rc = table_add(&tables[SEL_COMPILED_KEYS], &arena, keys, (uint32_t)t);
                if (rc == SEL_OK)
                    rc = table_add(&tables[SEL_COMPILED_ROOTS], &arena, roots, (uint32_t)t);
            }
        }
        uint32_t *groups = rc == SEL_OK ? calloc(tables[0].n + 1, sizeof(*groups)) : NULL;
        if (rc == SEL_OK && !groups)
            rc = SEL_ENOMEM;
        for (int k = 0; rc == SEL_OK && k < 3; k++)
            cl->tables[k] = table_write(&body, &strings, &tables[k], k == SEL_COMPILED_EXACT ? groups : NULL);
        if (rc == SEL_OK) {
            cl->groups = buf_put(&body, groups, tables[0].n * sizeof(*groups));
            cl->n_groups = (uint32_t)tables[0].n;
        }
        free(groups);
        for (int k = 0; k < 3; k++)
            table_free(&tables[k]);
        sel_analyzer_free(an);
        sel_lang_free(lang);
    }
    if (rc == SEL_OK) {
        h.concepts = buf_put(&body, cc, tb->n_concepts * sizeof(*cc));
        h.terms = buf_put(&body, ct, n_terms * sizeof(*ct));
        h.strings = buf_put(&body, strings.data, strings.len);
        h.size = (uint32_t)body.len;
        if (body.failed || strings.failed)
            rc = SEL_ENOMEM;
        else
            memcpy(body.data, &h, sizeof(h));
    }
    if (rc == SEL_ENOMEM)
        sel_error(ctx, rc, "out of memory");
    char tmp[4096];
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    FILE *fp = rc == SEL_OK ? fopen(tmp, "wb") : NULL;
    if (rc == SEL_OK && !fp)
        rc = sel_error_at(ctx, SEL_EIO, (struct sel_location){ tmp, 0, 0 }, "cannot write");
    if (fp && fwrite(body.data, 1, body.len, fp) != body.len)
        rc = sel_error_at(ctx, SEL_EIO, (struct sel_location){ tmp, 0, 0 }, "write failed");
    if (fp && fclose(fp) != 0 && rc == SEL_OK)
        rc = sel_error_at(ctx, SEL_EIO, (struct sel_location){ tmp, 0, 0 }, "write failed");
    if (rc == SEL_OK && rename(tmp, path) != 0)
        rc = sel_error_at(ctx, SEL_EIO, (struct sel_location){ path, 0, 0 }, "cannot replace");
    if (fp && rc != SEL_OK)
        remove(tmp);
    free(cc);
    free(ct);
    free(strings.data);
    free(body.data);
    sel_arena_finish(&arena);
    return rc;
}

/* ---- reading ------------------------------------------------------------------------------- */

static const char *str_at(const sel_compiled *cp, uint32_t off)
{
    if (off == NONE)
        return NULL;
    return (const char *)cp->base + cp->h->strings + off;
}

void sel_compiled_close(sel_compiled *cp)
{
    if (!cp)
        return;
    pthread_mutex_destroy(&cp->fill_lock);
    if (cp->concepts) // before the file: its header has the sizes
        munmap(cp->concepts, cp->h->n_concepts * sizeof(*cp->concepts) + 1);
    if (cp->terms)
        munmap(cp->terms, cp->h->n_terms * sizeof(*cp->terms) + 1);
    if (cp->base)
        munmap((void *)cp->base, cp->size);
    free(cp);
}

// Maps @p path and checks that its parts lie inside it. NULL when it cannot be used.
static sel_compiled *map_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0)
        return NULL;
    sel_compiled *cp = NULL;
    void *base = MAP_FAILED;
    if (fstat(fd, &sb) == 0 && (size_t)sb.st_size >= sizeof(struct cp_header))
        base = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (base == MAP_FAILED)
        return NULL;
    const struct cp_header *h = base;
    size_t size = (size_t)sb.st_size;
    bool ok = memcmp(h->magic, MAGIC, sizeof(MAGIC)) == 0 && h->byte_order == BYTE_ORDER_MARK && h->size == size &&
              h->n_langs <= MAX_LANGS && h->strings < size && ((const char *)base)[size - 1] == '\0' &&
              h->concepts <= size && (size - h->concepts) / sizeof(struct cp_concept) >= h->n_concepts &&
              h->terms <= size && (size - h->terms) / sizeof(struct cp_term) >= h->n_terms;
    for (uint32_t l = 0; ok && l < h->n_langs; l++) {
        const struct cp_lang *cl = &h->langs[l];
        ok = memchr(cl->code, '\0', sizeof(cl->code)) && cl->groups <= size &&
             (size - cl->groups) / sizeof(uint32_t) >= cl->n_groups;
        for (int k = 0; ok && k < 3; k++)
            ok = cl->tables[k].n_slots && !(cl->tables[k].n_slots & (cl->tables[k].n_slots - 1)) &&
                 cl->tables[k].slots <= size && (size - cl->tables[k].slots) / sizeof(struct cp_slot) >= cl->tables[k].n_slots;
    }
    if (ok && (cp = calloc(1, sizeof(*cp)))) {
        pthread_mutex_init(&cp->fill_lock, NULL);
        cp->base = base;
        cp->size = size;
        cp->h = h;
        return cp;
    }
    munmap(base, size);
    return NULL;
}

static bool fresh(const sel_compiled *cp)
{
    const char *langs[MAX_LANGS];
    for (uint32_t l = 0; l < cp->h->n_langs; l++)
        langs[l] = cp->h->langs[l].code;
    uint64_t stamp = sources_stamp(langs, cp->h->n_langs, false);
    return (stamp && stamp == cp->h->stat_stamp) ||
           ((stamp = sources_stamp(langs, cp->h->n_langs, true)) && stamp == cp->h->content_stamp);
}

static bool valid_string(const sel_compiled *cp, uint32_t off)
{
    return off == NONE || off < cp->size - cp->h->strings;
}

// The string at @p off, or @p otherwise when the offset is NONE or outside the strings (a
// damaged file stays memory-safe; map_file() has checked the rest of its layout).
static const char *string_or(const sel_compiled *cp, uint32_t off, const char *otherwise)
{
    return off != NONE && valid_string(cp, off) ? str_at(cp, off) : otherwise;
}

static void fill_term(const sel_compiled *cp, struct sel_term *t, const struct cp_term *x)
{
    *t = (struct sel_term){ string_or(cp, x->text, ""),
                            string_or(cp, x->lang, ""),
                            x->pos < SEL_POS_COUNT ? (enum sel_pos)x->pos : SEL_POS_OTHER,
                            x->type < SEL_TYPE_COUNT ? (enum sel_term_type)x->type : SEL_TYPE_FULL_FORM,
                            x->status < SEL_STATUS_COUNT ? (enum sel_term_status)x->status : SEL_STATUS_AID,
                            x->exact_case != 0,
                            x->line };
}

// Fills concept @p i, @p c, and its terms, unless that was done. The caller holds fill_lock.
static void fill_concept(sel_compiled *cp, struct sel_concept *c, uint32_t i)
{
    if (c->id)
        return;
    const struct cp_concept *x = &((const struct cp_concept *)(cp->base + cp->h->concepts))[i];
    const struct cp_term *ct = (const void *)(cp->base + cp->h->terms);
    bool terms_fit = x->first_term <= cp->h->n_terms && x->n_terms <= cp->h->n_terms - x->first_term;
    c->subject = string_or(cp, x->subject, "");
    c->definition = string_or(cp, x->definition, NULL);
    c->note = string_or(cp, x->note, NULL);
    c->homograph = string_or(cp, x->homograph, NULL);
    c->context = string_or(cp, x->context, NULL);
    c->usual = string_or(cp, x->usual, NULL);
    c->file = string_or(cp, x->file, "");
    c->line = x->line;
    c->terms = cp->terms + (terms_fit ? x->first_term : 0);
    c->n_terms = terms_fit ? x->n_terms : 0;
    for (size_t t = 0; t < c->n_terms; t++)
        fill_term(cp, &c->terms[t], &ct[x->first_term + t]);
    c->id = string_or(cp, x->id, ""); // last: a set id is what "filled" means
}

// Concept @p i of @p tb, filled. Filling is not a change a reader of the termbase can see, which
// is why it may write through the const pointer (the concepts are the termbase's own memory).
static const struct sel_concept *filled_concept(const sel_termbase *tb, uint32_t i)
{
    sel_compiled *cp = tb->compiled;
    if (cp && i < cp->h->n_concepts && !atomic_load_explicit(&cp->all_filled, memory_order_acquire)) {
        pthread_mutex_lock(&cp->fill_lock);
        fill_concept(cp, (struct sel_concept *)&tb->concepts[i], i);
        pthread_mutex_unlock(&cp->fill_lock);
    }
    return &tb->concepts[i];
}

void sel_termbase_fill(const sel_termbase *tb)
{
    sel_compiled *cp = tb ? tb->compiled : NULL;
    if (!cp || atomic_load_explicit(&cp->all_filled, memory_order_acquire))
        return;
    pthread_mutex_lock(&cp->fill_lock);
    for (uint32_t i = 0; i < cp->h->n_concepts; i++)
        fill_concept(cp, (struct sel_concept *)&tb->concepts[i], i);
    atomic_store_explicit(&cp->all_filled, true, memory_order_release);
    pthread_mutex_unlock(&cp->fill_lock);
}

// Zeroed memory that the kernel supplies a page at a time as it is first written. From the heap,
// calloc() would clear all of it up front: half a millisecond of every lookup for a megabyte that
// the lookup hardly touches.
static void *zeroed_pages(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

int sel_compiled_open_termbase(sel_termbase *tb, sel_ctx *ctx, const char *path)
{
    SEL_CHECK_ARG(tb && path && tb->n_concepts == 0, SEL_EINVAL);
    sel_compiled *cp = map_file(path);
    if (!cp || !fresh(cp)) {
        sel_compiled_close(cp);
        return SEL_ENOTFOUND;
    }
    const struct cp_header *h = cp->h;
    cp->concepts = zeroed_pages(h->n_concepts * sizeof(*cp->concepts) + 1);
    cp->terms = zeroed_pages(h->n_terms * sizeof(*cp->terms) + 1);
    if (!cp->concepts || !cp->terms) {
        sel_compiled_close(cp);
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    tb->concepts = cp->concepts;
    tb->n_concepts = tb->cap_concepts = h->n_concepts;
    tb->concepts_borrowed = true;
    tb->compiled = cp;
    return SEL_OK;
}

const sel_compiled *sel_termbase_compiled(const sel_termbase *tb)
{
    return tb ? tb->compiled : NULL;
}

size_t sel_compiled_concept_count(const sel_compiled *cp)
{
    return cp ? cp->h->n_concepts : 0;
}

static const struct cp_lang *find_lang(const sel_compiled *cp, const char *lang)
{
    for (uint32_t l = 0; cp && l < cp->h->n_langs; l++)
        if (strcmp(cp->h->langs[l].code, lang) == 0)
            return &cp->h->langs[l];
    return NULL;
}

bool sel_compiled_has_lang(const sel_compiled *cp, const char *lang)
{
    return find_lang(cp, lang) != NULL;
}

// Emits the terms of one slot's list.
static void emit_list(const sel_compiled *cp, const sel_termbase *tb, const struct cp_slot *s, sel_match_fn emit,
                      void *user)
{
    if (s->list > cp->size || (cp->size - s->list) / sizeof(uint32_t) < s->n)
        return;
    const uint32_t *v = (const void *)(cp->base + s->list);
    const struct cp_term *ct = (const void *)(cp->base + cp->h->terms);
    const struct cp_concept *cc = (const void *)(cp->base + cp->h->concepts);
    for (uint32_t i = 0; i < s->n; i++) {
        if (v[i] >= cp->h->n_terms || ct[v[i]].concept >= tb->n_concepts)
            continue;
        const struct sel_concept *c = filled_concept(tb, ct[v[i]].concept);
        // a bundled concept the user's entry of the same id replaced has no terms left (and a
        // term outside its concept's range is a damaged file's)
        if (v[i] < cc[ct[v[i]].concept].first_term || v[i] - cc[ct[v[i]].concept].first_term >= c->n_terms)
            continue;
        struct sel_term_match m = { 0, ct[v[i]].n_keys, 0, 0, c, &cp->terms[v[i]], false };
        if (!emit(user, &m))
            return;
    }
}

void sel_compiled_find(const sel_compiled *cp, const sel_termbase *tb, const char *lang, enum sel_compiled_table table,
                       const char *key, sel_match_fn emit, void *user)
{
    const struct cp_lang *cl = find_lang(cp, lang);
    if (!cl)
        return;
    const struct cp_table *t = &cl->tables[table];
    const struct cp_slot *slots = (const void *)(cp->base + t->slots);
    uint32_t h = hash_key(key);
    for (uint32_t s = h & (t->n_slots - 1), probes = 0; slots[s].n && probes < t->n_slots;
         s = (s + 1) & (t->n_slots - 1), probes++) {
        const char *k = slots[s].hash == h && valid_string(cp, slots[s].key) ? str_at(cp, slots[s].key) : NULL;
        if (k && strcmp(k, key) == 0) {
            emit_list(cp, tb, &slots[s], emit, user);
            return;
        }
    }
}

size_t sel_compiled_group_count(const sel_compiled *cp, const char *lang)
{
    const struct cp_lang *cl = find_lang(cp, lang);
    return cl ? cl->n_groups : 0;
}

const char *sel_compiled_group(const sel_compiled *cp, const sel_termbase *tb, const char *lang, size_t i,
                               sel_match_fn emit, void *user)
{
    const struct cp_lang *cl = find_lang(cp, lang);
    if (!cl || i >= cl->n_groups)
        return NULL;
    uint32_t off = ((const uint32_t *)(cp->base + cl->groups))[i];
    if (off > cp->size || cp->size - off < sizeof(struct cp_slot))
        return NULL;
    const struct cp_slot *s = (const void *)(cp->base + off);
    if (!valid_string(cp, s->key))
        return NULL;
    if (emit)
        emit_list(cp, tb, s, emit, user);
    return str_at(cp, s->key);
}

/* ---- the tagger's index -------------------------------------------------------------------- */

int sel_compiled_index_load(sel_term_index **out, sel_ctx *ctx, const sel_termbase *tb, const char *lang,
                            const char *path)
{
    *out = NULL;
    sel_compiled *own = NULL;
    // The compiled keys are those of the bundled concepts, which come first; the user's, added
    // after them, are analysed by the caller (sel_term_index_add_user()).
    const sel_compiled *cp = tb->compiled;
    if (!cp) { // a termbase read from the sources: the file serves it if it was made from the same
        size_t bundled = 0;
        while (bundled < tb->n_concepts && !tb->concepts[bundled].origin)
            bundled++;
        own = map_file(path);
        if (!own || own->h->n_concepts != bundled || own->h->fingerprint != sel_term_keys_fingerprint(tb)) {
            sel_compiled_close(own);
            return SEL_ENOTFOUND;
        }
        cp = own;
    }
    const struct cp_term *ct = (const void *)(cp->base + cp->h->terms);
    const struct cp_concept *cc = (const void *)(cp->base + cp->h->concepts);
    sel_termbase_fill(tb); // the index points into every concept
    sel_term_index *ix = NULL;
    int rc = sel_term_index_new(&ix) == SEL_OK ? SEL_OK : sel_error(ctx, SEL_ENOMEM, "out of memory");
    for (uint32_t t = 0; rc == SEL_OK && t < cp->h->n_terms; t++) {
        const struct cp_term *x = &ct[t];
        if (x->keys == NONE || x->concept >= tb->n_concepts || !valid_string(cp, x->lang) ||
            strcmp(str_at(cp, x->lang), lang) != 0)
            continue;
        const struct sel_concept *c = &tb->concepts[x->concept];
        uint32_t ti = t - cc[x->concept].first_term;
        if (c->origin || ti >= c->n_terms || !valid_string(cp, x->keys) || !valid_string(cp, x->roots)) {
            rc = SEL_ENOTFOUND;
            break;
        }
        if (sel_term_index_add(ix, c, &c->terms[ti], str_at(cp, x->keys), str_at(cp, x->roots)) != SEL_OK)
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    sel_compiled_close(own);
    if (rc != SEL_OK) {
        sel_term_index_free(ix);
        return rc;
    }
    *out = ix;
    return SEL_OK;
}
