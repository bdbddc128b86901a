// SPDX-License-Identifier: MIT
// Small helpers shared by the benchmark programs: reading the shared dev data, a monotonic clock,
// medians, and running a command to measure it.
#ifndef SEL_BENCH_UTIL_H
#define SEL_BENCH_UTIL_H

#include "src/core/core.h"
#include "tests/shared_data.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/**
 * The shared folder ($SEL_SHARED, which meson sets) once both sides of its dev data are there;
 * without them the benchmark is skipped (exit 77), or fails when $CI is set (tests/shared_data.h).
 */
static inline const char *bench_shared(void)
{
    char path[4096];
    sel_shared_file_or_exit(path, sizeof(path), "data/panl-int-dev/id.txt");
    sel_shared_file_or_exit(path, sizeof(path), "data/panl-int-dev/en.txt");
    return sel_shared_dir();
}

/** Reads the @p lang side ("id" or "en") of the shared dev data into @p t, or exits saying why. */
static inline void bench_read_dev(const char *shared, const char *lang, struct sel_text *t)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/data/panl-int-dev/%s.txt", shared, lang);
    sel_ctx *ctx = NULL;
    if (sel_ctx_new(&ctx) != SEL_OK || sel_text_read(t, ctx, path) != SEL_OK) {
        fprintf(stderr, "bench: %s\n", ctx ? sel_ctx_errmsg(ctx) : "out of memory");
        exit(1);
    }
    sel_ctx_free(ctx);
}

/** Cuts @p text into its non-empty lines (LF or CR LF), at most @p max, in place; returns how many. */
static inline size_t bench_split_lines(char *text, char **lines, size_t max)
{
    size_t n = 0;
    for (char *l = strtok(text, "\r\n"); l && n < max; l = strtok(NULL, "\r\n"))
        lines[n++] = l;
    return n;
}

/** This process's peak resident memory so far, in MB. */
static inline long bench_peak_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024;
}

static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/** Median of @p n samples (sorts them in place). */
static inline double bench_median(double *samples, size_t n)
{
    qsort(samples, n, sizeof(*samples), bench_cmp_double);
    return n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
}

/** What running one command cost (bench_run()). */
struct bench_run {
    double wall, cpu; ///< seconds; CPU is user + system time, from wait4()
    long peak_kb;     ///< the command's peak resident memory
    int status;       ///< its exit status, or -1 when it could not run or did not exit
};

/**
 * Runs @p argv (found on PATH when argv[0] has no slash) with standard input from @p input and
 * standard output to @p output (NULL: /dev/null for either), standard error to /dev/null when
 * @p quiet, and says what it cost. A command that cannot be started has status 127.
 */
static inline struct bench_run bench_run(char *const argv[], const char *input, const char *output, bool quiet)
{
    fflush(NULL);
    double start = bench_now();
    pid_t pid = fork();
    if (pid == 0) {
        int in = open(input ? input : "/dev/null", O_RDONLY);
        int out = open(output ? output : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0)
            _exit(127);
        int err = quiet ? open("/dev/null", O_WRONLY) : 2;
        if (err < 0 || dup2(err, 2) < 0)
            _exit(127);
        execvp(argv[0], argv);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    struct bench_run r = { 0, 0, 0, -1 };
    if (pid < 0 || wait4(pid, &status, 0, &ru) != pid)
        return r;
    r.wall = bench_now() - start;
    r.cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
            (double)ru.ru_stime.tv_usec / 1e6;
    r.peak_kb = ru.ru_maxrss;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

#endif
