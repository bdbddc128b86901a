// SPDX-License-Identifier: MIT
// selaras concordance: a term in any inflected form, in context, with the aligned translation.
// The term is looked up in the termbase (so every form of its concept counts); a word that is
// not a term is searched in the full-text index of the sentences instead.
#include "lexicon/lexicon.h"
#include "src/cli/cli.h"
#include "src/store/store.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/utf8.h>

// Byte offset @p chars characters before (negative) or after @p from in @p s of length @p len.
static size_t move_chars(const char *s, size_t len, size_t from, long chars)
{
    int32_t i = (int32_t)from;
    for (; chars < 0 && i > 0; chars++)
        U8_BACK_1((const uint8_t *)s, 0, i);
    for (; chars > 0 && (size_t)i < len; chars--)
        U8_FWD_1((const uint8_t *)s, i, (int32_t)len);
    return (size_t)i;
}

static size_t count_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

struct conc {
    sel_concordance *q;
    sel_ctx *ctx;
    long context;
    size_t lines;
    const char *word;   // a full-text search: the word to mark in each sentence
    size_t aligned;     // sentences of the translation printed for the current line
    int rc;
};

// Prints a sentence of the aligned translation, on a line of its own that the first one opens.
static bool print_aligned(void *user, const char *text)
{
    struct conc *c = user;
    if (c->aligned++ == 0)
        printf("%*s  ⇒", (int)c->context, "");
    printf(" %s", text);
    return true;
}

static void print_line(struct conc *c, const char *text, size_t start, size_t end, const char *path, long number,
                       int64_t doc)
{
    size_t len = strlen(text);
    size_t from = move_chars(text, len, start, -c->context), to = move_chars(text, len, end, c->context);
    size_t pad = (size_t)c->context - count_chars(text + from, start - from);
    printf("%*s%s%.*s[%.*s]%.*s%s  %s:%ld\n", (int)pad, "", from > 0 ? "…" : " ", (int)(start - from), text + from,
           (int)(end - start), text + start, (int)(to - end), text + end, to < len ? "…" : "", path, number);
    c->lines++;
    size_t n = 0;
    c->aligned = 0;
    c->rc = sel_concordance_aligned(c->q, c->ctx, doc, number, print_aligned, c, &n);
    if (c->aligned)
        putchar('\n');
}

// A sentence found; for a full-text hit, the first place the word stands is marked.
static bool print_row(void *user, const struct sel_conc_row *row)
{
    struct conc *c = user;
    long start = row->start, end = row->end;
    if (start < 0) {
        const char *hit = NULL;
        for (const char *p = row->text; *p && !hit; p++)
            if (strncasecmp(p, c->word, strlen(c->word)) == 0)
                hit = p;
        start = hit ? hit - row->text : 0;
        end = hit ? start + (long)strlen(c->word) : 0;
    }
    print_line(c, row->text, (size_t)start, (size_t)end, row->path, row->number, row->document);
    return c->rc == SEL_OK;
}

int cmd_concordance(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "lang", required_argument, NULL, 'l' },
        { "context", required_argument, NULL, 'c' },
        { "db", required_argument, NULL, 'D' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *lang = "id", *db = NULL;
    struct conc c = { .context = 40 };
    int opt;
    while ((opt = getopt_long(argc, argv, "l:c:h", long_opts, NULL)) != -1) {
        switch (opt) {
        case 'l':
            if (!cli_parse_lang(cmd, "--lang", optarg))
                return EXIT_USAGE;
            lang = optarg;
            break;
        case 'c':
            if (!cli_parse_count(cmd, "--context", optarg, &c.context))
                return EXIT_USAGE;
            if (c.context > 500)
                return cli_usage_error(cmd, "--context is at most 500 characters");
            break;
        case 'D':
            if (!cli_parse_path(cmd, "--db", optarg))
                return EXIT_USAGE;
            db = optarg;
            break;
        case 'h':
            cli_print_usage(cmd, stdout);
            return 0;
        default:
            return cli_usage_error(cmd, "unknown option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error(cmd, optind == argc ? "which term?" : "one TERM at a time (quote a phrase)");
    const char *term = argv[optind];
    if (!cli_parse_text(cmd, "TERM", term))
        return EXIT_USAGE;
    sel_ctx *ctx = NULL;
    sel_termbase *tb = NULL;
    sel_lookup *lk = NULL;
    sel_store *st = NULL;
    sel_evidence *ev = NULL;
    int status = EXIT_USAGE;
    char *path = sel_store_path(db);
    if (sel_ctx_new(&ctx) != SEL_OK || sel_store_open(&st, ctx, path, false) != SEL_OK ||
        cli_open_termbase(&tb, ctx, st) != SEL_OK ||
        sel_concordance_new(&c.q, ctx, st) != SEL_OK ||
        sel_lookup_new(&lk, ctx, tb, lang) != SEL_OK || cli_read_evidence(ctx, st, &ev) != SEL_OK)
        goto done;
    c.ctx = ctx;
    const struct sel_lookup_result *r;
    size_t n;
    if (sel_lookup_query(lk, ctx, term, &r, &n) != SEL_OK)
        goto done;
    size_t concepts = 0;
    for (size_t i = 0; i < n && r[i].kind <= SEL_MATCH_INFLECTED; i++) {
        fprintf(stderr, "%s: %s (%s)", term, r[i].concept->id, sel_match_kind_name(r[i].kind));
        // its equivalents in the one order, with what the user's translations confirmed
        struct sel_equivalent eq[64];
        size_t k = sel_concept_equivalents(r[i].concept, strcmp(lang, "id") == 0 ? "en" : "id", ev, eq, 64);
        for (size_t e = 0; e < k; e++) {
            fprintf(stderr, "%s%s", e ? ", " : " → ", r[i].concept->terms[eq[e].index].text);
            if (eq[e].confirmed)
                fprintf(stderr, " (confirmed %ld)", eq[e].confirmed);
        }
        fputc('\n', stderr);
        if (sel_concordance_concept(c.q, ctx, r[i].concept->id, lang, print_row, &c) != SEL_OK || c.rc != SEL_OK)
            goto done;
        concepts++;
    }
    // not a term: the words themselves, as a phrase of the full-text index
    c.word = term;
    if (concepts == 0 && (sel_concordance_words(c.q, ctx, term, lang, print_row, &c) != SEL_OK || c.rc != SEL_OK))
        goto done;
    if (sel_evidence_status(ev) != SEL_OK) // the order of the equivalents shown could not be read
        goto done;
    status = c.lines ? 0 : EXIT_FOUND_NOTHING;
    if (!c.lines)
        fprintf(stderr, "selaras concordance: \"%s\" does not occur in the documents of %s\n", term, path);
done:
    if (status == EXIT_USAGE)
        cli_report(ctx);
    sel_concordance_free(c.q);
    sel_lookup_free(lk);
    sel_evidence_free(ev);
    sel_store_close(st);
    sel_termbase_free(tb);
    free(path);
    sel_ctx_free(ctx);
    return status;
}
