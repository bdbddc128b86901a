// SPDX-License-Identifier: MIT
// Many input files on worker threads for the commands that print what they find in each (tag,
// segment, analyze): each file is one item of cli_run_ordered(), read in pieces by the worker that
// takes it, so standard output is byte for byte what one thread prints.
#define _GNU_SOURCE // sched_getaffinity
#include "src/cli/cli.h"

#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

unsigned cli_default_jobs(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set) < CLI_JOBS_MAX ? (unsigned)CPU_COUNT(&set) : CLI_JOBS_MAX;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 && n < CLI_JOBS_MAX ? (unsigned)n : n > 0 ? CLI_JOBS_MAX : 1;
}

struct text_files {
    const struct cli_text_work *work;
    char **files;
};

struct text_worker {
    const struct text_files *files;
    void *state; // the command's
};

static int open_text(void *shared, sel_ctx *ctx, void **state)
{
    struct text_worker *w = calloc(1, sizeof(*w));
    if (!w)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    w->files = shared;
    *state = w;
    return w->files->work->open(w->files->work->shared, ctx, &w->state);
}

static void close_text(void *state)
{
    struct text_worker *w = state;
    if (w)
        w->files->work->close(w->state);
    free(w);
}

// Runs the command on every piece of file @p i; a file that cannot be read prints nothing, not
// even the separator (item->began false).
static int run_text(void *state, sel_ctx *ctx, size_t i, FILE *out, struct cli_item *item)
{
    const struct text_worker *w = state;
    const struct cli_text_work *work = w->files->work;
    sel_text_stream *s = NULL;
    struct sel_text piece;
    item->began = false;
    int rc = sel_text_stream_open(&s, ctx, w->files->files[i], cli_piece_bytes());
    for (bool first = true; rc == SEL_OK && (rc = sel_text_stream_next(s, ctx, &piece)) == 1; first = false) {
        if (first) {
            item->began = true;
            if (item->separate)
                fputs(work->separator, out);
        }
        bool now = false;
        rc = work->run(w->state, ctx, &piece, out, &now);
        item->printed = item->printed || now;
    }
    sel_text_stream_close(s);
    return rc == 0 || rc == 1 ? SEL_OK : rc; // the end, or the command's or the stream's error
}

static size_t count_stdin(char **files, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += strcmp(files[i], "-") == 0;
    return k;
}

int cli_each_text_jobs(sel_ctx *ctx, int argc, char **argv, int first, unsigned jobs, const struct cli_text_work *work)
{
    static char *stdin_only[] = { "-" };
    struct text_files files = { work, first < argc ? argv + first : stdin_only };
    size_t n = first < argc ? (size_t)(argc - first) : 1;
    // standard input twice: the first read takes it all, and which is first must not depend on timing
    if (count_stdin(files.files, n) > 1)
        jobs = 1;
    struct cli_ordered_work items = { open_text, close_text, run_text, &files, work->separator };
    return cli_run_ordered(ctx, n, jobs, &items, stdout);
}
