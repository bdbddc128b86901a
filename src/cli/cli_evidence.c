// SPDX-License-Identifier: MIT
// The user's evidence for the order of equivalents (how often aligned translations confirmed each
// equivalent), for lexicon/equivalents.c to order by: read from the database concept by concept as
// a command shows them, so lookup, tag and concordance cost the same on a large database as on a
// small one.
#include "lexicon/lexicon.h"
#include "src/cli/cli.h"
#include "src/store/store.h"

int cli_read_evidence(sel_ctx *ctx, sel_store *st, sel_evidence **out)
{
    *out = NULL;
    if (sel_evidence_new(out) != SEL_OK)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    if (st)
        sel_evidence_read_from(*out, st, ctx);
    return SEL_OK;
}
