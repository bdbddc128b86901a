// SPDX-License-Identifier: MIT
// "The shared file X, or skip": tests that read the shared data beside the project root
// (../shared, passed as $SEL_SHARED) ask for each file here. A clone without ../shared still
// passes its suite: a test whose file is missing is skipped, naming the file, and the program
// exits 77 so that meson counts it as skipped. With $CI set a missing file is a failure, so CI
// can never pass by skipping. The shell tests have the same rule in tests/shared_data.sh.
#ifndef SEL_TESTS_SHARED_DATA_H
#define SEL_TESTS_SHARED_DATA_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/** Meson's exit status for a skipped test. */
#define SEL_TEST_SKIP 77

/** Whether a missing shared file must fail rather than skip ($CI set and not empty). */
static inline bool sel_shared_required(void)
{
    const char *ci = getenv("CI");
    return ci && *ci;
}

/** The shared folder: $SEL_SHARED (meson sets it), else ../shared. */
static inline const char *sel_shared_dir(void)
{
    const char *shared = getenv("SEL_SHARED");
    return shared && *shared ? shared : "../shared";
}

/**
 * Writes the path of @p rel (relative to the shared folder, e.g. "data/panl-int-dev/id.txt")
 * to @p buf; true if that file can be read.
 */
static inline bool sel_shared_find(char *buf, size_t size, const char *rel)
{
    snprintf(buf, size, "%s/%s", sel_shared_dir(), rel);
    return access(buf, R_OK) == 0;
}

/** For programs without Criterion (the benchmarks): the path of @p rel, or exit 77 (1 under CI). */
static inline void sel_shared_file_or_exit(char *buf, size_t size, const char *rel)
{
    if (sel_shared_find(buf, size, rel))
        return;
    if (sel_shared_required()) {
        fprintf(stderr, "FAIL: shared file %s is missing (CI is set, so the shared data is required)\n", buf);
        exit(1);
    }
    fprintf(stderr, "SKIP: needs the shared file %s, which is missing (no ../shared beside the project)\n", buf);
    exit(SEL_TEST_SKIP);
}

#ifdef CRITERION_H_
#include <criterion/hooks.h>

/**
 * In a Criterion test: the path of @p rel, or the test stops here, skipped (failed under CI).
 * Ask for every file at the top of the test, before anything is allocated.
 */
#define sel_shared_file_or_skip(buf, size, rel)                                                              \
    do {                                                                                                     \
        if (!sel_shared_find((buf), (size), (rel))) {                                                        \
            if (sel_shared_required())                                                                       \
                cr_assert_fail("shared file %s is missing (CI is set, so the shared data is required)", (buf)); \
            /* Criterion shows a skip's message only when verbose: say it here too */                       \
            fprintf(stderr, "SKIP: %s: needs the shared file %s, which is missing (no ../shared beside the project)\n", \
                    __func__, (buf));                                                                        \
            cr_skip_test("needs the shared file %s, which is missing", (buf));                               \
        }                                                                                                    \
    } while (0)

// Criterion exits 0 when tests were skipped; meson should see the skip. The only tests this
// project skips are those above, so a run with skips and no failure is a skipped run.
ReportHook(POST_ALL)(struct criterion_global_stats *stats)
{
    if (stats->tests_skipped > 0 && stats->tests_failed == 0 && stats->tests_crashed == 0 && stats->errors == 0) {
        fprintf(stderr, "SKIP: %zu of %zu tests need the shared data (../shared) and were skipped; %zu passed\n",
                stats->tests_skipped, stats->nb_tests, stats->tests_passed);
        fflush(NULL);
        _exit(SEL_TEST_SKIP);
    }
}
#endif

#endif
