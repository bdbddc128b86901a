// SPDX-License-Identifier: MIT
// Items on worker threads, outputs in input order (check on many inputs; tag, segment and analyze
// on many files, through cli_each_text_jobs()): each worker has its own
// analysers and writes an item's output into memory; the calling thread writes the outputs in
// input order and stops at the first item that failed, as one thread does, so what is written is
// byte for byte what --jobs 1 writes. A ring of 2 × jobs slots bounds what is held (the writer
// here only prints; ingest, whose writer stores, keeps a deeper ring: src/ingest/ingest_many.c).
#include "src/cli/cli.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct ordered_slot {
    char *out;          // the item's output
    size_t len;
    int rc;
    char *error;        // why it failed, in words (a worker's context is not the writer's)
    struct cli_item item;
    bool ready;
};

struct ordered_run {
    const struct cli_ordered_work *work;
    size_t n, cap;
    struct ordered_slot *slots;
    pthread_mutex_t lock;
    pthread_cond_t space, ready;
    size_t next, written;
    bool stop;          // an item failed, or the workers could not all start: take no more
};

struct ordered_worker {
    struct ordered_run *run;
    void *state;
    sel_ctx *ctx;
    pthread_t thread;
};

static void one_item(struct ordered_worker *w, size_t i, struct ordered_slot *s)
{
    sel_ctx_clear(w->ctx);
    FILE *mem = open_memstream(&s->out, &s->len);
    if (!mem) {
        s->rc = sel_error(w->ctx, SEL_ENOMEM, "out of memory");
    } else {
        s->item = (struct cli_item){ .began = true }; // the writer writes the separator
        s->rc = w->run->work->run(w->state, w->ctx, i, mem, &s->item);
        if (fclose(mem) != 0 && s->rc == SEL_OK)
            s->rc = sel_error(w->ctx, SEL_ENOMEM, "out of memory");
    }
    if (s->rc != SEL_OK) {
        const char *msg = sel_ctx_errmsg(w->ctx);
        s->error = strdup(*msg ? msg : sel_strerror(s->rc));
    }
}

static void *ordered_work(void *arg)
{
    struct ordered_worker *w = arg;
    struct ordered_run *run = w->run;
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
        struct ordered_slot *s = &run->slots[i % run->cap]; // free: item i - cap is written
        one_item(w, i, s);
        pthread_mutex_lock(&run->lock);
        s->ready = true;
        pthread_cond_broadcast(&run->ready);
        pthread_mutex_unlock(&run->lock);
    }
}

// Everything on this thread, straight to @p out.
static int ordered_inline(sel_ctx *ctx, size_t n, const struct cli_ordered_work *work, FILE *out)
{
    void *state = NULL;
    int rc = work->open(work->shared, ctx, &state);
    bool any = false;
    for (size_t i = 0; rc == SEL_OK && i < n; i++) {
        struct cli_item item = { .separate = any && work->separator, .began = true };
        rc = work->run(state, ctx, i, out, &item);
        any = any || item.printed;
    }
    work->close(state);
    return rc;
}

int cli_run_ordered(sel_ctx *ctx, size_t n, unsigned jobs, const struct cli_ordered_work *work, FILE *out)
{
    if (jobs > n)
        jobs = (unsigned)n; // an idle worker would only load its analysers
    if (jobs <= 1)
        return ordered_inline(ctx, n, work, out);
    struct ordered_run run = { .work = work, .n = n, .cap = 2 * (size_t)jobs };
    run.slots = calloc(run.cap, sizeof(*run.slots));
    struct ordered_worker *workers = calloc(jobs, sizeof(*workers));
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
        if (pthread_create(&workers[started].thread, NULL, ordered_work, &workers[started]) != 0) {
            rc = sel_error(ctx, SEL_ENOMEM, "cannot start a worker thread");
            break;
        }
    if (rc != SEL_OK) {
        pthread_mutex_lock(&run.lock);
        run.stop = true;
        pthread_mutex_unlock(&run.lock);
    }
    // The writer: each item's output in input order, until one fails.
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        struct ordered_slot *s = &run.slots[i % run.cap];
        pthread_mutex_lock(&run.lock);
        while (!s->ready && !(run.stop && i >= run.next))
            pthread_cond_wait(&run.ready, &run.lock);
        bool taken = s->ready;
        pthread_mutex_unlock(&run.lock);
        if (!taken)
            break; // stopped: no worker took it, nor will
        // what a failed item wrote before it failed too, as on one thread
        if (rc == SEL_OK && s->item.began) {
            if (any && work->separator)
                fputs(work->separator, out);
            if (s->len && fwrite(s->out, 1, s->len, out) != s->len)
                rc = sel_error(ctx, SEL_EIO, "write error");
            any = any || s->item.printed;
        }
        if (rc == SEL_OK && s->rc != SEL_OK)
            rc = sel_error(ctx, s->rc, "%s", s->error);
        free(s->out);
        free(s->error);
        pthread_mutex_lock(&run.lock);
        *s = (struct ordered_slot){ 0 };
        run.written = i + 1;
        if (rc != SEL_OK)
            run.stop = true;
        pthread_cond_broadcast(&run.space);
        pthread_mutex_unlock(&run.lock);
    }
    for (unsigned k = 0; k < started; k++)
        pthread_join(workers[k].thread, NULL);
    for (size_t k = 0; k < run.cap && run.slots; k++) { // taken by a worker after the writer stopped
        free(run.slots[k].out);
        free(run.slots[k].error);
    }
    // freed here, on one thread, for the same reason they were made here
    for (unsigned k = 0; k < made; k++) {
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
