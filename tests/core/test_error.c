// SPDX-License-Identifier: MIT
#include "src/core/core.h"

#include <criterion/criterion.h>

Test(core_error, message_names_file_line_and_column)
{
    sel_ctx *ctx = NULL;
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    struct sel_location at = { "corpus/id.txt", 42, 17 };
    int rc = sel_error_at(ctx, SEL_EPARSE, at, "invalid UTF-8 at byte offset %d", 812);
    cr_assert_eq(rc, SEL_EPARSE);
    cr_assert_eq(sel_ctx_status(ctx), SEL_EPARSE);
    cr_assert_str_eq(sel_ctx_errmsg(ctx), "corpus/id.txt:42:17: invalid UTF-8 at byte offset 812");
    sel_ctx_free(ctx);
}

Test(core_error, location_without_column_or_line)
{
    sel_ctx *ctx = NULL;
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ "a.terms", 3, 0 }, "empty term");
    cr_assert_str_eq(sel_ctx_errmsg(ctx), "a.terms:3: empty term");
    sel_error_at(ctx, SEL_EIO, (struct sel_location){ "dir", 0, 0 }, "is a directory");
    cr_assert_str_eq(sel_ctx_errmsg(ctx), "dir: is a directory");
    sel_ctx_clear(ctx);
    cr_assert_str_eq(sel_ctx_errmsg(ctx), "");
    cr_assert_eq(sel_ctx_status(ctx), SEL_OK);
    sel_ctx_free(ctx);
}

Test(core_error, null_context_still_returns_the_status)
{
    cr_assert_eq(sel_error(NULL, SEL_ENOMEM, "x"), SEL_ENOMEM);
    sel_ctx_free(NULL);
}

Test(core_error, every_status_has_a_name)
{
    for (int s = SEL_EXML; s <= SEL_OK; s++)
        cr_assert_str_neq(sel_strerror(s), "unknown error", "status %d", s);
}
