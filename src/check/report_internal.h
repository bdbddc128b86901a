// SPDX-License-Identifier: MIT
// Internal to the check module: the report writers (report_*.c).
#ifndef SEL_CHECK_REPORT_INTERNAL_H
#define SEL_CHECK_REPORT_INTERNAL_H

#include "src/check/check.h"

int check_write_text(const struct sel_check_report *r, sel_ctx *ctx, FILE *out);
int check_write_tsv(const struct sel_check_report *r, sel_ctx *ctx, FILE *out);
int check_write_json(const struct sel_check_report *r, sel_ctx *ctx, FILE *out);
int check_write_html(const struct sel_check_report *r, sel_ctx *ctx, FILE *out);

/** 1-based sentence numbers "3" or "3,4" (empty for none). */
void check_numbers(char *buf, size_t size, size_t first, size_t n);

#endif
