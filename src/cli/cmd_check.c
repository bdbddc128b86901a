// SPDX-License-Identifier: MIT
// selaras check: terminology QA of a finished translation (src/check/check.h). Exit status 0 when
// there is nothing to report, 1 with findings, 2 on errors.
#include "src/check/check.h"
#include "src/cli/cli.h"
#include "src/formats/formats.h"
#include "src/store/store.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

// Whether file name @p s ends with @p suffix, in any case (".TMX" too).
static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

// Writes the report to @p output through a temporary file renamed into place, so that a failed
// run leaves no file behind; standard output when @p output is NULL or "-".
static int write_report(const struct sel_check_report *r, sel_ctx *ctx, enum sel_check_format format,
                        const char *output)
{
    if (!output || strcmp(output, "-") == 0) {
        int rc = sel_check_write(r, ctx, format, stdout);
        if (rc != SEL_OK)
            sel_error(ctx, rc, "standard output: write error");
        return rc;
    }
    size_t n = strlen(output);
    char *tmp = malloc(n + 16);
    if (!tmp)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    snprintf(tmp, n + 16, "%s.tmp-XXXXXX", output);
    int fd = mkstemp(tmp);
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!out) {
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        free(tmp);
        return sel_error(ctx, SEL_EIO, "%s: cannot create the file", output);
    }
    int rc = sel_check_write(r, ctx, format, out);
    if (fclose(out) != 0 && rc == SEL_OK)
        rc = SEL_EIO;
    if (rc == SEL_OK && rename(tmp, output) != 0)
        rc = SEL_EIO;
    if (rc != SEL_OK) {
        unlink(tmp);
        sel_error(ctx, rc, "%s: write error", output);
    }
    free(tmp);
    return rc;
}

static int check_files(sel_checker *ck, sel_ctx *ctx, const char *src_path, const char *tgt_path, bool presegmented,
                       struct sel_check_report *report)
{
    struct sel_text src = { 0 }, tgt = { 0 };
    int rc = sel_text_read(&src, ctx, src_path);
    if (rc == SEL_OK)
        rc = sel_text_read(&tgt, ctx, tgt_path);
    if (rc == SEL_OK)
        rc = sel_check_texts(ck, ctx, src_path, src.data, src.len, tgt_path, tgt.data, tgt.len, presegmented, report);
    sel_text_finish(&src);
    sel_text_finish(&tgt);
    return rc;
}

static bool is_xliff(const char *path)
{
    return ends_with(path, ".xlf") || ends_with(path, ".xliff");
}

// A translation memory (TMX) or bilingual file (XLIFF): its units are the sentence pairs.
static int check_memory(sel_checker *ck, sel_ctx *ctx, const char *path, struct sel_check_report *report)
{
    struct sel_tmx_memory mem = { 0 };
    struct sel_tmx_stats stats;
    int rc = is_xliff(path) ? sel_xliff_load(ctx, path, &mem, &stats) : sel_tmx_load(ctx, path, "id", "en", &mem, &stats);
    if (rc == SEL_OK && mem.n == 0)
        rc = sel_error(ctx, SEL_EPARSE, "%s: no unit has both an Indonesian source and an English target", path);
    if (rc == SEL_OK)
        rc = sel_check_pairs(ck, ctx, path, mem.pairs, mem.n, report);
    sel_tmx_memory_finish(&mem);
    return rc;
}

// A stored document and its translation, with the alignment ingest stored: read through the
// store, then checked as sentence pairs.
static int check_document(sel_checker *ck, sel_ctx *ctx, sel_store *st, long id, struct sel_check_report *report,
                          struct sel_stored_pair *pair)
{
    const char **sents[2] = { NULL, NULL };
    size_t *lens[2] = { NULL, NULL };
    bool *boiler[2] = { NULL, NULL };
    struct sel_bead *beads = NULL;
    int rc = st ? sel_store_document_pair(pair, ctx, st, id)
                : sel_error(ctx, SEL_ENOTFOUND, "--document %ld: there is no database (give --db PATH)", id);
    for (int k = 0; rc == SEL_OK && k < 2; k++) {
        size_t n = pair->side[k].n;
        sents[k] = calloc(n + 1, sizeof(*sents[k]));
        lens[k] = calloc(n + 1, sizeof(*lens[k]));
        boiler[k] = calloc(n + 1, sizeof(*boiler[k]));
        if (!sents[k] || !lens[k] || !boiler[k]) {
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
            break;
        }
        for (size_t i = 0; i < n; i++) {
            const struct sel_pair_sentence *s = &pair->side[k].sentences[i];
            if (s->number != (long)i + 1) {
                rc = sel_error(ctx, SEL_EPARSE, "document %s: sentence %zu is numbered %ld", pair->side[k].path,
                               i + 1, s->number);
                break;
            }
            sents[k][i] = s->text;
            lens[k][i] = s->len;
            boiler[k][i] = s->boilerplate;
        }
    }
    if (rc == SEL_OK && !(beads = calloc(pair->n_beads + 1, sizeof(*beads))))
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    for (size_t b = 0; rc == SEL_OK && b < pair->n_beads; b++) {
        const struct sel_stored_bead *x = &pair->beads[b];
        // stored numbers are 1-based; a missing side is 0 with a count of 0
        beads[b] = (struct sel_bead){ x->src_count ? (size_t)x->src_first - 1 : 0, (size_t)x->src_count,
                                      x->tgt_count ? (size_t)x->tgt_first - 1 : 0, (size_t)x->tgt_count, x->score };
        if ((x->src_count && x->src_first < 1) || (x->tgt_count && x->tgt_first < 1) || x->src_count < 0 ||
            x->tgt_count < 0)
            rc = sel_error(ctx, SEL_EPARSE, "document %ld: bead %zu is malformed", id, b + 1);
    }
    if (rc == SEL_OK) {
        struct sel_check_side src = { pair->side[0].path, sents[0], lens[0], boiler[0], pair->side[0].n };
        struct sel_check_side tgt = { pair->side[1].path, sents[1], lens[1], boiler[1], pair->side[1].n };
        rc = sel_check_aligned(ck, ctx, &src, &tgt, beads, pair->n_beads, report);
    }
    for (int k = 0; k < 2; k++) {
        free(sents[k]);
        free(lens[k]);
        free(boiler[k]);
    }
    free(beads);
    return rc;
}

int cmd_check(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "presegmented", no_argument, NULL, 'p' },
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { "document", required_argument, NULL, 'd' },
        { "db", required_argument, NULL, 'D' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    enum sel_check_format format = SEL_CHECK_TEXT;
    bool presegmented = false;
    const char *output = NULL, *db = NULL;
    long document = -1;
    int opt;
    while ((opt = getopt_long(argc, argv, "f:o:h", long_opts, NULL)) != -1) {
        switch (opt) {
        case 'p':
            presegmented = true;
            break;
        case 'o':
            output = optarg;
            break;
        case 'd':
            if (!cli_parse_count(cmd, "--document", optarg, &document))
                return EXIT_USAGE;
            break;
        case 'D':
            if (!cli_parse_path(cmd, "--db", optarg))
                return EXIT_USAGE;
            db = optarg;
            break;
        case 'f': {
            int f = cli_parse_choice(cmd, "--format", optarg, (const char *const[]){ "text", "tsv", "json", "html", NULL });
            if (f < 0)
                return EXIT_USAGE;
            format = (enum sel_check_format)f;
            break;
        }
        case 'h':
            cli_print_usage(cmd, stdout);
            return 0;
        default:
            return cli_usage_error(cmd, "unknown option");
        }
    }
    int files = argc - optind;
    if (document >= 0 && files)
        return cli_usage_error(cmd, "--document checks a stored document; give no files with it");
    if (document >= 0 && presegmented)
        return cli_usage_error(cmd, "--presegmented is for SRC_FILE and TGT_FILE; a stored document has its sentences");
    bool memory = files == 1 && (ends_with(argv[optind], ".tmx") || is_xliff(argv[optind]));
    if (document < 0 && files == 1 && !memory)
        return cli_usage_error(cmd, "one file must be a translation memory (.tmx) or XLIFF (.xlf, .xliff); "
                                    "else give SRC_FILE and TGT_FILE");
    if (document < 0 && files != 1 && files != 2)
        return cli_usage_error(cmd, "expected SRC_FILE and TGT_FILE, or one FILE.tmx or FILE.xlf; got %d files", files);
    if (memory && presegmented)
        return cli_usage_error(cmd, "--presegmented is for SRC_FILE and TGT_FILE; a TMX or XLIFF file has its units");
    if (files == 2 && strcmp(argv[optind], "-") == 0 && strcmp(argv[optind + 1], "-") == 0)
        return cli_usage_error(cmd, "only one of SRC_FILE and TGT_FILE can be standard input");

    sel_ctx *ctx = NULL;
    sel_checker *ck = NULL;
    sel_store *st = NULL; // the user's termbase, when there is a database
    sel_termbase *tb = NULL;
    struct sel_check_report report = { 0 };
    struct sel_stored_pair pair = { 0 };
    int status = EXIT_USAGE;
    if (sel_ctx_new(&ctx) != SEL_OK)
        return EXIT_USAGE;
    int rc = cli_open_existing_store(&st, ctx, db);
    if (rc == SEL_OK)
        rc = cli_open_termbase(&tb, ctx, st);
    if (rc == SEL_OK)
        rc = sel_checker_new(&ck, ctx, tb);
    if (rc == SEL_OK)
        rc = document >= 0 ? check_document(ck, ctx, st, document, &report, &pair)
             : memory      ? check_memory(ck, ctx, argv[optind], &report)
                           : check_files(ck, ctx, argv[optind], argv[optind + 1], presegmented, &report);
    if (rc == SEL_OK)
        rc = write_report(&report, ctx, format, output);
    if (rc == SEL_OK)
        status = report.n_findings ? EXIT_FOUND_NOTHING : 0; // as grep: 1 is "something to look at"
    else
        cli_report(ctx);
    sel_check_report_finish(&report);
    sel_stored_pair_finish(&pair); // after the report, which borrows its names
    sel_checker_free(ck);
    sel_termbase_free(tb);
    sel_store_close(st);
    sel_ctx_free(ctx);
    return status;
}
