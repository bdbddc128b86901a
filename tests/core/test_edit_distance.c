// SPDX-License-Identifier: MIT
#include "src/core/core.h"

#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

Test(core_edit_distance, counts_each_kind_of_slip_as_one)
{
    cr_assert_eq(sel_edit_distance("Kemhan", "Kemhan", 3), 0);
    cr_assert_eq(sel_edit_distance("Kemham", "Kemhan", 3), 1); // substitution
    cr_assert_eq(sel_edit_distance("algn", "align", 3), 1);    // insertion
    cr_assert_eq(sel_edit_distance("tentara", "tentra", 3), 1); // deletion
    cr_assert_eq(sel_edit_distance("sgement", "segment", 3), 1); // neighbours swapped
    cr_assert_eq(sel_edit_distance("", "TNI", 3), 3);
    cr_assert_eq(sel_edit_distance("kitten", "sitting", 5), 3);
}

Test(core_edit_distance, is_symmetric)
{
    const char *words[] = { "Kopassus", "Kopasus", "Paspampres", "Pasmpampres", "", "DPR", "DPRD" };
    for (size_t i = 0; i < 7; i++)
        for (size_t j = 0; j < 7; j++)
            cr_assert_eq(sel_edit_distance(words[i], words[j], 20), sel_edit_distance(words[j], words[i], 20),
                         "%s / %s", words[i], words[j]);
}

Test(core_edit_distance, answers_limit_plus_one_beyond_the_limit)
{
    cr_assert_eq(sel_edit_distance("kitten", "sitting", 2), 3);
    cr_assert_eq(sel_edit_distance("Jakarta", "Jayapura", 1), 2);
    cr_assert_eq(sel_edit_distance("a", "abcdef", 2), 3); // lengths alone are too far apart
    cr_assert_eq(sel_edit_distance("abc", "xyz", 0), 1);
    cr_assert_eq(sel_edit_distance("abc", "xyz", SIZE_MAX), 3);
    cr_assert_eq(sel_edit_distance("abc", "abd", SIZE_MAX), 1);
}

Test(core_edit_distance, long_strings_count_as_far_apart)
{
    char a[200], b[200];
    memset(a, 'x', 150);
    a[150] = '\0';
    memcpy(b, a, 151);
    cr_assert_eq(sel_edit_distance(a, b, 5), 6);
    cr_assert_eq(sel_edit_distance(a, b, SIZE_MAX), SIZE_MAX);
    a[120] = '\0'; // 120 bytes is still compared
    memcpy(b, a, 121);
    b[0] = 'y';
    cr_assert_eq(sel_edit_distance(a, b, 5), 1);
}
