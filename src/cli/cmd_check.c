// SPDX-License-Identifier: MIT
// selaras check: terminology QA of a finished translation (src/check/check.h). Exit status 0 when
// there is nothing to report, 1 with findings, 2 on errors. Many inputs (several TMX or XLIFF
// files, or --pairs-from LIST) are checked on worker threads, each with its own checker, and their
// reports written in input order, so the output is that of --jobs 1 byte for byte.
#include "src/check/check.h"
#include "src/cli/cli.h"
#include "src/formats/formats.h"
#include "src/store/store.h"

#include <getopt.h>
#include <json-c/json.h>
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

// Opens where the report goes: standard output when @p output is NULL or "-", else a temporary
// file beside @p output (in *tmp), renamed into place by close_output(), so that a failed run
// leaves no file behind.
static int open_output(sel_ctx *ctx, const char *output, FILE **out, char **tmp)
{
    *tmp = NULL;
    *out = stdout;
    if (!output || strcmp(output, "-") == 0)
        return SEL_OK;
    size_t n = strlen(output);
    if (!(*tmp = malloc(n + 16)))
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    snprintf(*tmp, n + 16, "%s.tmp-XXXXXX", output);
    int fd = mkstemp(*tmp);
    *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!*out) {
        if (fd >= 0) {
            close(fd);
            unlink(*tmp);
        }
        free(*tmp);
        *tmp = NULL;
        return sel_error(ctx, SEL_EIO, "%s: cannot create the file", output);
    }
    return SEL_OK;
}

// Ends the report: renames the temporary file into place when all went well (@p rc), else
// removes it. A write error is an error.
static int close_output(sel_ctx *ctx, int rc, const char *output, FILE *out, char *tmp)
{
    if (!tmp) {
        if (fflush(out) != 0 && rc == SEL_OK)
            rc = sel_error(ctx, SEL_EIO, "standard output: write error");
        return rc;
    }
    bool wrote = rc == SEL_OK;
    if (fclose(out) != 0 && rc == SEL_OK)
        rc = SEL_EIO;
    if (rc == SEL_OK && rename(tmp, output) != 0)
        rc = SEL_EIO;
    if (rc != SEL_OK) {
        unlink(tmp);
        if (wrote) // else the message is the failure's own
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

/* ---- many inputs ------------------------------------------------------------------------- */

/** One thing to check: a translation memory or XLIFF file, a pair of texts, or a stored document. */
struct check_input {
    const char *src, *tgt;   // the file (a memory) or the two texts; NULL for --document
    bool memory;
};

struct check_run {
    const sel_termbase *tb;
    const struct check_input *inputs;
    size_t n;
    size_t *findings;        // per input, set by whichever worker checks it
    enum sel_check_format format;
    bool presegmented;
    bool several;            // more than one input: each report says which file it is about
    sel_store *st;           // --document's database
    long document;           // -1: none
};

// The file a row of a multi-input report names: the memory, or the translation checked.
static const char *input_name(const struct check_input *in)
{
    return in->memory ? in->src : in->tgt;
}

static void tsv_name(FILE *out, const char *s)
{
    for (; *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
    fputc('\t', out);
}

// TSV with a file column first: the report's rows with the file named on each; the header only
// in the first input's.
static int write_tsv_rows(const char *table, size_t len, const char *name, bool header, FILE *out)
{
    const char *line = table, *end = table + len;
    for (bool first = true; line < end; first = false) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t k = nl ? (size_t)(nl - line) : (size_t)(end - line);
        if (first && header)
            fputs("file\t", out);
        else if (!first)
            tsv_name(out, name);
        if (!first || header) {
            fwrite(line, 1, k, out);
            fputc('\n', out);
        }
        line += k + (nl != NULL);
    }
    return ferror(out) ? SEL_EIO : SEL_OK;
}

// A copy of JSON object @p o with "file": @p name first.
static json_object *with_file(json_object *o, const char *name)
{
    json_object *copy = json_object_new_object();
    json_object_object_add(copy, "file", json_object_new_string(name));
    json_object_object_foreach(o, key, value) {
        json_object_object_add(copy, key, json_object_get(value));
    }
    return copy;
}

// The JSON report of one of several inputs: an element of the array that holds them all, with
// "file" first in it and in each of its findings.
static int write_json_element(sel_ctx *ctx, const char *json, const char *name, bool first, FILE *out)
{
    json_object *report = json_tokener_parse(json);
    json_object *findings = NULL;
    if (!report || !json_object_object_get_ex(report, "findings", &findings)) {
        json_object_put(report);
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    json_object *rows = json_object_new_array();
    for (size_t i = 0; i < json_object_array_length(findings); i++)
        json_object_array_add(rows, with_file(json_object_array_get_idx(findings, i), name));
    json_object *element = with_file(report, name);
    json_object_object_add(element, "findings", rows); // in its place: the old array is let go
    if (!first)
        fputs(",\n", out);
    fputs(json_object_to_json_string_ext(element, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), out);
    json_object_put(element);
    json_object_put(report);
    return ferror(out) ? SEL_EIO : SEL_OK;
}

// Writes input @p i's report: as ever for a single input; for several, text under a header line,
// TSV and JSON with a "file" field first (html is refused before).
static int write_report(const struct check_run *run, sel_ctx *ctx, size_t i, const struct sel_check_report *r,
                        FILE *out)
{
    if (!run->several)
        return sel_check_write(r, ctx, run->format, out);
    const struct check_input *in = &run->inputs[i];
    if (run->format == SEL_CHECK_TEXT) {
        if (i > 0)
            fputc('\n', out);
        if (in->memory)
            fprintf(out, "== %s ==\n", in->src);
        else
            fprintf(out, "== %s  %s ==\n", in->src, in->tgt);
        return sel_check_write(r, ctx, run->format, out);
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    int rc = sel_check_write(r, ctx, run->format, mem);
    if (fclose(mem) != 0 && rc == SEL_OK)
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    if (rc == SEL_OK)
        rc = run->format == SEL_CHECK_TSV ? write_tsv_rows(buf, len, input_name(in), i == 0, out)
                                          : write_json_element(ctx, buf, input_name(in), i == 0, out);
    free(buf);
    return rc;
}

struct check_worker {            // one worker's
    const struct check_run *run;
    sel_checker *ck;
};

static int open_checker(void *shared, sel_ctx *ctx, void **state)
{
    struct check_worker *w = calloc(1, sizeof(*w));
    *state = w;
    if (!w)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    w->run = shared;
    return sel_checker_new(&w->ck, ctx, w->run->tb);
}

static void close_checker(void *state)
{
    struct check_worker *w = state;
    if (w)
        sel_checker_free(w->ck);
    free(w);
}

// Checks input @p i with this worker's checker and writes its report.
static int check_one(void *state, sel_ctx *ctx, size_t i, FILE *out, struct cli_item *item)
{
    (void)item; // a report per input, with no separator between them
    const struct check_worker *w = state;
    const struct check_run *run = w->run;
    const struct check_input *in = &run->inputs[i];
    struct sel_check_report report = { 0 };
    struct sel_stored_pair pair = { 0 };
    int rc = run->document >= 0 ? check_document(w->ck, ctx, run->st, run->document, &report, &pair)
             : in->memory       ? check_memory(w->ck, ctx, in->src, &report)
                                : check_files(w->ck, ctx, in->src, in->tgt, run->presegmented, &report);
    if (rc == SEL_OK) {
        run->findings[i] = report.n_findings;
        rc = write_report(run, ctx, i, &report, out);
    }
    sel_check_report_finish(&report);
    sel_stored_pair_finish(&pair); // after the report, which borrows its names
    return rc;
}

// The inputs the arguments name, in *out (newly allocated, *n of them), or a usage error's status.
static int gather_inputs(const struct cli_command *cmd, sel_ctx *ctx, int files, char **argv, long document,
                         bool presegmented, struct cli_inputs *list, struct check_input **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (document >= 0) {
        if (!(*out = calloc(1, sizeof(**out))))
            return sel_error(ctx, SEL_ENOMEM, "out of memory"), cli_report(ctx);
        *n = 1;
        return 0;
    }
    bool all_memories = files > 0;
    for (int i = 0; i < files; i++)
        all_memories = all_memories && (ends_with(argv[i], ".tmx") || is_xliff(argv[i]));
    size_t count = list->n ? list->n : all_memories ? (size_t)files : 1;
    if (!list->n && !all_memories && files == 1)
        return cli_usage_error(cmd, "one file must be a translation memory (.tmx) or XLIFF (.xlf, .xliff); "
                                    "else give SRC_FILE and TGT_FILE");
    if (!list->n && !all_memories && files != 2)
        return cli_usage_error(cmd, "expected SRC_FILE and TGT_FILE, or FILE.tmx and FILE.xlf files; got %d files",
                               files);
    if (all_memories && presegmented)
        return cli_usage_error(cmd, "--presegmented is for SRC_FILE and TGT_FILE; a TMX or XLIFF file has its "
                                    "units");
    struct check_input *in = calloc(count, sizeof(*in));
    if (!in)
        return sel_error(ctx, SEL_ENOMEM, "out of memory"), cli_report(ctx);
    size_t n_stdin = 0;
    for (size_t i = 0; i < count; i++) {
        in[i] = list->n ? (struct check_input){ list->items[i].path, list->items[i].translation, false }
                : all_memories ? (struct check_input){ argv[i], NULL, true }
                               : (struct check_input){ argv[0], argv[1], false };
        n_stdin += (strcmp(in[i].src, "-") == 0) + (in[i].tgt && strcmp(in[i].tgt, "-") == 0);
    }
    *out = in;
    *n = count;
    if (n_stdin > 1)
        return cli_usage_error(cmd, "standard input (-) can be read only once: give it for one file");
    return 0;
}

int cmd_check(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "presegmented", no_argument, NULL, 'p' },
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { "document", required_argument, NULL, 'd' },
        { "db", required_argument, NULL, 'D' },
        { "jobs", required_argument, NULL, 'j' },
        { "pairs-from", required_argument, NULL, 'P' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    enum sel_check_format format = SEL_CHECK_TEXT;
    bool presegmented = false;
    const char *output = NULL, *db = NULL, *pairs_from = NULL;
    long document = -1;
    unsigned jobs = 0; // the processors available
    int opt;
    while ((opt = getopt_long(argc, argv, "f:o:j:h", long_opts, NULL)) != -1) {
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
        case 'j':
            if (!cli_parse_jobs(cmd, "--jobs", optarg, &jobs))
                return EXIT_USAGE;
            break;
        case 'P':
            if (!cli_parse_path(cmd, "--pairs-from", optarg))
                return EXIT_USAGE;
            pairs_from = optarg;
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
    if (document >= 0 && (files || pairs_from))
        return cli_usage_error(cmd, "--document checks a stored document; give no files with it");
    if (document >= 0 && presegmented)
        return cli_usage_error(cmd, "--presegmented is for SRC_FILE and TGT_FILE; a stored document has its sentences");
    if (pairs_from && files)
        return cli_usage_error(cmd, "files given both as arguments and in --pairs-from");
    if (files == 2 && strcmp(argv[optind], "-") == 0 && strcmp(argv[optind + 1], "-") == 0)
        return cli_usage_error(cmd, "only one of SRC_FILE and TGT_FILE can be standard input");

    sel_ctx *ctx = NULL;
    sel_store *st = NULL; // the user's termbase, when there is a database
    sel_termbase *tb = NULL;
    struct cli_inputs list = { 0 };
    struct check_run run = { .format = format, .presegmented = presegmented, .document = document };
    struct check_input *inputs = NULL;
    FILE *out = NULL;
    char *tmp = NULL;
    int status = EXIT_USAGE;
    if (sel_ctx_new(&ctx) != SEL_OK)
        return EXIT_USAGE;
    if (pairs_from && !cli_read_inputs(ctx, &list, pairs_from, true))
        goto done; // every bad line is reported
    if (pairs_from && list.n == 0) {
        status = cli_usage_error(cmd, "%s: no SRC<TAB>TGT lines", pairs_from);
        goto done;
    }
    status = gather_inputs(cmd, ctx, files, argv + optind, document, presegmented, &list, &inputs, &run.n);
    if (status != 0)
        goto done;
    status = EXIT_USAGE;
    run.inputs = inputs;
    run.several = run.n > 1;
    if (run.several && format == SEL_CHECK_HTML) {
        status = cli_usage_error(cmd, "--format html writes one report, for one input; for %zu inputs use text, tsv "
                                      "or json, or check each file with its own -o FILE.html", run.n);
        goto done;
    }
    if (!(run.findings = calloc(run.n, sizeof(*run.findings)))) {
        sel_error(ctx, SEL_ENOMEM, "out of memory");
        cli_report(ctx);
        goto done;
    }
    int rc = cli_open_existing_store(&st, ctx, db);
    if (rc == SEL_OK)
        rc = cli_open_termbase(&tb, ctx, st);
    run.tb = tb;
    run.st = st;
    if (rc == SEL_OK)
        rc = open_output(ctx, output, &out, &tmp);
    if (rc == SEL_OK) {
        bool array = run.several && format == SEL_CHECK_JSON; // several reports make one JSON array
        if (array)
            fputs("[\n", out);
        struct cli_ordered_work work = { open_checker, close_checker, check_one, &run, NULL };
        sel_xml_init_threads(); // workers may read TMX and XLIFF files at once
        rc = cli_run_ordered(ctx, run.n, jobs ? jobs : cli_default_jobs(), &work, out);
        if (rc == SEL_OK && array)
            fputs("\n]\n", out);
        if (rc == SEL_OK && ferror(out))
            rc = sel_error(ctx, SEL_EIO, "%s: write error", tmp ? output : "standard output");
        rc = close_output(ctx, rc, output, out, tmp);
    }
    if (rc == SEL_OK) {
        size_t findings = 0;
        for (size_t i = 0; i < run.n; i++)
            findings += run.findings[i];
        status = findings ? EXIT_FOUND_NOTHING : 0; // as grep: 1 is "something to look at"
    } else {
        cli_report(ctx);
    }
done:
    free(run.findings);
    free(inputs);
    cli_inputs_finish(&list);
    sel_termbase_free(tb);
    sel_store_close(st);
    sel_ctx_free(ctx);
    return status;
}
