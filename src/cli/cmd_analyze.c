// SPDX-License-Identifier: MIT
// selaras analyze: one token per line, form TAB lemma TAB root TAB flags; a blank line after
// each sentence.
#include "src/cli/cli.h"
#include "src/text/text.h"

#include <getopt.h>
#include <string.h>

struct analyze_run {
    sel_segmenter *seg;
    sel_analyzer *an;
    sel_ctx *ctx;
    int rc;
};

static bool print_token(void *user, const char *text, const struct sel_token *t)
{
    (void)user;
    char flags[128];
    sel_word_flags_format(&t->word, flags, sizeof(flags));
    sel_write_visible(stdout, text + t->start, t->end - t->start);
    printf("\t%s\t%s\t%s\n", t->word.lemma, t->word.root, flags);
    return !ferror(stdout);
}

static bool analyze_sentence(void *user, const char *text, const struct sel_sentence *s)
{
    struct analyze_run *run = user;
    run->rc = sel_analyze_span(run->an, run->ctx, text, s->start, s->end, print_token, run);
    putchar('\n');
    return run->rc == SEL_OK && !ferror(stdout);
}

static int analyze_file(void *user, sel_ctx *ctx, const struct sel_text *text)
{
    struct analyze_run *run = user;
    int rc = sel_segment(run->seg, ctx, text->data, text->len, analyze_sentence, run);
    if (rc == SEL_OK)
        rc = run->rc;
    // between pieces nothing holds a word: bound the analyses kept, however long the input
    if (rc == SEL_OK && sel_analyzer_forget(run->an, CLI_ANALYSES_KEPT) != SEL_OK)
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    return rc;
}

int cmd_analyze(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "lang", required_argument, NULL, 'l' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *lang_code = "id";
    int opt;
    while ((opt = getopt_long(argc, argv, "l:h", long_opts, NULL)) != -1) {
        switch (opt) {
        case 'l':
            if (!cli_parse_lang(cmd, "--lang", optarg))
                return EXIT_USAGE;
            lang_code = optarg;
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
    struct analyze_run run = { 0 };
    int status = EXIT_USAGE;
    if (sel_ctx_new(&ctx) != SEL_OK || sel_lang_load(&lang, ctx, lang_code) != SEL_OK ||
        sel_segmenter_new(&run.seg, ctx, lang) != SEL_OK || sel_analyzer_new(&run.an, ctx, lang) != SEL_OK)
        goto done;
    run.ctx = ctx;
    if (cli_each_text(ctx, argc, argv, optind, analyze_file, &run) != SEL_OK)
        goto done;
    status = 0;
done:
    if (status)
        cli_report(ctx);
    sel_analyzer_free(run.an);
    sel_segmenter_free(run.seg);
    sel_lang_free(lang);
    sel_ctx_free(ctx);
    return status;
}
