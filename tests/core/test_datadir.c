// SPDX-License-Identifier: MIT
#include "src/core/core.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

Test(core_datadir, build_tree_binary_reads_the_source_tree)
{
    unsetenv("SELARAS_DATADIR");
    char *p = sel_data_path("lexicon");
    cr_assert_not_null(p);
    cr_assert(ends_with(p, "/lexicon/data"), "%s", p);
    struct stat st;
    cr_assert_eq(stat(p, &st), 0, "%s should exist", p);
    cr_assert(S_ISDIR(st.st_mode));
    free(p);
}

Test(core_datadir, environment_overrides_the_installed_location)
{
    setenv("SELARAS_DATADIR", "/opt/sel", 1);
    char *p = sel_data_path("lang");
    cr_assert_str_eq(p, "/opt/sel/lang");
    free(p);
    unsetenv("SELARAS_DATADIR");
}

Test(core_datadir, unknown_data_set_is_null)
{
    cr_assert_null(sel_data_path("nope"));
}
