// SPDX-License-Identifier: MIT
// Many input files on worker threads for the commands that print what they find in each (tag,
// segment, analyze): each worker has its own analysers and writes a file's output into memory;
// the main thread prints the outputs in input order, so standard output is byte for byte what one
// thread prints. A ring of 2 × jobs slots bounds what is held: at most that many files' outputs.
#define _GNU_SOURCE // sched_getaffinity
#include "src/cli/cli.h"

#include <pthread.h>
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

struct slot {
    char *out;          // the file's output
    size_t len;
    bool read;          // the file could be read (else nothing was printed for it)
    bool printed;       // run() said it printed something
    int rc;
    char *error;
    bool ready;
};

struct jobs_run {
    const struct cli_text_work *work;
    char **files;
    size_t n, cap;
    struct slot *slots;
    pthread_mutex_t lock;
    pthread_cond_t space, ready;
    size_t next, written;
    bool stop;          // a file failed: take no more
};

struct jobs_worker {
    struct jobs_run *run;
    void *state;
    sel_ctx *ctx;
    pthread_t thread;
};

// Runs the command on every piece of @p file; the output goes to @p out. Whether the first piece
// could be read (else nothing is printed for the file, not even the separator) in *read.
static int pieces(const struct cli_text_work *work, void *state, sel_ctx *ctx, const char *file, FILE *out,
                  bool *read, bool *printed, bool print_separator)
{
    sel_text_stream *s = NULL;
    struct sel_text piece;
    int rc = sel_text_stream_open(&s, ctx, file, cli_piece_bytes());
    for (bool first = true; rc == SEL_OK && (rc = sel_text_stream_next(s, ctx, &piece)) == 1; first = false) {
        if (first) {
            *read = true;
            if (print_separator && work->separator)
                fputs(work->separator, out);
        }
        bool now = false;
        rc = work->run(state, ctx, &piece, out, &now);
        *printed = *printed || now;
    }
    sel_text_stream_close(s);
    return rc == 0 || rc == 1 ? SEL_OK : rc; // the end, or the command's or the stream's error
}

static void one_file(struct jobs_worker *w, const char *file, struct slot *s)
{
    sel_ctx_clear(w->ctx);
    FILE *mem = open_memstream(&s->out, &s->len);
    if (!mem)
        s->rc = sel_error(w->ctx, SEL_ENOMEM, "out of memory");
    else {
        s->rc = pieces(w->run->work, w->state, w->ctx, file, mem, &s->read, &s->printed, false);
        if (fclose(mem) != 0 && s->rc == SEL_OK)
            s->rc = sel_error(w->ctx, SEL_ENOMEM, "out of memory");
    }
    if (s->rc != SEL_OK) {
        const char *msg = sel_ctx_errmsg(w->ctx);
        s->error = strdup(*msg ? msg : sel_strerror(s->rc));
    }
}

static void *jobs_work(void *arg)
{
    struct jobs_worker *w = arg;
    struct jobs_run *run = w->run;
    for (;;) {
        pthread_mutex_lock(&run->lock);
        while (!run->stop && run->next < run->n && run->next >= run->written + run->cap)
            pthread_cond_wait(&run->space, &run->lock);
        if (run->stop || run->next >= run->n) {
            pthread_mutex_unlock(&run->lock);
            return NULL;
        }
        size_t i = run->next++;
        pthread_mutex_unlock(&run->lock);
        struct slot *s = &run->slots[i % run->cap];
        one_file(w, run->files[i], s);
        pthread_mutex_lock(&run->lock);
        s->ready = true;
        pthread_cond_signal(&run->ready);
        pthread_mutex_unlock(&run->lock);
    }
}

// Everything on this thread, printing straight to standard output.
static int each_inline(sel_ctx *ctx, char **files, size_t n, const struct cli_text_work *work)
{
    void *state = NULL;
    int rc = work->open(work->shared, ctx, &state);
    bool any = false;
    for (size_t i = 0; rc == SEL_OK && i < n; i++) {
        bool read = false, printed = false;
        rc = pieces(work, state, ctx, files[i], stdout, &read, &printed, any);
        any = any || printed;
    }
    work->close(state);
    return rc;
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
    char **files = first < argc ? argv + first : stdin_only;
    size_t n = first < argc ? (size_t)(argc - first) : 1;
    if (jobs > n)
        jobs = (unsigned)n; // an idle worker would only load its analysers
    // standard input twice: the first read takes it all, and which is first must not depend on timing
    if (jobs <= 1 || count_stdin(files, n) > 1)
        return each_inline(ctx, files, n, work);

    struct jobs_run run = { .work = work, .files = files, .n = n, .cap = 2 * (size_t)jobs };
    run.slots = calloc(run.cap, sizeof(*run.slots));
    struct jobs_worker *workers = calloc(jobs, sizeof(*workers));
    int rc = run.slots && workers ? SEL_OK : sel_error(ctx, SEL_ENOMEM, "out of memory");
    // made here, one after the other: Hunspell's loading is not thread-safe
    unsigned made = 0;
    for (; rc == SEL_OK && made < jobs; made++) {
        workers[made].run = &run;
        rc = sel_ctx_new(&workers[made].ctx);
        if (rc == SEL_OK)
            rc = work->open(work->shared, ctx, &workers[made].state);
        if (rc != SEL_OK) {
            made++; // its context (and whatever open() made) is freed below
            break;
        }
    }
    pthread_mutex_init(&run.lock, NULL);
    pthread_cond_init(&run.space, NULL);
    pthread_cond_init(&run.ready, NULL);
    unsigned started = 0;
    for (; rc == SEL_OK && started < jobs; started++)
        if (pthread_create(&workers[started].thread, NULL, jobs_work, &workers[started]) != 0) {
            rc = sel_error(ctx, SEL_ENOMEM, "cannot start a worker thread");
            break;
        }
    if (rc != SEL_OK) {
        pthread_mutex_lock(&run.lock);
        run.stop = true;
        pthread_mutex_unlock(&run.lock);
    }
    // The writer: each file's output in input order, until one fails (as one thread stops there).
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        struct slot *s = &run.slots[i % run.cap];
        pthread_mutex_lock(&run.lock);
        while (!s->ready && !(run.stop && i >= run.next))
            pthread_cond_wait(&run.ready, &run.lock);
        bool taken = s->ready;
        pthread_mutex_unlock(&run.lock);
        if (!taken)
            break; // stopped: no worker took it, nor will
        if (rc == SEL_OK && s->read) {
            if (any && work->separator)
                fputs(work->separator, stdout);
            fwrite(s->out, 1, s->len, stdout);
            any = any || s->printed;
        }
        if (rc == SEL_OK && s->rc != SEL_OK) {
            rc = sel_error(ctx, s->rc, "%s", s->error);
            pthread_mutex_lock(&run.lock);
            run.stop = true;
            pthread_cond_broadcast(&run.space);
            pthread_mutex_unlock(&run.lock);
        }
        free(s->out);
        free(s->error);
        pthread_mutex_lock(&run.lock);
        memset(s, 0, sizeof(*s));
        run.written = i + 1;
        pthread_cond_broadcast(&run.space);
        pthread_mutex_unlock(&run.lock);
    }
    for (unsigned k = 0; k < started; k++)
        pthread_join(workers[k].thread, NULL);
    for (unsigned k = 0; k < made; k++) {
        if (workers[k].state)
            work->close(workers[k].state);
        sel_ctx_free(workers[k].ctx);
    }
    pthread_cond_destroy(&run.ready);
    pthread_cond_destroy(&run.space);
    pthread_mutex_destroy(&run.lock);
    free(run.slots);
    free(workers);
    return rc;
}
