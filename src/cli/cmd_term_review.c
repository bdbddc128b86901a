// SPDX-License-Identifier: MIT
// selaras term accept and term reject: the review round of `selaras discover`. Accepted
// candidates become user terms with origin "discovered" and their evidence (and the ingested
// documents are tagged again); rejected ones are remembered by their lemma key and never
// proposed again.
#include "src/cli/term_internal.h"
#include "src/discover/discover.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// One accepted candidate: its Indonesian term, English equivalents (the first preferred) and what
// discovery saw.
struct accepted {
    char *id_term;
    char *en[SEL_DISCOVER_MAX_EQUIV + 8];
    size_t n_en;
    char *evidence;
    long line;
};

static void accepted_finish(struct accepted *a)
{
    free(a->id_term);
    for (size_t i = 0; i < a->n_en; i++)
        free(a->en[i]);
    free(a->evidence);
}

// A copy of @p len bytes at @p s without the spaces around them.
static char *trimmed(const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
        len--;
    char *out = malloc(len + 1);
    if (out) {
        memcpy(out, s, len);
        out[len] = '\0';
    }
    return out;
}

// Reads the candidates of a (reviewed) `discover --format tsv`: id_term, en_equivalents separated
// by " | ", score, count, example. The header, blank lines and # comments are skipped; a line
// without a term or an equivalent is an error at its place.
static int read_candidates(sel_ctx *ctx, const char *path, struct accepted **out, size_t *n_out)
{
    struct sel_text text = { 0 };
    int rc = sel_text_read(&text, ctx, path);
    struct accepted *list = NULL;
    size_t n = 0, cap = 0;
    long line = 0;
    for (char *p = text.data, *end = text.data + text.len; rc == SEL_OK && p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        line++;
        char *field[5] = { 0 };
        size_t flen[5] = { 0 }, nf = 0;
        for (char *f = p; nf < 5;) {
            char *tab = memchr(f, '\t', (size_t)(p + len - f));
            field[nf] = f;
            flen[nf++] = tab ? (size_t)(tab - f) : (size_t)(p + len - f);
            if (!tab)
                break;
            f = tab + 1;
        }
        bool skip = len == 0 || p[0] == '#' || (line == 1 && strncmp(p, "id_term\t", 8) == 0);
        struct sel_location where = sel_text_locate(&text, (size_t)(p - text.data));
        if (!skip) {
            struct accepted a = { .line = line };
            if (!(a.id_term = trimmed(field[0], flen[0]))) {
                rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
                break;
            }
            if (!term_has_word(a.id_term)) {
                free(a.id_term);
                rc = sel_error_at(ctx, SEL_EPARSE, where, "no Indonesian term in the first column");
                break;
            }
            // the equivalents: " | "-separated, as discover writes them
            const char *e = nf > 1 ? field[1] : "", *e_end = e + (nf > 1 ? flen[1] : 0);
            while (e < e_end && a.n_en < sizeof(a.en) / sizeof(a.en[0])) {
                const char *bar = e;
                while (bar < e_end && *bar != '|')
                    bar++;
                char *t = trimmed(e, (size_t)(bar - e));
                if (t && term_has_word(t))
                    a.en[a.n_en++] = t;
                else
                    free(t);
                e = bar < e_end ? bar + 1 : e_end;
            }
            if (!a.n_en) {
                struct sel_location at = where;
                at.column += (long)flen[0] + 1;
                accepted_finish(&a);
                rc = sel_error_at(ctx, SEL_EPARSE, at, "no English equivalent for \"%.*s\" in the second column",
                                  (int)flen[0], field[0]);
                break;
            }
            char ev[2048];
            snprintf(ev, sizeof(ev), "selaras discover: score %.*s, %.*s occurrences; e.g. %.*s",
                     nf > 2 ? (int)flen[2] : 1, nf > 2 ? field[2] : "?", nf > 3 ? (int)flen[3] : 1,
                     nf > 3 ? field[3] : "?", nf > 4 ? (int)(flen[4] < 1500 ? flen[4] : 1500) : 0, nf > 4 ? field[4] : "");
            a.evidence = strdup(ev);
            if (!a.evidence || SEL_ARRAY_RESERVE(list, cap, n + 1) != SEL_OK) {
                accepted_finish(&a);
                rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
                break;
            }
            list[n++] = a;
        }
        p += len + 1;
    }
    sel_text_finish(&text);
    if (rc != SEL_OK) {
        for (size_t i = 0; i < n; i++)
            accepted_finish(&list[i]);
        free(list);
        return rc;
    }
    *out = list;
    *n_out = n;
    return SEL_OK;
}

int term_accept(const struct cli_command *cmd, int argc, char **argv)
{
    struct term_options o = { 0 };
    int status = term_parse_options(cmd, argc, argv, "db subject no-retag", &o);
    if (status >= 0)
        return status;
    if (argc - optind != 1 && argc - optind != 2)
        return cli_usage_error(cmd, "term accept needs CANDIDATES.tsv, or ID_TERM and EN_TERM");
    struct accepted one = { 0 }, *list = NULL;
    size_t n = 0;
    bool from_file = argc - optind == 1;
    if (from_file) {
        if (!cli_parse_path(cmd, "CANDIDATES.tsv", argv[optind]))
            return EXIT_USAGE;
    } else {
        if (!term_parse_word(cmd, "ID_TERM", argv[optind]) || !term_parse_word(cmd, "EN_TERM", argv[optind + 1]))
            return EXIT_USAGE;
        one.id_term = argv[optind];
        one.en[0] = argv[optind + 1];
        one.n_en = 1;
        one.evidence = (char *)"accepted by hand (selaras term accept ID_TERM EN_TERM)";
        list = &one;
        n = 1;
    }
    struct term_run r = { 0 };
    status = EXIT_USAGE;
    // the file is read whole before the database is opened: a bad line leaves nothing behind
    if (from_file) {
        if (sel_ctx_new(&r.ctx) != SEL_OK || read_candidates(r.ctx, argv[optind], &list, &n) != SEL_OK) {
            list = NULL;
            return term_close(&r, status);
        }
        sel_ctx_free(r.ctx);
        r.ctx = NULL;
    }
    sel_user_writer *w = NULL;
    char (*ids)[256] = calloc(n ? n : 1, sizeof(*ids));
    size_t added = 0, kept = 0;
    int rc = ids ? SEL_OK : SEL_ENOMEM;
    if (rc == SEL_OK && term_open(&r, o.db, true) != SEL_OK)
        goto done;
    if (rc == SEL_OK)
        rc = sel_store_begin(r.st, r.ctx);
    if (rc == SEL_OK)
        rc = sel_user_writer_new(&w, r.ctx, r.st);
    for (size_t i = 0; rc == SEL_OK && i < n; i++) {
        const struct accepted *a = &list[i];
        struct found_term found[4];
        if (term_find(r.tb, a->id_term, "id", NULL, found, 4)) { // accepted before, or the termbase has it
            printf("unchanged: %s is already a term of %s\n", a->id_term, found[0].concept->id);
            kept++;
            continue;
        }
        // a new concept id, in use neither in the termbase nor earlier in this file
        term_concept_id(a->id_term, ids[i], sizeof(ids[i]));
        size_t len = strlen(ids[i]);
        for (int k = 2; k < 1000; k++) {
            bool taken = sel_termbase_find(r.tb, ids[i]);
            for (size_t j = 0; j < i && !taken; j++)
                taken = strcmp(ids[j], ids[i]) == 0;
            if (!taken)
                break;
            snprintf(ids[i] + len, sizeof(ids[i]) - len, "-%d", k);
        }
        struct sel_user_concept c = { .id = ids[i], .subject = o.subject, .source = "discovered", .curated = true,
                                      .origin = "discovered", .evidence = a->evidence };
        rc = sel_user_writer_concept(w, r.ctx, &c);
        struct sel_user_term t = { .lang = "id", .text = a->id_term, .status = "preferred" };
        if (rc == SEL_OK)
            rc = sel_user_writer_term(w, r.ctx, ids[i], &t);
        for (size_t e = 0; rc == SEL_OK && e < a->n_en; e++) {
            struct sel_user_term te = { .lang = "en", .text = a->en[e], .status = e ? "admitted" : "preferred" };
            rc = sel_user_writer_term(w, r.ctx, ids[i], &te);
        }
        if (rc == SEL_OK) {
            printf("accepted %s: id %s, en %s%s\n", ids[i], a->id_term, a->en[0], a->n_en > 1 ? " (and more)" : "");
            added++;
        }
    }
    sel_user_writer_free(w);
    // accepted terms are found in the documents already ingested, as added ones
    rc = term_commit(&r, &o, rc, added > 0);
    if (rc == SEL_OK)
        status = 0;
    else if (rc == SEL_ENOMEM && r.ctx && !*sel_ctx_errmsg(r.ctx))
        sel_error(r.ctx, rc, "out of memory");
done:
    free(ids);
    if (from_file) {
        for (size_t i = 0; i < n; i++)
            accepted_finish(&list[i]);
        free(list);
    }
    (void)kept;
    return term_close(&r, status);
}

int term_reject(const struct cli_command *cmd, int argc, char **argv)
{
    struct term_options o = { 0 };
    int status = term_parse_options(cmd, argc, argv, "db", &o);
    if (status >= 0)
        return status;
    if (argc - optind < 1)
        return cli_usage_error(cmd, "term reject needs one ID_TERM or more");
    for (int i = optind; i < argc; i++)
        if (!term_parse_word(cmd, "ID_TERM", argv[i]))
            return EXIT_USAGE;
    struct term_run r = { 0 };
    status = EXIT_USAGE;
    sel_lang *lang = NULL;
    sel_analyzer *an = NULL;
    if (term_open(&r, o.db, true) != SEL_OK || sel_lang_load(&lang, r.ctx, "id") != SEL_OK ||
        sel_analyzer_new(&an, r.ctx, lang) != SEL_OK)
        goto done;
    int rc = sel_store_begin(r.st, r.ctx);
    for (int i = optind; rc == SEL_OK && i < argc; i++) {
        char key[1024];
        rc = sel_discover_key(an, r.ctx, argv[i], key, sizeof(key));
        if (rc == SEL_OK && !*key)
            rc = sel_error(r.ctx, SEL_EINVAL, "\"%s\" holds no word", argv[i]);
        if (rc == SEL_OK)
            rc = sel_store_candidate_reject(r.st, r.ctx, key, argv[i]);
        if (rc == SEL_OK)
            printf("rejected %s: it will not be proposed again\n", argv[i]);
    }
    rc = term_commit(&r, &o, rc, false); // a rejection changes no term
    if (rc == SEL_OK)
        status = 0;
done:
    sel_analyzer_free(an);
    sel_lang_free(lang);
    return term_close(&r, status);
}
