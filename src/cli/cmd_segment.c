// SPDX-License-Identifier: MIT
// selaras segment: sentences, one per line or as JSONL with byte offsets.
#include "src/cli/cli.h"
#include "src/text/text.h"

#include <getopt.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

struct segment_opts {            // what every worker is told
    const sel_lang *lang;
    bool jsonl, drop_boilerplate;
};

struct segment_out {             // one worker's
    sel_segmenter *seg;
    FILE *fp;
    const char *file;
    size_t offset;              // added to offsets so they count the file's own bytes
    long line_base, para_base, sent_base; // what the file's earlier pieces held
    long piece_paras, piece_sents;        // the highest paragraph and sentence of this piece
    bool piece_cut;                       // it ended inside a line (a line too long to hold)
    bool jsonl, drop_boilerplate;
    long last_para;             // paragraph of the last printed sentence, for blank lines
    bool printed_any;
};

static bool print_sentence(void *user, const char *text, const struct sel_sentence *piece_s)
{
    struct segment_out *out = user;
    out->piece_paras = piece_s->para;
    out->piece_sents = piece_s->index;
    struct sel_sentence numbered = *piece_s; // numbered in the file, not in the piece
    numbered.line += out->line_base;
    numbered.para += out->para_base;
    numbered.index += out->sent_base;
    const struct sel_sentence *s = &numbered;
    if (s->boilerplate && out->drop_boilerplate)
        return true;
    int len = (int)(s->end - s->start);
    if (!out->jsonl) {
        if (out->printed_any && s->para != out->last_para)
            putc('\n', out->fp);
        sel_write_visible(out->fp, text + s->start, (size_t)len);
        putc('\n', out->fp);
    } else {
        json_object *o = json_object_new_object();
        json_object_object_add(o, "file", json_object_new_string(out->file));
        json_object_object_add(o, "para", json_object_new_int64(s->para));
        json_object_object_add(o, "line", json_object_new_int64(s->line));
        json_object_object_add(o, "sent", json_object_new_int64(s->index));
        json_object_object_add(o, "start", json_object_new_int64((int64_t)(s->start + out->offset)));
        json_object_object_add(o, "end", json_object_new_int64((int64_t)(s->end + out->offset)));
        json_object_object_add(o, "text", json_object_new_string_len(text + s->start, len));
        json_object_object_add(o, "boilerplate", json_object_new_boolean(s->boilerplate != SEL_BP_NONE));
        if (s->boilerplate)
            json_object_object_add(o, "boilerplate_kind",
                                   json_object_new_string(sel_boilerplate_name(s->boilerplate)));
        if (s->dateline_len) // the site dateline that opens the sentence ("TEMPO.CO, Jakarta -")
            json_object_object_add(o, "dateline_end", json_object_new_int64((int64_t)(s->start + s->dateline_len + out->offset)));
        fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE), out->fp);
        putc('\n', out->fp);
        json_object_put(o);
    }
    out->last_para = s->para;
    out->printed_any = true;
    return !ferror(out->fp);
}

// One piece of a file. A file is a paragraph of its own: a blank line parts it from the previous
// file's output in text format (cli_text_work.separator, printed before its first piece).
static int segment_file(void *state, sel_ctx *ctx, const struct sel_text *text, FILE *fp, bool *printed)
{
    struct segment_out *out = state;
    out->fp = fp;
    out->file = text->name;
    out->offset = text->offset;
    if (text->offset != text->bom) { // a later piece of the same file: go on counting
        out->para_base += out->piece_paras - (out->piece_cut && out->piece_paras > 0); // the line goes on
        out->sent_base += out->piece_sents;
        out->line_base = text->line - 1;
        out->piece_paras = out->piece_sents = 0;
        out->piece_cut = text->len && text->data[text->len - 1] != '\n' && text->data[text->len - 1] != '\r';
    } else {
        out->line_base = out->para_base = out->sent_base = out->piece_paras = out->piece_sents = 0;
        out->piece_cut = text->len && text->data[text->len - 1] != '\n' && text->data[text->len - 1] != '\r';
        out->last_para = 0;
        out->printed_any = false; // in this file
    }
    int rc = sel_segment(out->seg, ctx, text->data, text->len, print_sentence, out);
    *printed = out->printed_any;
    return rc;
}

static int open_worker(void *shared, sel_ctx *ctx, void **state)
{
    const struct segment_opts *o = shared;
    struct segment_out *out = calloc(1, sizeof(*out));
    *state = out;
    if (!out)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    out->jsonl = o->jsonl;
    out->drop_boilerplate = o->drop_boilerplate;
    return sel_segmenter_new(&out->seg, ctx, o->lang);
}

static void close_worker(void *state)
{
    struct segment_out *out = state;
    if (out)
        sel_segmenter_free(out->seg);
    free(out);
}

int cmd_segment(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "lang", required_argument, NULL, 'l' },
        { "format", required_argument, NULL, 'f' },
        { "drop-boilerplate", no_argument, NULL, 'd' },
        { "jobs", required_argument, NULL, 'j' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *lang_code = "id";
    struct segment_opts out = { 0 };
    unsigned jobs = 0; // the processors available
    int opt;
    while ((opt = getopt_long(argc, argv, "l:f:j:h", long_opts, NULL)) != -1) {
        switch (opt) {
        case 'l':
            if (!cli_parse_lang(cmd, "--lang", optarg))
                return EXIT_USAGE;
            lang_code = optarg;
            break;
        case 'f': {
            int f = cli_parse_choice(cmd, "--format", optarg, (const char *const[]){ "text", "jsonl", NULL });
            if (f < 0)
                return EXIT_USAGE;
            out.jsonl = f == 1;
            break;
        }
        case 'd':
            out.drop_boilerplate = true;
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
    struct cli_text_work work = { open_worker, close_worker, segment_file, &out, NULL };
    if (sel_ctx_new(&ctx) != SEL_OK || sel_lang_load(&lang, ctx, lang_code) != SEL_OK)
        goto done;
    out.lang = lang;
    work.separator = out.jsonl ? NULL : "\n"; // a new file starts a new paragraph
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
