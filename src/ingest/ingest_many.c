// SPDX-License-Identifier: MIT
// Many documents on all cores: worker threads run the pipeline (read, segment, analyse, tag,
// align), each with its own taggers and aligner; the calling thread is the one writer and stores
// the documents in input order, so the database does not depend on how many workers there were.
//
// The documents travel through a ring of SLOTS_PER_JOB × jobs slots. A worker takes the next item
// only while its slot is free (the writer has stored the item that held it before) and less than
// RING_BYTES of analysed text waits for the writer, so memory stays bounded however many documents
// are given, and a slow writer stops the workers rather than letting documents pile up. The ring
// is deep because the writer stalls now and then (a checkpoint waits for the disk): with a few
// slots the workers soon stood idle behind it, and two jobs were 1.2 times as fast as one.
#include "src/ingest/ingest_internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { JOBS_MAX = 256, SLOTS_PER_JOB = 256, WORKER_NICENESS = 5 };
#define RING_BYTES ((size_t)4 << 20) // of text analysed and waiting; the analyses are a few times more

struct slot {
    struct prepared doc;
    bool ready;         // analysed: the writer may take it
};

struct run {
    const struct sel_ingest_item *items;
    size_t n;
    const struct sel_ingest_calls *calls;
    struct slot *slots;
    size_t cap;         // slots in the ring
    pthread_mutex_t lock;
    pthread_cond_t space; // a slot was freed (workers wait on it)
    pthread_cond_t ready; // a slot was filled (the writer waits on it)
    size_t next;        // the next item a worker takes
    size_t written;     // items stored: slot i % cap is free for item i when i < written + cap
    size_t waiting, waiting_bytes, peak_waiting, peak_bytes;
    size_t piece;       // text files larger than this are streamed by the writer (0: none is)
    struct pipeline *writer_pipe; // the writer's analysers, for those
};

struct worker {
    struct run *run;
    struct pipeline *pipe;   // own, or (the first worker's) the ingester's, idle meanwhile
    struct pipeline own;
    sel_ctx *ctx;
    pthread_t thread;
    bool started;
    size_t last;             // the last item this worker prepared (when any: `prepared`)
    bool prepared;
    bool out_of_memory;      // its analyses could not be forgotten: it prepares nothing more
};

// Runs the pipeline on item @p i into @p out; a failure is kept with its message for the writer.
static void prepare(struct pipeline *pipe, sel_ctx *ctx, const struct run *run, size_t i, struct prepared *out)
{
    const struct sel_ingest_item *it = &run->items[i];
    sel_ctx_clear(ctx);
    int rc;
    if (it->memory) {
        const struct sel_segment_pair *pairs = NULL;
        size_t n = 0;
        rc = run->calls->load_units(run->calls->user, ctx, i, &pairs, &n);
        if (rc == SEL_OK)
            rc = pipeline_prepare_pairs(pipe, ctx, it->path, pairs, n, out);
        else
            memset(out, 0, sizeof(*out));
        if (run->calls->release)
            run->calls->release(run->calls->user, i);
    } else {
        rc = pipeline_prepare_text(pipe, ctx, it->path, it->translation, run->piece, out);
    }
    out->rc = rc;
    if (rc != SEL_OK) {
        const char *msg = sel_ctx_errmsg(ctx);
        out->error = strdup(*msg ? msg : sel_strerror(rc));
    }
}

static size_t held_bytes(const struct prepared *p)
{
    return p->src.text.len + p->tgt.text.len;
}

// The one writer is what every document waits for, and with N workers beside it there are more
// threads than cores: left equal, it gets 2/3 of a core with two workers on two. A worker therefore
// runs a little nicer than the writer (Linux takes a thread's id for PRIO_PROCESS; with the
// scheduler's autogroups, on by default, this shares the process's time differently and takes
// nothing from other programs). Elsewhere, or if it fails, the workers run as they are.
static void yield_to_writer(void)
{
#if defined(__linux__) && defined(SYS_gettid)
    id_t self = (id_t)syscall(SYS_gettid);
    errno = 0;
    int niceness = getpriority(PRIO_PROCESS, self);
    if (errno == 0)
        (void)setpriority(PRIO_PROCESS, self, niceness + WORKER_NICENESS);
#endif
}

static void *work(void *arg)
{
    struct worker *w = arg;
    struct run *run = w->run;
    yield_to_writer();
    for (;;) {
        if (w->prepared && !w->out_of_memory && pipeline_over_bound(w->pipe)) {
            // The analyses may go only once the writer has stored every document this worker
            // made, whose tokens point into them. Items are stored in order, and every earlier
            // one is being made by a worker that is not waiting here, so this wait ends.
            pthread_mutex_lock(&run->lock);
            while (run->written <= w->last)
                pthread_cond_wait(&run->space, &run->lock);
            pthread_mutex_unlock(&run->lock);
            w->out_of_memory = pipeline_forget(w->pipe, w->ctx) != SEL_OK;
        }
        pthread_mutex_lock(&run->lock);
        while (run->next < run->n && (run->next >= run->written + run->cap ||
                                      (run->next > run->written && run->waiting_bytes >= RING_BYTES)))
            pthread_cond_wait(&run->space, &run->lock);
        if (run->next >= run->n) {
            pthread_mutex_unlock(&run->lock);
            return NULL;
        }
        size_t i = run->next++;
        pthread_mutex_unlock(&run->lock);
        struct slot *s = &run->slots[i % run->cap]; // free: item i - cap is stored
        if (w->out_of_memory) {
            memset(&s->doc, 0, sizeof(s->doc));
            s->doc.rc = SEL_ENOMEM;
            s->doc.error = strdup("out of memory");
        } else {
            prepare(w->pipe, w->ctx, run, i, &s->doc);
        }
        w->last = i;
        w->prepared = true;
        pthread_mutex_lock(&run->lock);
        s->ready = true;
        run->waiting++;
        run->waiting_bytes += held_bytes(&s->doc);
        if (run->waiting > run->peak_waiting)
            run->peak_waiting = run->waiting;
        if (run->waiting_bytes > run->peak_bytes)
            run->peak_bytes = run->waiting_bytes;
        pthread_cond_signal(&run->ready);
        pthread_mutex_unlock(&run->lock);
    }
}

// Stores one analysed item and tells the caller how it went.
static void store(sel_ingester *ing, sel_ctx *ctx, const struct run *run, size_t i, const char *title,
                  struct prepared *doc)
{
    struct sel_ingest_report r;
    if (doc->rc != SEL_OK)
        sel_error(ctx, doc->rc, "%s", doc->error ? doc->error : sel_strerror(doc->rc));
    const struct sel_ingest_item *it = &run->items[i];
    const char *translation = it->memory ? it->path : it->translation;
    int rc = ingest_store_prepared(ing, ctx, run->writer_pipe, doc, it->path, translation, title, &r);
    run->calls->done(run->calls->user, ctx, i, rc, &r);
    sel_ctx_clear(ctx);
}

// Everything on the calling thread, one item after the other.
static int ingest_inline(sel_ingester *ing, sel_ctx *ctx, struct run *run, const char *title,
                         struct sel_ingest_many_stats *stats)
{
    struct pipeline *pipe = ingest_own_pipeline(ing);
    run->piece = ingest_piece(ing);
    run->writer_pipe = pipe;
    for (size_t i = 0; i < run->n; i++) {
        struct prepared doc;
        prepare(pipe, ctx, run, i, &doc);
        if (stats && held_bytes(&doc) > stats->peak_bytes)
            stats->peak_bytes = held_bytes(&doc);
        store(ing, ctx, run, i, title, &doc);
        prepared_finish(&doc);
        if (pipeline_forget(pipe, ctx) != SEL_OK) // stored: nothing holds a word of it
            return SEL_ENOMEM;
    }
    if (stats)
        stats->peak_waiting = run->n ? 1 : 0;
    return SEL_OK;
}

// Whether an item is a text file large enough to be streamed: the writer then reads it itself.
static bool any_streamed(const struct sel_ingest_item *items, size_t n, size_t piece)
{
    for (size_t i = 0; i < n; i++)
        if (!items[i].memory && !items[i].translation && ingest_worth_streaming(items[i].path, piece))
            return true;
    return false;
}

static bool any_translation(const struct sel_ingest_item *items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (items[i].translation || items[i].memory)
            return true;
    return false;
}

int sel_ingest_many(sel_ingester *ing, sel_ctx *ctx, const struct sel_ingest_item *items, size_t n, const char *title,
                    unsigned jobs, const struct sel_ingest_calls *calls, struct sel_ingest_many_stats *stats)
{
    SEL_CHECK_ARG(ing && (items || !n) && calls && calls->done, SEL_EINVAL);
    if (stats)
        memset(stats, 0, sizeof(*stats));
    struct run run = { .items = items, .n = n, .calls = calls };
    if (jobs > JOBS_MAX)
        jobs = JOBS_MAX;
    if (jobs > n)
        jobs = (unsigned)n; // no idle workers, each of which would load the dictionaries
    if (jobs <= 1)
        return ingest_inline(ing, ctx, &run, title, stats);

    run.cap = SLOTS_PER_JOB * (size_t)jobs;
    run.slots = calloc(run.cap, sizeof(*run.slots));
    struct worker *workers = calloc(jobs, sizeof(*workers));
    if (!run.slots || !workers) {
        free(run.slots);
        free(workers);
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    // The analysers are made here, one worker after the other: Hunspell's loading shares
    // tables between instances without a lock, so it must not run in two threads at once.
    // The calling thread only writes meanwhile: the first worker borrows its analysers.
    struct pipeline *own = ingest_own_pipeline(ing);
    bool aligning = any_translation(items, n);
    int rc = SEL_OK;
    // A document too large to hold is analysed as it is stored, a piece at a time, by the writer
    // (pieces in order: the tagger's sense evidence runs on from one to the next), with analysers
    // of its own, made only when a file is that large. The workers meanwhile analyse the next
    // documents, as far as the ring allows.
    struct pipeline writer_pipe = { 0 };
    if (any_streamed(items, n, ingest_piece(ing))) {
        rc = pipeline_init(&writer_pipe, ctx, own->tb, own->lang);
        run.piece = ingest_piece(ing);
        run.writer_pipe = &writer_pipe;
    }
    for (unsigned k = 0; rc == SEL_OK && k < jobs; k++) {
        struct worker *w = &workers[k];
        w->run = &run;
        w->pipe = k == 0 ? own : &w->own;
        rc = sel_ctx_new(&w->ctx);
        if (rc == SEL_OK && k > 0)
            rc = pipeline_init(&w->own, ctx, own->tb, own->lang);
        if (rc == SEL_OK && aligning)
            rc = pipeline_need_aligner(w->pipe, ctx);
    }
    pthread_mutex_init(&run.lock, NULL);
    pthread_cond_init(&run.space, NULL);
    pthread_cond_init(&run.ready, NULL);
    unsigned started = 0;
    for (unsigned k = 0; rc == SEL_OK && k < jobs; k++) {
        if (pthread_create(&workers[k].thread, NULL, work, &workers[k]) != 0) {
            rc = sel_error(ctx, SEL_ENOMEM, "cannot start a worker thread");
            break;
        }
        workers[k].started = true;
        started++;
    }
    if (rc != SEL_OK && started) { // let the started ones finish nothing: no item is left to take
        pthread_mutex_lock(&run.lock);
        run.n = run.next;
        pthread_mutex_unlock(&run.lock);
    }
    // The writer: the items in input order, each as soon as it is analysed.
    for (size_t i = 0; i < run.n && (rc == SEL_OK || i < run.next); i++) {
        struct slot *s = &run.slots[i % run.cap];
        pthread_mutex_lock(&run.lock);
        while (!s->ready)
            pthread_cond_wait(&run.ready, &run.lock);
        pthread_mutex_unlock(&run.lock);
        if (rc == SEL_OK)
            store(ing, ctx, &run, i, title, &s->doc);
        size_t bytes = held_bytes(&s->doc);
        prepared_finish(&s->doc);
        pthread_mutex_lock(&run.lock);
        s->ready = false;
        run.waiting--;
        run.waiting_bytes -= bytes;
        run.written = i + 1;
        pthread_cond_broadcast(&run.space);
        pthread_mutex_unlock(&run.lock);
    }
    for (unsigned k = 0; k < jobs; k++)
        if (workers[k].started)
            pthread_join(workers[k].thread, NULL);
    // freed here, on one thread, for the same reason they were made here
    for (unsigned k = 0; k < jobs; k++) {
        pipeline_finish(&workers[k].own); // all zero for the first
        sel_ctx_free(workers[k].ctx);
    }
    pipeline_finish(&writer_pipe);
    pthread_cond_destroy(&run.ready);
    pthread_cond_destroy(&run.space);
    pthread_mutex_destroy(&run.lock);
    if (stats) {
        stats->jobs = started;
        stats->peak_waiting = run.peak_waiting;
        stats->peak_bytes = run.peak_bytes;
    }
    free(run.slots);
    free(workers);
    return rc;
}
