// SPDX-License-Identifier: MIT
// The user's evidence for the order of equivalents: read once per command from the database
// (how often aligned translations confirmed each equivalent), for lexicon/equivalents.c to order by.
#include "lexicon/lexicon.h"
#include "src/cli/cli.h"
#include "src/store/store.h"

static int take_confirmed(void *user, const char *concept_id, const char *target, long count)
{
    return concept_id && target ? sel_evidence_add(user, concept_id, target, count) : SEL_OK;
}

int cli_read_evidence(sel_ctx *ctx, sel_store *st, sel_evidence **out)
{
    *out = NULL;
    sel_evidence *ev = NULL;
    if (sel_evidence_new(&ev) != SEL_OK)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    int rc = st ? sel_store_confirmed_targets(st, ctx, take_confirmed, ev) : SEL_OK;
    if (rc == SEL_ENOMEM)
        sel_error(ctx, rc, "out of memory");
    if (rc != SEL_OK) {
        sel_evidence_free(ev);
        return rc;
    }
    *out = ev;
    return SEL_OK;
}
