// SPDX-License-Identifier: MIT
// Internal: a bump allocator for many small strings that live and die together (a termbase,
// a document). Not part of the public API of the core module.
#ifndef SEL_CORE_ARENA_H
#define SEL_CORE_ARENA_H

#include <stddef.h>

struct sel_arena_block;

struct sel_arena {
    struct sel_arena_block *head;
};

/** Returns @p size bytes aligned for any type, or NULL when memory runs out. */
void *sel_arena_alloc(struct sel_arena *arena, size_t size);
/** Copies @p len bytes of @p s and a terminating NUL into the arena. */
char *sel_arena_strndup(struct sel_arena *arena, const char *s, size_t len);
/** Releases every block; the arena can be used again afterwards. */
void sel_arena_finish(struct sel_arena *arena);

#endif
