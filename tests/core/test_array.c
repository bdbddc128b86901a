// SPDX-License-Identifier: MIT
#include "src/core/core.h"

#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct span {
    size_t start, end;
    const char *word;
};

Test(core_array, appends_keep_every_element_in_order)
{
    struct span *v = NULL;
    size_t n = 0, cap = 0;
    const char *words[] = { "Panglima", "TNI", "mengunjungi", "Jayapura" };
    for (size_t i = 0; i < 1000; i++) {
        cr_assert_eq(SEL_ARRAY_RESERVE(v, cap, n + 1), SEL_OK);
        cr_assert_geq(cap, n + 1);
        v[n++] = (struct span){ i, i + 3, words[i % 4] };
    }
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(v[i].start, i);
        cr_assert_eq(v[i].end, i + 3);
        cr_assert_str_eq(v[i].word, words[i % 4]);
    }
    free(v);
}

Test(core_array, grows_by_doubling_from_sixteen)
{
    uint32_t *v = NULL;
    size_t cap = 0;
    cr_assert_eq(SEL_ARRAY_RESERVE(v, cap, 1), SEL_OK);
    cr_assert_eq(cap, 16);
    cr_assert_eq(SEL_ARRAY_RESERVE(v, cap, 17), SEL_OK);
    cr_assert_eq(cap, 32);
    cr_assert_eq(SEL_ARRAY_RESERVE(v, cap, 100), SEL_OK); // one call may grow by several steps
    cr_assert_eq(cap, 128);
    free(v);
}

Test(core_array, a_reservation_already_met_changes_nothing)
{
    char *v = malloc(40);
    cr_assert_not_null(v);
    size_t cap = 40;
    memcpy(v, "Kopassus", 9);
    char *before = v;
    cr_assert_eq(SEL_ARRAY_RESERVE(v, cap, 40), SEL_OK);
    cr_assert_eq(v, before);
    cr_assert_eq(cap, 40);
    cr_assert_eq(SEL_ARRAY_RESERVE(v, cap, 0), SEL_OK);
    cr_assert_eq(cap, 40);
    // Growing an array that was not made here keeps its contents.
    cr_assert_eq(SEL_ARRAY_RESERVE(v, cap, 41), SEL_OK);
    cr_assert_eq(cap, 80);
    cr_assert_str_eq(v, "Kopassus");
    free(v);
}

Test(core_array, a_size_that_overflows_fails_and_leaves_the_array_alone)
{
    struct span *v = NULL;
    size_t n = 0, cap = 0;
    cr_assert_eq(SEL_ARRAY_RESERVE(v, cap, 3), SEL_OK);
    v[n++] = (struct span){ 1, 2, "Polri" };
    struct span *before = v;
    size_t cap_before = cap;
    cr_assert_eq(SEL_ARRAY_RESERVE(v, cap, SIZE_MAX / sizeof(*v) + 1), SEL_ENOMEM);
    cr_assert_eq(SEL_ARRAY_RESERVE(v, cap, SIZE_MAX), SEL_ENOMEM);
    cr_assert_eq(v, before);
    cr_assert_eq(cap, cap_before);
    cr_assert_str_eq(v[0].word, "Polri");
    free(v);
}
