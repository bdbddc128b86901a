// SPDX-License-Identifier: MIT
// selaras analyze: one token per line, form TAB lemma TAB root TAB flags; a blank line after
// each sentence.
#include "src/cli/cli.h"
#include "src/text/text.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

struct analyze_run {             // one worker's
    sel_segmenter *seg;
    sel_analyzer *an;
    sel_ctx *ctx;
    FILE *fp;
    int rc;
};

static bool print_token(void *user, const char *text, const struct sel_token *t)
{
    struct analyze_run *run = user;
    char flags[128];
    sel_word_flags_format(&t->word, flags, sizeof(flags));
    sel_write_visible(run->fp, text + t->start, t->end - t->start);
    fprintf(run->fp, "\t%s\t%s\t%s\n", t->word.lemma, t->word.root, flags);
    return !ferror(run->fp);
}

static bool analyze_sentence(void *user, const char *text, const struct sel_sentence *s)
{
    struct analyze_run *run = user;
    run->rc = sel_analyze_span(run->an, run->ctx, text, s->start, s->end, print_token, run);
    putc('\n', run->fp);
    return run->rc == SEL_OK && !ferror(run->fp);
}

static int analyze_file(void *state, sel_ctx *ctx, const struct sel_text *text, FILE *fp, bool *printed)
{
    struct analyze_run *run = state;
    run->ctx = ctx;
    run->fp = fp;
    run->rc = SEL_OK;
    *printed = true; // no separator: whether it printed does not matter
    int rc = sel_segment(run->seg, ctx, text->data, text->len, analyze_sentence, run);
    if (rc == SEL_OK)
        rc = run->rc;
    // between pieces nothing holds a word: bound the analyses kept, however long the input
    if (rc == SEL_OK && sel_analyzer_forget(run->an, SEL_ANALYSES_KEPT) != SEL_OK)
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    return rc;
}

static int open_worker(void *shared, sel_ctx *ctx, void **state)
{
    struct analyze_run *run = calloc(1, sizeof(*run));
    *state = run;
    if (!run)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    int rc = sel_segmenter_new(&run->seg, ctx, shared);
    return rc == SEL_OK ? sel_analyzer_new(&run->an, ctx, shared) : rc;
}

static void close_worker(void *state)
{
    struct analyze_run *run = state;
    if (run) {
        sel_analyzer_free(run->an);
        sel_segmenter_free(run->seg);
    }
    free(run);
}

int cmd_analyze(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "lang", required_argument, NULL, 'l' },
        { "jobs", required_argument, NULL, 'j' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *lang_code = "id";
    unsigned jobs = 0; // the processors available
    int opt;
    while ((opt = getopt_long(argc, argv, "l:j:h", long_opts, NULL)) != -1) {
        switch (opt) {
        case 'l':
            if (!cli_parse_lang(cmd, "--lang", optarg))
                return EXIT_USAGE;
            lang_code = optarg;
            break;
        case 'j':
            if (!cli_parse_jobs(cmd, "--jobs", optarg, &jobs))
                return EXIT_USAGE;
            break;
        case 'h':
            cli_print_usage(cmd, stdout);
            return 0;
        default:
            return cli_usage_error(cmd, "unknown option");
        }
    }
    sel_ctx *ctx = NULL;
    sel_lang *lang = NULL;
    int status = EXIT_USAGE;
    if (sel_ctx_new(&ctx) != SEL_OK || sel_lang_load(&lang, ctx, lang_code) != SEL_OK)
        goto done;
    struct cli_text_work work = { open_worker, close_worker, analyze_file, lang, NULL };
    if (cli_each_text_jobs(ctx, argc, argv, optind, jobs ? jobs : cli_default_jobs(), &work) != SEL_OK)
        goto done;
    status = 0;
done:
    if (status)
        cli_report(ctx);
    sel_lang_free(lang);
    sel_ctx_free(ctx);
    return status;
}
