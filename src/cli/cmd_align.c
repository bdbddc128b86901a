// SPDX-License-Identifier: MIT
// selaras align: sentence alignment of a document and its translation, as TSV beads, pairs
// (TMX, Moses, JSONL) or a side-by-side text view.
#include "align/align.h"
#include "src/formats/formats.h"
#include "src/cli/cli.h"

#include <getopt.h>
#include <string.h>

enum align_format { FMT_TSV, FMT_TMX, FMT_MOSES, FMT_JSONL, FMT_TEXT }; // as --format lists them

enum { COLUMN = 50 };

static void print_numbers(size_t first, size_t count)
{
    for (size_t k = 0; k < count; k++)
        printf("%s%zu", k ? "," : "", first + k + 1);
}

static void print_tsv(const struct sel_alignment *a)
{
    for (size_t b = 0; b < a->n; b++) {
        const struct sel_bead *bd = &a->beads[b];
        print_numbers(bd->src, bd->n_src);
        putchar('\t');
        print_numbers(bd->tgt, bd->n_tgt);
        printf("\t%.3f\n", bd->score);
    }
}

// The text of a bead's side as one string, sentences joined by a space.
struct column {
    const struct sel_align_doc *doc;
    size_t sent, end;   // sentences still to print
    size_t pos;         // byte position within the current sentence
};

static size_t cp_len(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

// Prints up to COLUMN characters of @p col, breaking at a space; pads to the column width.
static void print_column_line(struct column *col, bool pad)
{
    size_t printed = 0;
    while (col->sent < col->end) {
        const struct sel_sentence *s = &col->doc->sentences[col->sent];
        const char *t = col->doc->text;
        if (col->pos < s->start)
            col->pos = s->start;
        // Take words while they fit.
        size_t p = col->pos, fit = p;
        while (p < s->end) {
            size_t q = p;
            while (q < s->end && t[q] == ' ')
                q++;
            size_t e = q;
            while (e < s->end && t[e] != ' ')
                e++;
            size_t w = cp_len(t + p, e - p);
            if (printed + w > COLUMN && (printed > 0 || fit > col->pos))
                break;
            printed += w;
            p = fit = e;
        }
        if (fit == col->pos && printed == 0) // one word longer than a column: cut it
            fit = s->end;
        fwrite(t + col->pos, 1, fit - col->pos, stdout);
        col->pos = fit;
        while (col->pos < s->end && t[col->pos] == ' ')
            col->pos++;
        if (col->pos < s->end)
            break;
        col->sent++; // the next sentence continues on a new line
        col->pos = 0;
        break;
    }
    if (pad)
        for (; printed < COLUMN; printed++)
            putchar(' ');
}

static void print_text(const struct sel_alignment *a, const struct sel_align_doc *src,
                       const struct sel_align_doc *tgt)
{
    for (size_t b = 0; b < a->n; b++) {
        const struct sel_bead *bd = &a->beads[b];
        char head[64];
        int n = 0;
        head[0] = '\0';
        for (size_t k = 0; k < bd->n_src && n < 40; k++)
            n += snprintf(head + n, sizeof(head) - (size_t)n, "%s%zu", k ? "," : "", bd->src + k + 1);
        printf("%s%s%-*s", b ? "\n" : "", head, COLUMN - n > 0 ? COLUMN - n : 0, bd->n_src ? "" : "-");
        printf("   ");
        print_numbers(bd->tgt, bd->n_tgt);
        printf("%s   %.3f\n", bd->n_tgt ? "" : "-", bd->score);
        struct column left = { src, bd->src, bd->src + bd->n_src, 0 };
        struct column right = { tgt, bd->tgt, bd->tgt + bd->n_tgt, 0 };
        while (left.sent < left.end || right.sent < right.end) {
            print_column_line(&left, true);
            fputs(" | ", stdout);
            print_column_line(&right, false);
            putchar('\n');
        }
    }
}

// --format tmx, moses and jsonl: the beads as pairs through the formats module's writers (jsonl:
// the schema of `export parallel --format jsonl`).
static int write_pairs(sel_ctx *ctx, const struct sel_alignment *a, const struct sel_align_doc *src,
                       const struct sel_align_doc *tgt, enum sel_par_format format, const char *output)
{
    sel_pair_writer *w = NULL;
    int rc = sel_pair_writer_open(&w, ctx, format, output, "id", "en");
    for (size_t i = 0; rc == SEL_OK && i < a->n; i++)
        rc = sel_pair_writer_add(w, ctx, src, tgt, &a->beads[i]);
    int closed = sel_pair_writer_close(w, ctx);
    return rc != SEL_OK ? rc : closed;
}

static int read_doc(struct sel_text *text, struct sel_align_doc *doc, sel_aligner *al, sel_ctx *ctx,
                    const char *path, enum sel_align_side_kind side, bool presegmented)
{
    int rc = sel_text_read(text, ctx, path);
    if (rc != SEL_OK)
        return rc;
    return presegmented ? sel_align_doc_lines(doc, al, ctx, side, text->data, text->len)
                        : sel_align_doc_segment(doc, al, ctx, side, text->data, text->len);
}

int cmd_align(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "presegmented", no_argument, NULL, 'p' },
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    enum align_format format = FMT_TSV;
    bool presegmented = false;
    const char *output = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "f:o:h", long_opts, NULL)) != -1) {
        switch (opt) {
        case 'p':
            presegmented = true;
            break;
        case 'o':
            if (!cli_parse_path(cmd, "--output", optarg))
                return EXIT_USAGE;
            output = optarg;
            break;
        case 'f': {
            int f = cli_parse_choice(cmd, "--format", optarg,
                                     (const char *const[]){ "tsv", "tmx", "moses", "jsonl", "text", NULL });
            if (f < 0)
                return EXIT_USAGE;
            format = (enum align_format)f;
            break;
        }
        case 'h':
            cli_print_usage(cmd, stdout);
            return 0;
        default:
            return cli_usage_error(cmd, "unknown option");
        }
    }
    if (argc - optind != 2)
        return cli_usage_error(cmd, "expected SRC_FILE and TGT_FILE, got %d file%s", argc - optind,
                               argc - optind == 1 ? "" : "s");
    const char *src_path = argv[optind], *tgt_path = argv[optind + 1];
    if (strcmp(src_path, "-") == 0 && strcmp(tgt_path, "-") == 0)
        return cli_usage_error(cmd, "only one of SRC_FILE and TGT_FILE can be standard input");
    if (output && format != FMT_TMX && format != FMT_MOSES)
        return cli_usage_error(cmd, "-o is for --format tmx and moses; the other formats go to standard output");

    sel_ctx *ctx = NULL;
    sel_aligner *al = NULL;
    struct sel_text src_text = { 0 }, tgt_text = { 0 };
    struct sel_align_doc src = { 0 }, tgt = { 0 };
    struct sel_alignment result = { 0 };
    struct sel_align_options opts;
    sel_align_options_default(&opts);
    int status = EXIT_USAGE;
    if (sel_ctx_new(&ctx) != SEL_OK || sel_aligner_new(&al, ctx, &opts) != SEL_OK)
        goto done;
    if (read_doc(&src_text, &src, al, ctx, src_path, SEL_ALIGN_SRC, presegmented) != SEL_OK ||
        read_doc(&tgt_text, &tgt, al, ctx, tgt_path, SEL_ALIGN_TGT, presegmented) != SEL_OK ||
        sel_align(&result, al, ctx, &src, &tgt) != SEL_OK)
        goto done;
    // The scores say how well the sentences translate each other, not only how likely the path is.
    struct sel_adequacy adequacy;
    if (sel_align_adequacy(&adequacy, al, ctx, &src, &tgt, &result) != SEL_OK)
        goto done;
    if (adequacy.score < 0.5)
        fprintf(stderr, "selaras: warning: %s does not look like a translation of %s (adequacy %.3f: the aligned "
                        "sentences share %.0f%% of the terms, numbers and names they could)\n",
                tgt_path, src_path, adequacy.score, 100 * adequacy.rate);
    if (format == FMT_TMX || format == FMT_MOSES || format == FMT_JSONL) {
        enum sel_par_format pf = format == FMT_TMX ? SEL_PAR_TMX : format == FMT_MOSES ? SEL_PAR_MOSES : SEL_PAR_JSONL;
        if (write_pairs(ctx, &result, &src, &tgt, pf, output) != SEL_OK)
            goto done;
    } else if (format == FMT_TSV) {
        print_tsv(&result);
    } else {
        print_text(&result, &src, &tgt);
    }
    status = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        sel_error(ctx, SEL_EIO, "standard output: write error");
        status = EXIT_USAGE;
    }
done:
    if (status)
        cli_report(ctx);
    sel_alignment_finish(&result);
    sel_align_doc_finish(&tgt);
    sel_align_doc_finish(&src);
    sel_text_finish(&tgt_text);
    sel_text_finish(&src_text);
    sel_aligner_free(al);
    sel_ctx_free(ctx);
    return status;
}
