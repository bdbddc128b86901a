// SPDX-License-Identifier: MIT
// selaras tag: termbase terms found in text, longest match first, nothing stored.
#include "lexicon/lexicon.h"
#include "src/cli/cli.h"

#include <getopt.h>
#include <json-c/json.h>
#include <string.h>

struct tag_out {
    sel_tagger *tagger;
    bool lines;
    const char *file;
    size_t bom;      // of the file's first piece: line 1's offsets count it
    long line_base;  // the lines of the file's earlier pieces
    bool jsonl;
    sel_evidence *ev;  // the user's confirmations, which order the equivalents (empty: the bundled order)
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
        sel_concept_equivalents_join(m->concept, "en", out->ev, " | ", targets, sizeof(targets));
        printf("%ld\t%zu\t%zu\t%.*s\t%s\t%s\t%s\n", line, start, end, len, text + m->start, m->term->text, targets,
               m->concept->id);
        return !ferror(stdout);
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
    size_t n = sel_concept_equivalents(m->concept, "en", out->ev, eq, 64);
    for (size_t i = 0; i < n; i++)
        json_object_array_add(targets, json_object_new_string(m->concept->terms[eq[i].index].text));
    json_object_object_add(o, "target_terms", targets);
    json_object_object_add(o, "concept_id", json_object_new_string(m->concept->id));
    json_object_object_add(o, "subject", json_object_new_string(m->concept->subject));
    puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(o);
    return !ferror(stdout);
}

static int tag_file(void *user, sel_ctx *ctx, const struct sel_text *text)
{
    struct tag_out *out = user;
    out->file = text->name;
    out->bom = text->bom;
    out->line_base = (text->line > 1 ? text->line : 1) - 1;
    int rc = sel_tagger_tag(out->tagger, ctx, text->data, text->len, out->lines, print_match, out);
    // between pieces nothing holds a word: bound the analyses kept, however long the input
    if (rc == SEL_OK && sel_analyzer_forget(sel_tagger_analyzer(out->tagger), CLI_ANALYSES_KEPT) != SEL_OK)
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    return rc;
}

int cmd_tag(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "lang", required_argument, NULL, 'l' },
        { "lines", no_argument, NULL, 'L' },
        { "include-boilerplate", no_argument, NULL, 'B' },
        { "format", required_argument, NULL, 'f' },
        { "db", required_argument, NULL, 'D' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *lang_code = "id";
    struct tag_out out = { 0 };
    bool furniture = false;
    const char *db = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "l:f:h", long_opts, NULL)) != -1) {
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
            furniture = true;
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
    if (sel_ctx_new(&ctx) != SEL_OK || cli_open_existing_store(&st, ctx, db) != SEL_OK ||
        cli_open_termbase(&tb, ctx, st) != SEL_OK || cli_read_evidence(ctx, st, &out.ev) != SEL_OK ||
        sel_tagger_new(&out.tagger, ctx, tb, lang_code) != SEL_OK ||
        (sel_tagger_include_furniture(out.tagger, furniture), cli_each_text(ctx, argc, argv, optind, tag_file, &out)) != SEL_OK)
        goto done;
    status = 0;
done:
    if (status)
        cli_report(ctx);
    sel_tagger_free(out.tagger);
    sel_termbase_free(tb);
    sel_evidence_free(out.ev);
    sel_store_close(st);
    sel_ctx_free(ctx);
    return status;
}
