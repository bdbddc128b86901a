// SPDX-License-Identifier: MIT
// The error context: one message slot per context, formatted once when the error happens.
#include "src/core/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sel_ctx {
    int status;
    char message[1024];
};

const char *sel_strerror(int status)
{
    switch (status) {
    case SEL_OK: return "success";
    case SEL_ENOMEM: return "out of memory";
    case SEL_EIO: return "input/output error";
    case SEL_EPARSE: return "invalid input";
    case SEL_EINVAL: return "invalid argument";
    case SEL_ENOTFOUND: return "not found";
    case SEL_EICU: return "ICU error";
    case SEL_EHUNSPELL: return "Hunspell error";
    case SEL_ESQLITE: return "database error";
    case SEL_EXML: return "XML error";
    }
    return "unknown error";
}

int sel_ctx_new(sel_ctx **out)
{
    SEL_CHECK_ARG(out, SEL_EINVAL);
    *out = calloc(1, sizeof(**out));
    return *out ? SEL_OK : SEL_ENOMEM;
}

void sel_ctx_free(sel_ctx *ctx)
{
    free(ctx);
}

static int record(sel_ctx *ctx, int status, const char *prefix, const char *fmt, va_list ap)
{
    if (!ctx)
        return status;
    ctx->status = status;
    int used = snprintf(ctx->message, sizeof(ctx->message), "%s", prefix);
    if (used < 0 || (size_t)used >= sizeof(ctx->message))
        return status;
    vsnprintf(ctx->message + used, sizeof(ctx->message) - (size_t)used, fmt, ap);
    return status;
}

int sel_error(sel_ctx *ctx, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record(ctx, status, "", fmt, ap);
    va_end(ap);
    return status;
}

int sel_error_at(sel_ctx *ctx, int status, struct sel_location where, const char *fmt, ...)
{
    char prefix[512] = "";
    const char *file = where.file ? where.file : "<input>";
    if (where.line > 0 && where.column > 0)
        snprintf(prefix, sizeof(prefix), "%s:%ld:%ld: ", file, where.line, where.column);
    else if (where.line > 0)
        snprintf(prefix, sizeof(prefix), "%s:%ld: ", file, where.line);
    else
        snprintf(prefix, sizeof(prefix), "%s: ", file);
    va_list ap;
    va_start(ap, fmt);
    record(ctx, status, prefix, fmt, ap);
    va_end(ap);
    return status;
}

const char *sel_ctx_errmsg(const sel_ctx *ctx)
{
    return ctx ? ctx->message : "";
}

int sel_ctx_status(const sel_ctx *ctx)
{
    return ctx ? ctx->status : SEL_OK;
}

void sel_ctx_clear(sel_ctx *ctx)
{
    if (ctx) {
        ctx->status = SEL_OK;
        ctx->message[0] = '\0';
    }
}
