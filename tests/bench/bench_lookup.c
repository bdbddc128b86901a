// SPDX-License-Identifier: MIT
// Lookup speed as a user sees it: one `selaras lookup` process from start to answer (median of
// many runs, for an exact and for an inflected query), and 1,000 queries on standard input in one
// process; `hunspell -d id_ID -s` on one word is timed in the same run as the reference.
#include "tests/bench/bench_util.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

enum { RUNS = 41 };

// Runs argv with stdin from @p input (or /dev/null), stdout and stderr to /dev/null; seconds taken.
static double run_once(char *const argv[], const char *input)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, input ? input : "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    double t0 = bench_now();
    pid_t pid;
    if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
        fprintf(stderr, "bench: cannot run %s\n", argv[0]);
        exit(1);
    }
    int status;
    waitpid(pid, &status, 0);
    double t = bench_now() - t0;
    posix_spawn_file_actions_destroy(&fa);
    return t;
}

static double median_of(char *const argv[], const char *input, int runs)
{
    double t[RUNS];
    for (int i = 0; i < runs; i++)
        t[i] = run_once(argv, input);
    return bench_median(t, (size_t)runs);
}

int main(void)
{
    char *selaras = getenv("SELARAS"), *data = getenv("SEL_TEST_DATA");
    if (!selaras || !data) {
        fprintf(stderr, "bench: SELARAS and SEL_TEST_DATA must be set\n");
        return 1;
    }
    char *exact[] = { selaras, "lookup", "pasukan", NULL };
    char *inflected[] = { selaras, "lookup", "dipertahankan", NULL };
    char *reference[] = { "hunspell", "-d", "id_ID", "-s", NULL };
    // 1,000 queries from the lookup gold, repeated
    char gold[4096], queries[] = "/tmp/selaras-bench-queries-XXXXXX", word[] = "/tmp/selaras-bench-word-XXXXXX";
    snprintf(gold, sizeof(gold), "%s/lookup/gold.tsv", data);
    FILE *in = fopen(gold, "r");
    int fd = mkstemp(queries), wfd = mkstemp(word);
    FILE *out = fdopen(fd, "w");
    if (!in || !out || wfd < 0) {
        fprintf(stderr, "bench: cannot prepare the queries\n");
        return 1;
    }
    char line[1024], all[400][256];
    size_t n = 0;
    while (n < 400 && fgets(line, sizeof(line), in))
        if (line[0] != '#' && strchr(line, '\t') && strstr(line, "\tid\t"))
            snprintf(all[n++], sizeof(all[0]), "%.*s", (int)strcspn(line, "\t"), line);
    for (size_t i = 0; i < 1000; i++)
        fprintf(out, "%s\n", all[i % n]);
    fclose(out);
    fclose(in);
    if (write(wfd, "dipertahankan\n", 14) != 14)
        return 1;
    close(wfd);
    char *batch[] = { selaras, "lookup", "--format", "tsv", NULL };

    double t_exact = median_of(exact, NULL, RUNS), t_infl = median_of(inflected, NULL, RUNS);
    double t_ref = median_of(reference, word, RUNS);
    double t_batch = median_of(batch, queries, 5);
    printf("lookup, one process start to answer (median of %d): exact %.1f ms, inflected %.1f ms; "
           "hunspell -d id_ID -s on one word %.1f ms (ratio %.2fx / %.2fx)\n",
           RUNS, t_exact * 1e3, t_infl * 1e3, t_ref * 1e3, t_exact / t_ref, t_infl / t_ref);
    printf("lookup, 1,000 queries on stdin in one process (median of 5): %.0f ms = %.0f queries/s\n", t_batch * 1e3,
           1000 / t_batch);
    unlink(queries);
    unlink(word);
    return 0;
}
