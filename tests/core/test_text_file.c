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

/* ---- reading in pieces ---------------------------------------------------------------------- */

// Reads the temp file in pieces of @p size: their bytes joined, how many there were, and each
// piece's offset and line checked against where its bytes stand in the file.
static size_t read_pieces(size_t size, const char *file, size_t file_len, char *joined)
{
    sel_text_stream *s = NULL;
    cr_assert_eq(sel_text_stream_open(&s, ctx, path, size), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    struct sel_text p;
    size_t n = 0, used = 0;
    int rc;
    while ((rc = sel_text_stream_next(s, ctx, &p)) == 1) {
        n++;
        cr_assert_leq(p.offset + p.len, file_len);
        cr_assert_eq(memcmp(file + p.offset, p.data, p.len), 0, "piece %zu is not the file's bytes at %zu", n,
                     p.offset);
        long line = 1;
        for (size_t i = 0; i < p.offset; i++)
            line += file[i] == '\n';
        cr_assert_eq(p.line, line, "piece %zu: line %ld, expected %ld", n, p.line, line);
        memcpy(joined + used, p.data, p.len);
        used += p.len;
    }
    cr_assert_eq(rc, 0, "%s", sel_ctx_errmsg(ctx));
    joined[used] = '\0';
    sel_text_stream_close(s);
    return n;
}

Test(core_text_file, pieces_end_after_blank_lines_and_rejoin_to_the_file)
{
    // paragraphs of 30 bytes and a blank line each: pieces of 100 bytes end after a blank line
    char file[4096] = "\xEF\xBB\xBF";
    size_t len = 3;
    for (int i = 0; i < 60; i++)
        len += (size_t)snprintf(file + len, sizeof(file) - len, "Kalimat nomor %02d di sini ya.\n\n", i);
    write_temp(file, len);
    char joined[4096];
    size_t n = read_pieces(100, file, len, joined);
    cr_assert_str_eq(joined, file + 3, "the pieces, joined, are the file without its BOM");
    cr_assert_geq(n, 15, "%zu pieces", n);
    // each piece but the last ends with a blank line
    sel_text_stream *s = NULL;
    cr_assert_eq(sel_text_stream_open(&s, ctx, path, 100), SEL_OK);
    struct sel_text p;
    cr_assert_eq(sel_text_stream_next(s, ctx, &p), 1);
    cr_assert_eq(p.bom, 3);
    cr_assert_eq(p.offset, 3);
    cr_assert_str_eq(p.data + p.len - 2, "\n\n");
    cr_assert_eq(sel_text_stream_next(s, ctx, &p), 1);
    cr_assert_eq(p.bom, 0, "only the first piece has the BOM");
    cr_assert_str_eq(p.data + p.len - 2, "\n\n");
    sel_text_stream_close(s);
}

Test(core_text_file, a_piece_ends_at_a_line_break_when_there_is_no_blank_line)
{
    char file[4096];
    size_t len = 0;
    for (int i = 0; i < 80; i++)
        len += (size_t)snprintf(file + len, sizeof(file) - len, "Baris %02d\r\n", i);
    write_temp(file, len);
    char joined[4096];
    cr_assert_geq(read_pieces(64, file, len, joined), 10);
    cr_assert_str_eq(joined, file);
}

Test(core_text_file, an_enormous_line_is_cut_at_a_space_and_nothing_is_lost)
{
    static char file[20000];
    size_t len = 0;
    while (len < sizeof(file) - 20)
        len += (size_t)snprintf(file + len, sizeof(file) - len, "kata ");
    file[len++] = '\n';
    write_temp(file, len);
    static char joined[20000];
    size_t n = read_pieces(256, file, len, joined); // a cut after 16 pieces' worth
    cr_assert_geq(n, 3);
    cr_assert_str_eq(joined, file);
}

Test(core_text_file, an_empty_file_is_one_empty_piece)
{
    write_temp("", 0);
    char joined[8];
    cr_assert_eq(read_pieces(64, "", 0, joined), 1);
}

Test(core_text_file, a_bad_byte_in_a_later_piece_names_its_line_and_file_offset)
{
    char file[4096];
    size_t len = 0;
    for (int i = 0; i < 40; i++)
        len += (size_t)snprintf(file + len, sizeof(file) - len, "Baris %02d.\n", i);
    size_t bad_at = len + 3;
    len += (size_t)snprintf(file + len, sizeof(file) - len, "abc\xff\n");
    write_temp(file, len);
    sel_text_stream *s = NULL;
    cr_assert_eq(sel_text_stream_open(&s, ctx, path, 64), SEL_OK);
    struct sel_text p;
    int rc;
    while ((rc = sel_text_stream_next(s, ctx, &p)) == 1)
        ;
    cr_assert_eq(rc, SEL_EPARSE);
    char want[128];
    snprintf(want, sizeof(want), ":41:4: invalid UTF-8 (byte 0xFF) at byte offset %zu", bad_at);
    cr_assert(strstr(sel_ctx_errmsg(ctx), want), "%s", sel_ctx_errmsg(ctx));
    sel_text_stream_close(s);
}

Test(core_text_file, utf16_and_nul_are_refused_in_pieces_too)
{
    write_temp("\xFF\xFEK\0o\0r\0u\0t\0", 12);
    sel_text_stream *s = NULL;
    struct sel_text p;
    cr_assert_eq(sel_text_stream_open(&s, ctx, path, 64), SEL_OK);
    cr_assert_eq(sel_text_stream_next(s, ctx, &p), SEL_EPARSE);
    cr_assert(strstr(sel_ctx_errmsg(ctx), "UTF-16 (little-endian)"), "%s", sel_ctx_errmsg(ctx));
    sel_text_stream_close(s);
}
