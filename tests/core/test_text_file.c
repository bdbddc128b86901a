// SPDX-License-Identifier: MIT
#include "src/core/core.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];

static void write_temp(const void *bytes, size_t len)
{
    strcpy(path, "/tmp/sel_text_XXXXXX");
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, bytes, len), (ssize_t)len);
    close(fd);
}

static void cleanup(void)
{
    if (path[0])
        unlink(path);
}

static sel_ctx *ctx;
static void setup(void) { cr_assert_eq(sel_ctx_new(&ctx), SEL_OK); }
static void teardown(void) { sel_ctx_free(ctx); cleanup(); }

TestSuite(core_text_file, .init = setup, .fini = teardown);

Test(core_text_file, removes_bom_and_remembers_it)
{
    write_temp("\xEF\xBB\xBFKorut\n", 9);
    struct sel_text t;
    cr_assert_eq(sel_text_read(&t, ctx, path), SEL_OK);
    cr_assert_str_eq(t.data, "Korut\n");
    cr_assert_eq(t.bom, 3);
    sel_text_finish(&t);
}

Test(core_text_file, keeps_crlf_bytes)
{
    write_temp("a\r\nb\r\n", 6);
    struct sel_text t;
    cr_assert_eq(sel_text_read(&t, ctx, path), SEL_OK);
    cr_assert_eq(t.len, 6);
    sel_text_finish(&t);
}

Test(core_text_file, empty_file_is_empty_text)
{
    write_temp("", 0);
    struct sel_text t;
    cr_assert_eq(sel_text_read(&t, ctx, path), SEL_OK);
    cr_assert_eq(t.len, 0);
    cr_assert_str_eq(t.data, "");
    sel_text_finish(&t);
}

Test(core_text_file, invalid_utf8_names_line_column_and_offset)
{
    write_temp("baris satu\r\nbaris dua caf\xE9\n", 27);
    struct sel_text t;
    cr_assert_eq(sel_text_read(&t, ctx, path), SEL_EPARSE);
    char want[256];
    snprintf(want, sizeof(want), "%s:2:14: invalid UTF-8 (byte 0xE9) at byte offset 25", path);
    cr_assert_str_eq(sel_ctx_errmsg(ctx), want);
    cr_assert_null(t.data);
}

Test(core_text_file, column_counts_the_bom_on_line_one)
{
    write_temp("\xEF\xBB\xBF" "ab\xFF", 6);
    struct sel_text t;
    cr_assert_eq(sel_text_read(&t, ctx, path), SEL_EPARSE);
    char want[256];
    snprintf(want, sizeof(want), "%s:1:6: invalid UTF-8 (byte 0xFF) at byte offset 5", path);
    cr_assert_str_eq(sel_ctx_errmsg(ctx), want);
}

Test(core_text_file, nul_byte_means_binary)
{
    write_temp("PK\x03\x04\0\0", 6);
    struct sel_text t;
    cr_assert_eq(sel_text_read(&t, ctx, path), SEL_EPARSE);
    cr_assert(strstr(sel_ctx_errmsg(ctx), "binary file") != NULL, "%s", sel_ctx_errmsg(ctx));
}

Test(core_text_file, directory_and_missing_file_are_errors)
{
    struct sel_text t;
    cr_assert_eq(sel_text_read(&t, ctx, "/"), SEL_EIO);
    cr_assert_str_eq(sel_ctx_errmsg(ctx), "/: is a directory, not a text file");
    cr_assert_eq(sel_text_read(&t, ctx, "/nonexistent/selaras.txt"), SEL_ENOTFOUND);
    cr_assert(strstr(sel_ctx_errmsg(ctx), "/nonexistent/selaras.txt: cannot open") == sel_ctx_errmsg(ctx));
}

Test(core_text_file, lone_cr_counts_as_a_line_end_in_locations)
{
    struct sel_text t = { .data = "a\rb\r\nc", .len = 6, .name = "x" };
    struct sel_location at = sel_text_locate(&t, 5);
    cr_assert_eq(at.line, 3);
    cr_assert_eq(at.column, 1);
}
