// SPDX-License-Identifier: MIT
// selaras ingest: run the pipeline over documents and store them, one transaction per document.
#include "lexicon/lexicon.h"
#include "src/cli/cli.h"
#include "src/formats/formats.h"
#include "src/ingest/ingest.h"
#include "src/store/store.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct progress {
    bool on;            // only when standard error is a terminal
    size_t done, total;
    double bytes, total_bytes, start;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void show_progress(const struct progress *p)
{
    if (!p->on)
        return;
    double elapsed = now() - p->start, rate = elapsed > 0 ? p->bytes / elapsed : 0;
    double left = rate > 0 ? (p->total_bytes - p->bytes) / rate : 0;
    fprintf(stderr, "\r%zu/%zu documents, %.1f MB, %.2f MB/s, ETA %d:%02d   ", p->done, p->total, p->bytes / 1e6,
            rate / 1e6, (int)left / 60, (int)left % 60);
}

static double file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (double)st.st_size : 0;
}

/* ---- translation memories ------------------------------------------------------------------ */

// Whether the first bytes of @p path are an XML document whose root element is <tmx>: a memory
// named *.xml is still a memory, and would otherwise replace itself with its own markup as text.
static bool looks_like_tmx(const char *path)
{
    FILE *fp = strcmp(path, "-") != 0 ? fopen(path, "rb") : NULL;
    if (!fp)
        return false;
    char head[1024];
    size_t n = fread(head, 1, sizeof(head) - 1, fp);
    fclose(fp);
    head[n] = '\0';
    const char *p = head;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    p += strspn(p, " \t\r\n");
    if (strncmp(p, "<?xml", 5) != 0 && strncmp(p, "<tmx", 4) != 0)
        return false;
    // the root element is the first "<" not followed by "?" or "!" (declarations, comments, DOCTYPE)
    for (const char *lt = strchr(p, '<'); lt; lt = strchr(lt + 1, '<'))
        if (lt[1] != '?' && lt[1] != '!')
            return strncmp(lt + 1, "tmx", 3) == 0 && strchr(" \t\r\n>", lt[4]);
    return false;
}

static bool is_tmx(const char *format, const char *path)
{
    if (strcmp(format, "auto") != 0)
        return strcmp(format, "tmx") == 0;
    size_t len = strlen(path);
    if (len > 4 && strcasecmp(path + len - 4, ".tmx") == 0)
        return true;
    return len > 4 && strcasecmp(path + len - 4, ".xml") == 0 && looks_like_tmx(path);
}

// Whether @p path can be opened as a document, with the message its reader (sel_text_read(), or
// the XML reader for a translation memory, @p xml) would give in @p ctx if not.
static bool can_open(sel_ctx *ctx, const char *path, bool xml)
{
    if (strcmp(path, "-") == 0)
        return true;
    // stat and access, not open: opening a FIFO would take the data its writer sends once
    struct stat st;
    if (stat(path, &st) != 0 || access(path, R_OK) != 0) {
        sel_error_at(ctx, errno == ENOENT ? SEL_ENOTFOUND : SEL_EIO, (struct sel_location){ path, 0, 0 },
                     "cannot open: %s", strerror(errno));
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        sel_error_at(ctx, SEL_EIO, (struct sel_location){ path, 0, 0 }, "is a directory, not %s",
                     xml ? "an XML file" : "a text file");
        return false;
    }
    return true;
}

// Checked before the database is opened: when no document (or no pair) can be opened, the
// ingest fails having done nothing, so it leaves no new database behind. Reports each file.
static bool anything_to_ingest(sel_ctx *ctx, const struct sel_ingest_item *items, size_t n, const char *format)
{
    for (size_t i = 0; i < n; i++)
        if (can_open(ctx, items[i].path, items[i].memory) &&
            (!items[i].translation || can_open(ctx, items[i].translation, false)))
            return true; // those that cannot are reported as the ingest meets them
    (void)format;
    for (size_t i = 0; i < n; i++) {
        if (!can_open(ctx, items[i].path, items[i].memory) ||
            (items[i].translation && !can_open(ctx, items[i].translation, false)))
            cli_report(ctx);
    }
    return false;
}

/* ---- reporting each document --------------------------------------------------------------- */

struct memory_slot {             // a translation memory's units, read by a worker
    struct sel_tmx_memory mem;
    struct sel_tmx_stats stats;
};

struct ingest_run {
    const struct sel_ingest_item *items;
    struct memory_slot *memories;
    const char *lang;
    bool verbose;
    struct progress p;
    size_t stored, unchanged, replaced, failed, sentences, occurrences;
};

static int load_units(void *user, sel_ctx *ctx, size_t i, const struct sel_segment_pair **pairs, size_t *n)
{
    struct ingest_run *run = user;
    struct memory_slot *m = &run->memories[i];
    const char *path = run->items[i].path;
    int rc = sel_tmx_load(ctx, path, run->lang, "en", &m->mem, &m->stats);
    if (rc == SEL_OK && m->mem.n == 0)
        rc = sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ path, 0, 0 },
                          "no translation unit with both %s and en segments (%zu units)", run->lang, m->stats.units);
    *pairs = m->mem.pairs;
    *n = m->mem.n;
    return rc;
}

static void release_units(void *user, size_t i)
{
    struct ingest_run *run = user;
    sel_tmx_memory_finish(&run->memories[i].mem);
}

static void report_one(void *user, sel_ctx *ctx, size_t i, int rc, const struct sel_ingest_report *rp)
{
    struct ingest_run *run = user;
    const struct sel_ingest_item *it = &run->items[i];
    const struct sel_ingest_report r = *rp;
    struct progress *p = &run->p;
    p->done++;
    p->bytes += p->on ? file_size(it->path) : 0;
    if (rc != SEL_OK) {
        if (p->on)
            fputc('\n', stderr);
        cli_report(ctx);
        run->failed++;
        show_progress(p);
        return;
    }
    if (it->translation && !r.unchanged && r.adequacy < 0.5) // a warning, not a report: --quiet keeps it
        fprintf(stderr, "selaras: warning: %s does not look like a translation of %s (adequacy %.3f); its "
                        "beads are stored with scores to match\n", it->translation, it->path, r.adequacy);
    if (r.unchanged) {
        run->unchanged++;
        if (run->verbose)
            fprintf(stderr, "%s: unchanged, already stored as document %lld\n", it->path, (long long)r.document_id);
        show_progress(p);
        return;
    }
    run->stored++;
    run->replaced += r.replaced;
    run->sentences += r.sentences;
    run->occurrences += r.occurrences;
    if (run->verbose) {
        fprintf(stderr, "%s: %s document %lld: %zu sentences (%zu boilerplate), %zu term occurrences", it->path,
                r.replaced ? "replaced its old version, now" : "stored as", (long long)r.document_id, r.sentences,
                r.boilerplate, r.occurrences);
        if (it->translation)
            fprintf(stderr, "; translation %s: %zu beads, %zu occurrences confirmed, %zu not", it->translation,
                    r.beads, r.confirmed, r.unconfirmed);
        if (it->memory) {
            const struct sel_tmx_stats *tmx = &run->memories[i].stats;
            fprintf(stderr, "; %zu of %zu translation units (%zu without both languages, %zu empty",
                    tmx->used - r.units_skipped, tmx->units, tmx->missing_side, tmx->empty);
            if (r.units_skipped)
                fprintf(stderr, ", %zu of spaces alone", r.units_skipped);
            fprintf(stderr, "), %zu occurrences confirmed, %zu not", r.confirmed, r.unconfirmed);
        }
        fputc('\n', stderr);
    }
    show_progress(p);
}

int cmd_ingest(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "lang", required_argument, NULL, 'l' },
        { "translation", required_argument, NULL, 't' },
        { "title", required_argument, NULL, 'T' },
        { "db", required_argument, NULL, 'D' },
        { "files-from", required_argument, NULL, 'F' },
        { "pairs-from", required_argument, NULL, 'P' },
        { "jobs", required_argument, NULL, 'j' },
        { "format", required_argument, NULL, 'f' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *lang = "id", *translation = NULL, *title = NULL, *db = NULL, *files_from = NULL, *pairs_from = NULL;
    const char *format = "auto";
    unsigned jobs = 0; // the processors available
    bool quiet = false;
    int opt;
    while ((opt = getopt_long(argc, argv, "l:t:f:j:qh", long_opts, NULL)) != -1) {
        switch (opt) {
        case 'l':
            if (!cli_parse_lang(cmd, "--lang", optarg))
                return EXIT_USAGE;
            lang = optarg;
            break;
        case 't':
            if (!cli_parse_path(cmd, "--translation", optarg))
                return EXIT_USAGE;
            translation = optarg;
            break;
        case 'T':
            if (!cli_parse_text(cmd, "--title", optarg))
                return EXIT_USAGE;
            title = optarg;
            break;
        case 'D':
            if (!cli_parse_path(cmd, "--db", optarg))
                return EXIT_USAGE;
            db = optarg;
            break;
        case 'F':
            if (!cli_parse_path(cmd, "--files-from", optarg))
                return EXIT_USAGE;
            files_from = optarg;
            break;
        case 'P':
            if (!cli_parse_path(cmd, "--pairs-from", optarg))
                return EXIT_USAGE;
            pairs_from = optarg;
            break;
        case 'j':
            if (!cli_parse_jobs(cmd, "--jobs", optarg, &jobs))
                return EXIT_USAGE;
            break;
        case 'f':
            if (cli_choice_index(optarg, (const char *const[]){ "auto", "text", "tmx", NULL }) < 0)
                return cli_usage_error(cmd, "unknown format '%s' (auto, text or tmx)", optarg);
            format = optarg;
            break;
        case 'q': quiet = true; break;
        case 'h':
            cli_print_usage(cmd, stdout);
            return 0;
        default:
            return cli_usage_error(cmd, "unknown option");
        }
    }
    sel_ctx *ctx = NULL;
    if (sel_ctx_new(&ctx) != SEL_OK)
        return EXIT_USAGE;
    struct cli_inputs list = { 0 }; // what --files-from or --pairs-from named
    struct { struct sel_ingest_item *items; size_t n; } in = { 0 };
    int status = EXIT_USAGE;
    char *db_path = sel_store_path(db);
    sel_store *st = NULL;
    sel_termbase *tb = NULL;
    sel_ingester *ing = NULL;
    struct ingest_run run = { .lang = lang };
    size_t n_args = (size_t)(argc - optind);
    if (files_from && pairs_from) {
        status = cli_usage_error(cmd, "--files-from and --pairs-from: give one list");
        goto quiet_done;
    }
    if ((files_from || pairs_from) && n_args) {
        status = cli_usage_error(cmd, "documents given both as arguments and in %s", files_from ? "--files-from" : "--pairs-from");
        goto quiet_done;
    }
    if (files_from || pairs_from) {
        if (!cli_read_inputs(ctx, &list, files_from ? files_from : pairs_from, pairs_from != NULL))
            goto quiet_done;
        if (list.n && !(in.items = calloc(list.n, sizeof(*in.items)))) {
            sel_error(ctx, SEL_ENOMEM, "out of memory");
            cli_report(ctx);
            goto quiet_done;
        }
        for (size_t i = 0; i < list.n; i++)
            in.items[in.n++] = (struct sel_ingest_item){ list.items[i].path, list.items[i].translation, false };
    } else if (n_args && (in.items = calloc(n_args, sizeof(*in.items)))) {
        for (size_t i = 0; i < n_args; i++)
            in.items[in.n++] = (struct sel_ingest_item){ argv[optind + (int)i], NULL, false };
    }
    if (in.n == 0) {
        status = cli_usage_error(cmd, "no documents given");
        goto quiet_done;
    }
    size_t n_pairs = 0, n_stdin = 0;
    for (size_t i = 0; i < in.n; i++) {
        n_pairs += in.items[i].translation != NULL;
        n_stdin += strcmp(in.items[i].path, "-") == 0 ||
                   (in.items[i].translation && strcmp(in.items[i].translation, "-") == 0);
    }
    if (translation && (in.n != 1 || n_pairs)) {
        status = cli_usage_error(cmd, "--translation goes with exactly one document");
        goto quiet_done;
    }
    if (translation) {
        in.items[0].translation = translation;
        n_stdin += strcmp(translation, "-") == 0;
    }
    if (n_stdin > 1) {
        status = cli_usage_error(cmd, "standard input (-) can be read only once: give it for one document");
        goto quiet_done;
    }
    for (size_t i = 0; i < in.n; i++) {
        in.items[i].memory = is_tmx(format, in.items[i].path);
        if (in.items[i].memory && in.items[i].translation) {
            status = translation ? cli_usage_error(cmd, "a TMX file holds its translations: --translation does not go with it")
                                 : cli_usage_error(cmd, "%s: a TMX file holds its translations: it cannot be one side of a pair",
                                                   in.items[i].path);
            goto quiet_done;
        }
    }
    if (!anything_to_ingest(ctx, in.items, in.n, format))
        goto quiet_done;
    run.items = in.items;
    size_t n_memories = 0; // a slot per input only when there are memories among them
    for (size_t i = 0; i < in.n; i++)
        n_memories += in.items[i].memory;
    if (n_memories && !(run.memories = calloc(in.n, sizeof(*run.memories)))) {
        sel_error(ctx, SEL_ENOMEM, "out of memory");
        goto done;
    }
    if (sel_store_open(&st, ctx, db_path, true) != SEL_OK || cli_open_termbase(&tb, ctx, st) != SEL_OK ||
        sel_ingester_new(&ing, ctx, st, tb, lang) != SEL_OK)
        goto done;
    sel_ingester_batch(ing, in.n > 1);
    sel_ingester_piece(ing, cli_piece_bytes()); // a text file larger than this is streamed
    run.p = (struct progress){ isatty(2) && in.n > 1, 0, in.n, 0, 0, now() };
    for (size_t i = 0; run.p.on && i < in.n; i++)
        run.p.total_bytes += file_size(in.items[i].path);
    run.verbose = !quiet && in.n <= 20;
    struct sel_ingest_calls calls = { load_units, release_units, report_one, &run };
    sel_xml_init_threads(); // workers may read translation memories at once
    if (sel_ingest_many(ing, ctx, in.items, in.n, title, jobs ? jobs : cli_default_jobs(), &calls, NULL) != SEL_OK)
        goto done;
    if (run.p.on)
        fputc('\n', stderr);
    if (sel_ingester_flush(ing, ctx) != SEL_OK)
        cli_report(ctx);
    size_t lost = sel_ingester_lost(ing); // reported stored, then rolled back with their batch
    if (lost) {
        fprintf(stderr, "selaras ingest: %zu document%s reported stored above did not reach the database; "
                "run the same ingest again to store them\n", lost, lost == 1 ? "" : "s");
        run.stored = lost < run.stored ? run.stored - lost : 0;
        run.failed += lost;
        size_t lost_sentences, lost_occurrences;
        sel_ingester_lost_totals(ing, &lost_sentences, &lost_occurrences);
        run.sentences = lost_sentences < run.sentences ? run.sentences - lost_sentences : 0;
        run.occurrences = lost_occurrences < run.occurrences ? run.occurrences - lost_occurrences : 0;
    }
    if (!quiet)
        fprintf(stderr, "selaras ingest: %zu stored (%zu replacing older versions), %zu unchanged, %zu failed; "
                "%zu sentences, %zu term occurrences; database %s\n", run.stored, run.replaced, run.unchanged,
                run.failed, run.sentences, run.occurrences, db_path);
    status = run.failed ? EXIT_USAGE : 0;
    goto quiet_done;
done:
    cli_report(ctx);
quiet_done:
    sel_ingester_free(ing);
    sel_store_close(st);
    sel_termbase_free(tb);
    free(run.memories);
    free(in.items);
    cli_inputs_finish(&list);
    free(db_path);
    sel_ctx_free(ctx);
    return status;
}
