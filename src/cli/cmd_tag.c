// SPDX-License-Identifier: MIT
// selaras tag: termbase terms found in text, longest match first, nothing stored.
#include "lexicon/lexicon.h"
#include "src/cli/cli.h"

#include <getopt.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

struct tag_opts {                // what every worker is told
    const sel_termbase *tb;
    const char *lang;
    bool lines, jsonl, furniture;
    sel_evidence *ev;            // the user's confirmations (read-only while workers run)
};

struct tag_out {                 // one worker's
    sel_tagger *tagger;
    FILE *fp;
    bool lines;
    const char *file;
    size_t bom;      // of the file's first piece: line 1's offsets count it
    long line_base;  // the lines of the file's earlier pieces
    bool jsonl;
    const sel_evidence *ev; // the user's confirmations, which order the equivalents (empty: the bundled order)
};

static bool print_match(void *user, const char *text, const struct sel_sentence *s, const struct sel_term_match *m)
{
    struct tag_out *out = user;
    long line = s->line + out->line_base;
    size_t shift = line == 1 ? out->bom : 0; // offsets count the file's own bytes
    size_t start = m->start - s->line_start + shift, end = m->end - s->line_start + shift;
    int len = (int)(m->end - m->start);
    if (!out->jsonl) {
        char targets[2048];
        sel_match_equivalents_join(m, "en", out->ev, " | ", targets, sizeof(targets));
        fprintf(out->fp, "%ld\t%zu\t%zu\t%.*s\t%s\t%s\t%s\n", line, start, end, len, text + m->start, m->term->text,
                targets, m->concept->id);
        return !ferror(out->fp);
    }
    json_object *o = json_object_new_object();
    json_object_object_add(o, "file", json_object_new_string(out->file));
    json_object_object_add(o, "line", json_object_new_int64(line));
    json_object_object_add(o, "start", json_object_new_int64((int64_t)start));
    json_object_object_add(o, "end", json_object_new_int64((int64_t)end));
    json_object_object_add(o, "surface", json_object_new_string_len(text + m->start, len));
    json_object_object_add(o, "source_term", json_object_new_string(m->term->text));
    json_object *targets = json_object_new_array();
    struct sel_equivalent eq[64];
    size_t n = sel_match_equivalents(m, "en", out->ev, eq, 64);
    for (size_t i = 0; i < n; i++)
        json_object_array_add(targets, json_object_new_string(m->concept->terms[eq[i].index].text));
    json_object_object_add(o, "target_terms", targets);
    json_object_object_add(o, "concept_id", json_object_new_string(m->concept->id));
    json_object_object_add(o, "subject", json_object_new_string(m->concept->subject));
    fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE), out->fp);
    putc('\n', out->fp);
    json_object_put(o);
    return !ferror(out->fp);
}

static int tag_file(void *state, sel_ctx *ctx, const struct sel_text *text, FILE *fp, bool *printed)
{
    struct tag_out *out = state;
    out->fp = fp;
    *printed = true; // no separator: whether it printed does not matter
    out->file = text->name;
    out->bom = text->bom;
    out->line_base = (text->line > 1 ? text->line : 1) - 1;
    int rc = sel_tagger_tag(out->tagger, ctx, text->data, text->len, out->lines, print_match, out);
    // between pieces nothing holds a word: bound the analyses kept, however long the input
    if (rc == SEL_OK && sel_analyzer_forget(sel_tagger_analyzer(out->tagger), SEL_ANALYSES_KEPT) != SEL_OK)
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    return rc;
}

static int open_worker(void *shared, sel_ctx *ctx, void **state)
{
    const struct tag_opts *o = shared;
    struct tag_out *out = calloc(1, sizeof(*out));
    *state = out;
    if (!out)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    out->lines = o->lines;
    out->jsonl = o->jsonl;
    out->ev = o->ev;
    int rc = sel_tagger_new(&out->tagger, ctx, o->tb, o->lang);
    if (rc != SEL_OK)
        return rc;
    sel_tagger_include_furniture(out->tagger, o->furniture);
    // made now, on this thread, not on first use in a worker: ICU sets up its shared break
    // iterator data with the first one opened
    return sel_tagger_segmenter(out->tagger) ? SEL_OK : sel_error(ctx, SEL_EICU, "cannot make a segmenter");
}

static void close_worker(void *state)
{
    struct tag_out *out = state;
    if (out)
        sel_tagger_free(out->tagger);
    free(out);
}

int cmd_tag(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "lang", required_argument, NULL, 'l' },
        { "lines", no_argument, NULL, 'L' },
        { "include-boilerplate", no_argument, NULL, 'B' },
        { "format", required_argument, NULL, 'f' },
        { "db", required_argument, NULL, 'D' },
        { "jobs", required_argument, NULL, 'j' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *lang_code = "id";
    struct tag_opts out = { 0 };
    unsigned jobs = 0; // the processors available
    const char *db = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "l:f:j:h", long_opts, NULL)) != -1) {
        switch (opt) {
        case 'l':
            if (!cli_parse_lang(cmd, "--lang", optarg))
                return EXIT_USAGE;
            lang_code = optarg;
            break;
        case 'L':
            out.lines = true;
            break;
        case 'B':
            out.furniture = true;
            break;
        case 'j':
            if (!cli_parse_jobs(cmd, "--jobs", optarg, &jobs))
                return EXIT_USAGE;
            break;
        case 'D':
            if (!cli_parse_path(cmd, "--db", optarg))
                return EXIT_USAGE;
            db = optarg;
            break;
        case 'f': {
            int f = cli_parse_choice(cmd, "--format", optarg, (const char *const[]){ "tsv", "jsonl", NULL });
            if (f < 0)
                return EXIT_USAGE;
            out.jsonl = f == 1;
            break;
        }
        case 'h':
            cli_print_usage(cmd, stdout);
            return 0;
        default:
            return cli_usage_error(cmd, "unknown option");
        }
    }
    sel_ctx *ctx = NULL;
    sel_termbase *tb = NULL;
    sel_store *st = NULL; // the user's termbase, when there is a database
    int status = EXIT_USAGE;
    struct cli_text_work work = { open_worker, close_worker, tag_file, &out, NULL };
    if (sel_ctx_new(&ctx) != SEL_OK || cli_open_existing_store(&st, ctx, db) != SEL_OK ||
        cli_open_termbase(&tb, ctx, st) != SEL_OK || cli_read_evidence(ctx, st, &out.ev) != SEL_OK)
        goto done;
    out.tb = tb;
    out.lang = lang_code;
    if (cli_each_text_jobs(ctx, argc, argv, optind, jobs ? jobs : cli_default_jobs(), &work) != SEL_OK)
        goto done;
    if (sel_evidence_status(out.ev) != SEL_OK) // the order of the equivalents shown could not be read
        goto done;
    status = 0;
done:
    if (status)
        cli_report(ctx);
    sel_termbase_free(tb);
    sel_evidence_free(out.ev);
    sel_store_close(st);
    sel_ctx_free(ctx);
    return status;
}
