// SPDX-License-Identifier: MIT
// The one growth rule for the library's arrays (see SEL_ARRAY_RESERVE in core.h).
#include "src/core/core.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// A first allocation big enough that short arrays never grow twice, small enough not to matter.
enum { FIRST_CAPACITY = 16 };

int sel_array_reserve(void *items_ptr, size_t *cap, size_t need, size_t elem_size)
{
    SEL_CHECK_ARG(items_ptr && cap && elem_size, SEL_EINVAL);
    if (need <= *cap)
        return SEL_OK;
    size_t grown = *cap ? *cap : FIRST_CAPACITY;
    while (grown < need) {
        if (grown > SIZE_MAX / 2)
            return SEL_ENOMEM;
        grown *= 2; // doubling keeps appending amortised O(1)
    }
    if (grown > SIZE_MAX / elem_size)
        return SEL_ENOMEM;
    // The caller's pointer is read and written through memcpy, not through a void **, so the
    // element type may be anything without breaking C's aliasing rules.
    void *items;
    memcpy(&items, items_ptr, sizeof(items));
    void *moved = realloc(items, grown * elem_size);
    if (!moved)
        return SEL_ENOMEM; // the old array and *cap stay as they were: the caller still owns them
    memcpy(items_ptr, &moved, sizeof(moved));
    *cap = grown;
    return SEL_OK;
}
