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

// A TMX file: its units with a segment in @p lang and in English, stored as one document with its
// translation, a bead per unit.
static int ingest_tmx(sel_ingester *ing, sel_ctx *ctx, const char *path, const char *lang, const char *title,
                      struct sel_ingest_report *r, struct sel_tmx_stats *stats)
{
    struct sel_tmx_memory memory;
    int rc = sel_tmx_load(ctx, path, lang, "en", &memory, stats);
    if (rc == SEL_OK && memory.n == 0)
        rc = sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ path, 0, 0 },
                          "no translation unit with both %s and en segments (%zu units)", lang, stats->units);
    if (rc == SEL_OK)
        rc = sel_ingest_pairs(ing, ctx, path, title, memory.pairs, memory.n, r);
    sel_tmx_memory_finish(&memory);
    return rc;
}

// How many of @p files are standard input ("-").
static size_t stdin_count(char **files, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += strcmp(files[i], "-") == 0;
    return count;
}

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

// Checked before the database is opened: when no document (or the translation) can be opened,
// the ingest fails having done nothing, so it leaves no new database behind. Reports each file.
static bool anything_to_ingest(sel_ctx *ctx, char **files, size_t n_files, const char *translation,
                               const char *format)
{
    if (translation && !can_open(ctx, translation, false)) {
        cli_report(ctx);
        return false;
    }
    for (size_t i = 0; i < n_files; i++)
        if (can_open(ctx, files[i], is_tmx(format, files[i])))
            return true; // those that cannot are reported as the ingest meets them
    for (size_t i = 0; i < n_files; i++) {
        can_open(ctx, files[i], is_tmx(format, files[i]));
        cli_report(ctx);
    }
    return false;
}

// --files-from: one path per line ("-" for standard input).
static char **read_file_list(sel_ctx *ctx, const char *from, size_t *n)
{
    struct sel_text t;
    *n = 0;
    if (sel_text_read(&t, ctx, from) != SEL_OK)
        return NULL;
    char **list = malloc((t.len / 2 + 2) * sizeof(*list));
    for (char *line = strtok(t.data, "\r\n"); list && line; line = strtok(NULL, "\r\n"))
        if (*line)
            list[(*n)++] = strdup(line);
    sel_text_finish(&t);
    return list;
}

int cmd_ingest(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "lang", required_argument, NULL, 'l' },
        { "translation", required_argument, NULL, 't' },
        { "title", required_argument, NULL, 'T' },
        { "db", required_argument, NULL, 'D' },
        { "files-from", required_argument, NULL, 'F' },
        { "format", required_argument, NULL, 'f' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *lang = "id", *translation = NULL, *title = NULL, *db = NULL, *files_from = NULL, *format = "auto";
    bool quiet = false;
    int opt;
    while ((opt = getopt_long(argc, argv, "l:t:f:qh", long_opts, NULL)) != -1) {
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
    char **files = argv + optind, **listed = NULL;
    size_t n_files = (size_t)(argc - optind);
    int status = EXIT_USAGE;
    char *db_path = sel_store_path(db);
    sel_store *st = NULL;
    sel_termbase *tb = NULL;
    sel_ingester *ing = NULL;
    if (files_from) {
        if (!(listed = read_file_list(ctx, files_from, &n_files)))
            goto done;
        files = listed;
    }
    if (n_files == 0) {
        status = cli_usage_error(cmd, "no documents given");
        goto quiet_done;
    }
    if (translation && n_files != 1) {
        status = cli_usage_error(cmd, "--translation goes with exactly one document");
        goto quiet_done;
    }
    if (stdin_count(files, n_files) + (translation && strcmp(translation, "-") == 0) > 1) {
        status = cli_usage_error(cmd, "standard input (-) can be read only once: give it for one document");
        goto quiet_done;
    }
    if (translation && is_tmx(format, files[0])) {
        status = cli_usage_error(cmd, "a TMX file holds its translations: --translation does not go with it");
        goto quiet_done;
    }
    if (!anything_to_ingest(ctx, files, n_files, translation, format))
        goto quiet_done;
    if (sel_store_open(&st, ctx, db_path, true) != SEL_OK || cli_open_termbase(&tb, ctx, st) != SEL_OK ||
        sel_ingester_new(&ing, ctx, st, tb, lang) != SEL_OK)
        goto done;
    sel_ingester_batch(ing, n_files > 1);
    struct progress p = { isatty(2) && n_files > 1, 0, n_files, 0, 0, now() };
    for (size_t i = 0; p.on && i < n_files; i++)
        p.total_bytes += file_size(files[i]);
    size_t stored = 0, unchanged = 0, replaced = 0, failed = 0, sentences = 0, occurrences = 0;
    bool verbose = !quiet && n_files <= 20;
    for (size_t i = 0; i < n_files; i++) {
        struct sel_ingest_report r;
        struct sel_tmx_stats tmx = { 0 };
        bool memory = is_tmx(format, files[i]);
        int rc = memory ? ingest_tmx(ing, ctx, files[i], lang, title, &r, &tmx)
                        : sel_ingest(ing, ctx, files[i], translation, title, &r);
        p.done++;
        p.bytes += p.on ? file_size(files[i]) : 0;
        if (rc != SEL_OK) {
            if (p.on)
                fputc('\n', stderr);
            cli_report(ctx);
            failed++;
            show_progress(&p);
            continue;
        }
        if (translation && !r.unchanged && r.adequacy < 0.5) // a warning, not a report: --quiet keeps it
            fprintf(stderr, "selaras: warning: %s does not look like a translation of %s (adequacy %.3f); its "
                            "beads are stored with scores to match\n", translation, files[i], r.adequacy);
        if (r.unchanged) {
            unchanged++;
            if (verbose)
                fprintf(stderr, "%s: unchanged, already stored as document %lld\n", files[i], (long long)r.document_id);
        } else {
            stored++;
            replaced += r.replaced;
            sentences += r.sentences;
            occurrences += r.occurrences;
            if (verbose) {
                fprintf(stderr, "%s: %s document %lld: %zu sentences (%zu boilerplate), %zu term occurrences",
                        files[i], r.replaced ? "replaced its old version, now" : "stored as", (long long)r.document_id,
                        r.sentences, r.boilerplate, r.occurrences);
                if (translation)
                    fprintf(stderr, "; translation %s: %zu beads, %zu occurrences confirmed, %zu not", translation,
                            r.beads, r.confirmed, r.unconfirmed);
                if (memory) {
                    fprintf(stderr, "; %zu of %zu translation units (%zu without both languages, %zu empty",
                            tmx.used - r.units_skipped, tmx.units, tmx.missing_side, tmx.empty);
                    if (r.units_skipped)
                        fprintf(stderr, ", %zu of spaces alone", r.units_skipped);
                    fprintf(stderr, "), %zu occurrences confirmed, %zu not", r.confirmed, r.unconfirmed);
                }
                fputc('\n', stderr);
            }
        }
        show_progress(&p);
    }
    if (p.on)
        fputc('\n', stderr);
    if (sel_ingester_flush(ing, ctx) != SEL_OK)
        cli_report(ctx);
    size_t lost = sel_ingester_lost(ing); // reported stored, then rolled back with their batch
    if (lost) {
        fprintf(stderr, "selaras ingest: %zu document%s reported stored above did not reach the database; "
                "run the same ingest again to store them\n", lost, lost == 1 ? "" : "s");
        stored = lost < stored ? stored - lost : 0;
        failed += lost;
        size_t lost_sentences, lost_occurrences;
        sel_ingester_lost_totals(ing, &lost_sentences, &lost_occurrences);
        sentences = lost_sentences < sentences ? sentences - lost_sentences : 0;
        occurrences = lost_occurrences < occurrences ? occurrences - lost_occurrences : 0;
    }
    if (!quiet)
        fprintf(stderr, "selaras ingest: %zu stored (%zu replacing older versions), %zu unchanged, %zu failed; "
                "%zu sentences, %zu term occurrences; database %s\n", stored, replaced, unchanged, failed, sentences,
                occurrences, db_path);
    status = failed ? EXIT_USAGE : 0;
    goto quiet_done;
done:
    cli_report(ctx);
quiet_done:
    sel_ingester_free(ing);
    sel_store_close(st);
    sel_termbase_free(tb);
    for (size_t i = 0; listed && i < n_files; i++)
        free(listed[i]);
    free(listed);
    free(db_path);
    sel_ctx_free(ctx);
    return status;
}
