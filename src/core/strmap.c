// SPDX-License-Identifier: MIT
// Open addressing with linear probing; keys live in an arena, so a map is freed in one go.
#include "src/core/core.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct entry {
    const char *key; // NULL for an empty slot
    size_t len;
    uint64_t hash;
    void *value;
};

struct sel_strmap {
    struct entry *slots;
    size_t cap, count; // cap is a power of two
    struct sel_arena keys;
};

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL; // FNV-1a
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

int sel_strmap_new(sel_strmap **out)
{
    SEL_CHECK_ARG(out, SEL_EINVAL);
    sel_strmap *m = calloc(1, sizeof(*m));
    if (!m)
        return SEL_ENOMEM;
    m->cap = 64;
    m->slots = calloc(m->cap, sizeof(*m->slots));
    if (!m->slots) {
        free(m);
        return SEL_ENOMEM;
    }
    *out = m;
    return SEL_OK;
}

void sel_strmap_free(sel_strmap *m)
{
    if (!m)
        return;
    sel_arena_finish(&m->keys);
    free(m->slots);
    free(m);
}

static struct entry *find(const struct entry *slots, size_t cap, const char *key, size_t len, uint64_t h)
{
    for (size_t i = h & (cap - 1);; i = (i + 1) & (cap - 1)) {
        const struct entry *e = &slots[i];
        if (!e->key || (e->hash == h && e->len == len && memcmp(e->key, key, len) == 0))
            return (struct entry *)e;
    }
}

void *sel_strmap_get(const sel_strmap *m, const char *key, size_t len)
{
    const struct entry *e = find(m->slots, m->cap, key, len, hash_bytes(key, len));
    return e->key ? e->value : NULL;
}

static int grow(sel_strmap *m)
{
    size_t cap = m->cap * 2;
    struct entry *slots = calloc(cap, sizeof(*slots));
    if (!slots)
        return SEL_ENOMEM;
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            *find(slots, cap, m->slots[i].key, m->slots[i].len, m->slots[i].hash) = m->slots[i];
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return SEL_OK;
}

int sel_strmap_put(sel_strmap *m, const char *key, size_t len, void *value)
{
    if ((m->count + 1) * 4 > m->cap * 3 && grow(m) != SEL_OK)
        return SEL_ENOMEM;
    uint64_t h = hash_bytes(key, len);
    struct entry *e = find(m->slots, m->cap, key, len, h);
    if (!e->key) {
        char *copy = sel_arena_strndup(&m->keys, key, len);
        if (!copy)
            return SEL_ENOMEM;
        *e = (struct entry){ copy, len, h, NULL };
        m->count++;
    }
    e->value = value;
    return SEL_OK;
}

size_t sel_strmap_count(const sel_strmap *m)
{
    return m->count;
}
