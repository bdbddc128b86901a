// SPDX-License-Identifier: MIT
// Lists of inputs (--files-from, --pairs-from): a path, or SRC<TAB>TGT, per line, for ingest and
// check. Every bad line is named LIST:LINE:COL with its byte offset.
#include "src/cli/cli.h"

#include <stdlib.h>
#include <string.h>

void cli_inputs_finish(struct cli_inputs *in)
{
    for (size_t i = 0; i < in->n_owned; i++)
        free(in->owned[i]);
    free(in->owned);
    free(in->items);
    memset(in, 0, sizeof(*in));
}

static const char *keep_path(struct cli_inputs *in, const char *p, size_t len)
{
    char *copy = strndup(p, len);
    if (copy)
        in->owned[in->n_owned++] = copy;
    return copy;
}

// Reports a bad line of @p list at byte column @p col (1-based) of line @p line, which starts at
// byte @p offset of the file; returns false.
static bool bad_line(sel_ctx *ctx, const char *list, long line, long col, size_t offset, const char *what)
{
    sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ list, line, col }, "%s (byte offset %zu)", what,
                 offset + (size_t)col - 1);
    cli_report(ctx);
    return false;
}

// One line of a list: a document path, or SRC<TAB>TGT (always with @p pairs_only). False after
// reporting a bad line.
static bool parse_list_line(sel_ctx *ctx, struct cli_inputs *in, const char *list, long line, size_t offset,
                            const char *text, size_t len, bool pairs_only)
{
    // the list was read as UTF-8 (sel_text_read() names a bad byte), so each path is UTF-8 too
    const char *tab = memchr(text, '\t', len);
    if (!tab && pairs_only)
        return bad_line(ctx, list, line, 1, offset, "expected SRC<TAB>TGT: no tab");
    struct cli_input it = { 0 };
    if (!tab) {
        it.path = keep_path(in, text, len);
    } else {
        size_t src_len = (size_t)(tab - text), tgt_len = len - src_len - 1;
        if (memchr(tab + 1, '\t', tgt_len))
            return bad_line(ctx, list, line, (long)((const char *)memchr(tab + 1, '\t', tgt_len) - text) + 1, offset,
                            "expected SRC<TAB>TGT: a second tab");
        if (src_len == 0)
            return bad_line(ctx, list, line, 1, offset, "expected SRC<TAB>TGT: no source file before the tab");
        if (tgt_len == 0)
            return bad_line(ctx, list, line, (long)src_len + 2, offset, "expected SRC<TAB>TGT: no target file after the tab");
        it.path = keep_path(in, text, src_len);
        it.translation = keep_path(in, tab + 1, tgt_len);
        if (it.translation && strcmp(it.path, "-") == 0 && strcmp(it.translation, "-") == 0)
            return bad_line(ctx, list, line, 1, offset, "standard input (-) can be read only once");
    }
    if (!it.path || (tab && !it.translation)) {
        sel_error(ctx, SEL_ENOMEM, "out of memory");
        cli_report(ctx);
        return false;
    }
    in->items[in->n++] = it;
    return true;
}

bool cli_read_inputs(sel_ctx *ctx, struct cli_inputs *in, const char *list, bool pairs_only)
{
    struct sel_text t;
    if (sel_text_read(&t, ctx, list) != SEL_OK) {
        cli_report(ctx);
        return false;
    }
    size_t lines = 1;
    for (size_t i = 0; i < t.len; i++)
        lines += t.data[i] == '\n';
    struct cli_input *grown = realloc(in->items, (in->n + lines) * sizeof(*grown));
    char **owned = realloc(in->owned, (in->n_owned + 2 * lines) * sizeof(*owned));
    if (grown)
        in->items = grown;
    if (owned)
        in->owned = owned;
    bool ok = grown && owned;
    if (!ok) {
        sel_error(ctx, SEL_ENOMEM, "out of memory");
        cli_report(ctx);
    }
    long line = 1;
    for (size_t at = 0; grown && owned && at < t.len; line++) {
        const char *nl = memchr(t.data + at, '\n', t.len - at);
        size_t end = nl ? (size_t)(nl - t.data) : t.len, len = end - at;
        if (len && t.data[at + len - 1] == '\r')
            len--;
        // offsets count the file's own bytes, a byte-order mark included
        if (len && !parse_list_line(ctx, in, list, line, at + t.bom, t.data + at, len, pairs_only))
            ok = false; // go on: every bad line is worth knowing at once
        at = end + 1;
    }
    sel_text_finish(&t);
    return ok;
}
