// SPDX-License-Identifier: MIT
#include "src/core/core.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

struct sel_arena_block {
    struct sel_arena_block *next;
    size_t used, size;
    alignas(max_align_t) unsigned char data[];
};

enum { BLOCK_SIZE = 64 * 1024 };

void *sel_arena_alloc(struct sel_arena *arena, size_t size)
{
    size_t align = alignof(max_align_t);
    size = (size + align - 1) / align * align;
    struct sel_arena_block *b = arena->head;
    if (!b || b->size - b->used < size) {
        size_t cap = size > BLOCK_SIZE ? size : BLOCK_SIZE;
        b = malloc(sizeof(*b) + cap);
        if (!b)
            return NULL;
        b->used = 0;
        b->size = cap;
        b->next = arena->head;
        arena->head = b;
    }
    void *p = b->data + b->used;
    b->used += size;
    return p;
}

char *sel_arena_strndup(struct sel_arena *arena, const char *s, size_t len)
{
    char *p = sel_arena_alloc(arena, len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

void sel_arena_finish(struct sel_arena *arena)
{
    struct sel_arena_block *b = arena->head;
    while (b) {
        struct sel_arena_block *next = b->next;
        free(b);
        b = next;
    }
    arena->head = NULL;
}
