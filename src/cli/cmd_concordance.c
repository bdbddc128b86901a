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

static const char SQL_BY_CONCEPT[] =
    "SELECT o.start - s.start, o.end - s.start, s.text, d.path, s.number, d.id FROM occurrence o "
    "JOIN sentence s ON s.id = o.sentence_id JOIN document d ON d.id = s.document_id "
    "WHERE o.concept_id = ?1 AND d.lang = ?2 ORDER BY d.id, s.number, o.start";
static const char SQL_FULL_TEXT[] =
    "SELECT -1, -1, s.text, d.path, s.number, d.id FROM sentence_fts f JOIN sentence s ON s.id = f.rowid "
    "JOIN document d ON d.id = s.document_id WHERE sentence_fts MATCH ?1 AND d.lang = ?2 "
    "AND s.boilerplate IS NULL ORDER BY d.id, s.number";
static const char SQL_BEAD[] =
    "SELECT t.id, b.tgt_first, b.tgt_count FROM bead b JOIN document t ON t.translation_of = b.document_id "
    "WHERE b.document_id = ?1 AND b.src_count > 0 AND ?2 BETWEEN b.src_first AND b.src_first + b.src_count - 1";
static const char SQL_TARGET[] =
    "SELECT text FROM sentence WHERE document_id = ?1 AND number BETWEEN ?2 AND ?3 ORDER BY number";

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
    sqlite3_stmt *bead, *target;
    long context;
    size_t lines;
};

static void print_line(struct conc *c, const char *text, size_t start, size_t end, const char *path, long number,
                       int64_t doc)
{
    size_t len = strlen(text);
    size_t from = move_chars(text, len, start, -c->context), to = move_chars(text, len, end, c->context);
    size_t pad = (size_t)c->context - count_chars(text + from, start - from);
    printf("%*s%s%.*s[%.*s]%.*s%s  %s:%ld\n", (int)pad, "", from > 0 ? "…" : " ", (int)(start - from), text + from,
           (int)(end - start), text + start, (int)(to - end), text + end, to < len ? "…" : "", path, number);
    c->lines++;
    sqlite3_bind_int64(c->bead, 1, doc);
    sqlite3_bind_int64(c->bead, 2, number);
    if (sqlite3_step(c->bead) == SQLITE_ROW && sqlite3_column_int64(c->bead, 2) > 0) {
        int64_t tdoc = sqlite3_column_int64(c->bead, 0), first = sqlite3_column_int64(c->bead, 1);
        int64_t count = sqlite3_column_int64(c->bead, 2);
        sqlite3_bind_int64(c->target, 1, tdoc);
        sqlite3_bind_int64(c->target, 2, first);
        sqlite3_bind_int64(c->target, 3, first + count - 1);
        printf("%*s  ⇒", (int)c->context, "");
        while (sqlite3_step(c->target) == SQLITE_ROW)
            printf(" %s", (const char *)sqlite3_column_text(c->target, 0));
        putchar('\n');
        sqlite3_reset(c->target);
    }
    sqlite3_reset(c->bead);
}

// Runs a query whose rows are (start, end, text, path, number, doc); start -1: find @p word.
static void print_rows(struct conc *c, sqlite3_stmt *q, const char *word)
{
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(q, 2);
        long start = (long)sqlite3_column_int64(q, 0), end = (long)sqlite3_column_int64(q, 1);
        if (start < 0) { // full-text hit: show the first place the word stands
            const char *hit = NULL;
            for (const char *p = text; *p && !hit; p++)
                if (strncasecmp(p, word, strlen(word)) == 0)
                    hit = p;
            start = hit ? hit - text : 0;
            end = hit ? start + (long)strlen(word) : 0;
        }
        print_line(c, text, (size_t)start, (size_t)end, (const char *)sqlite3_column_text(q, 3),
                   (long)sqlite3_column_int64(q, 4), sqlite3_column_int64(q, 5));
    }
    sqlite3_reset(q);
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
    sqlite3_stmt *by_concept = NULL, *full_text = NULL;
    int status = EXIT_USAGE;
    char *path = sel_store_path(db);
    if (sel_ctx_new(&ctx) != SEL_OK || sel_termbase_open_bundled(&tb, ctx) != SEL_OK || sel_store_open(&st, ctx, path, false) != SEL_OK ||
        sel_store_prepare(st, ctx, SQL_BY_CONCEPT, &by_concept) != SEL_OK ||
        sel_store_prepare(st, ctx, SQL_FULL_TEXT, &full_text) != SEL_OK ||
        sel_store_prepare(st, ctx, SQL_BEAD, &c.bead) != SEL_OK || sel_store_prepare(st, ctx, SQL_TARGET, &c.target) != SEL_OK ||
        sel_lookup_new(&lk, ctx, tb, lang) != SEL_OK)
        goto done;
    const struct sel_lookup_result *r;
    size_t n;
    if (sel_lookup_query(lk, ctx, term, &r, &n) != SEL_OK)
        goto done;
    size_t concepts = 0;
    for (size_t i = 0; i < n && r[i].kind <= SEL_MATCH_INFLECTED; i++) {
        fprintf(stderr, "%s: %s (%s)\n", term, r[i].concept->id, sel_match_kind_name(r[i].kind));
        sqlite3_bind_text(by_concept, 1, r[i].concept->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(by_concept, 2, lang, -1, SQLITE_STATIC);
        print_rows(&c, by_concept, NULL);
        concepts++;
    }
    if (concepts == 0) {
        // not a term: the words themselves, as an FTS5 phrase (the query is a bound value)
        if (sel_store_fts_catch_up(st, ctx) != SEL_OK)
            goto done;
        char phrase[1024];
        size_t w = 0;
        phrase[w++] = '"';
        for (const char *p = term; *p && w + 3 < sizeof(phrase); p++) {
            if (*p == '"')
                phrase[w++] = '"';
            phrase[w++] = *p;
        }
        phrase[w++] = '"';
        phrase[w] = '\0';
        sqlite3_bind_text(full_text, 1, phrase, -1, SQLITE_STATIC);
        sqlite3_bind_text(full_text, 2, lang, -1, SQLITE_STATIC);
        print_rows(&c, full_text, term);
    }
    status = c.lines ? 0 : EXIT_FOUND_NOTHING;
    if (!c.lines)
        fprintf(stderr, "selaras concordance: \"%s\" does not occur in the documents of %s\n", term, path);
done:
    if (status == EXIT_USAGE)
        cli_report(ctx);
    sqlite3_finalize(by_concept);
    sqlite3_finalize(full_text);
    sqlite3_finalize(c.bead);
    sqlite3_finalize(c.target);
    sel_lookup_free(lk);
    sel_store_close(st);
    sel_termbase_free(tb);
    free(path);
    sel_ctx_free(ctx);
    return status;
}
