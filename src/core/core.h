// SPDX-License-Identifier: MIT
/**
 * @file core.h
 * The foundation every selaras module builds on: status codes, the error context, UTF-8
 * checking, reading input files and locating bundled data.
 *
 * Ownership: values returned through `**out` are owned by the caller and released with the
 * matching `sel_*_free()`, which accepts NULL. Pointers returned directly are borrowed from their
 * parent and stay valid until it is freed or, for the error message, until the next error.
 * Nothing in the library prints or exits: failures are a negative status plus a message on the
 * context, which the CLI turns into `selaras: FILE:LINE:COL: message` and exit status 2.
 */
#ifndef SEL_CORE_H
#define SEL_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/** Status codes: 0 is success, failures are negative. */
enum sel_status {
    SEL_OK = 0,
    SEL_ENOMEM = -1,    ///< out of memory
    SEL_EIO = -2,       ///< reading or writing a file failed
    SEL_EPARSE = -3,    ///< input is malformed (bad UTF-8, a syntax error in a data file)
    SEL_EINVAL = -4,    ///< a caller passed an invalid argument
    SEL_ENOTFOUND = -5, ///< a file, data set or entry does not exist
    SEL_EICU = -6,      ///< ICU reported an error
    SEL_EHUNSPELL = -7, ///< Hunspell could not be loaded or failed
    SEL_ESQLITE = -8,   ///< SQLite reported an error
    SEL_EXML = -9,      ///< XML parsing or writing failed
};

/** Returns a short constant name for a status, e.g. "invalid input". */
const char *sel_strerror(int status);

/** Per-thread working context: holds the last error. Cheap; create one per thread. */
typedef struct sel_ctx sel_ctx;

/** Creates a context. @return SEL_OK or SEL_ENOMEM. */
int sel_ctx_new(sel_ctx **out);
/** Releases a context; accepts NULL. */
void sel_ctx_free(sel_ctx *ctx);

/**
 * Records an error and returns @p status, so that `return sel_error(ctx, SEL_EIO, "...")` reads
 * naturally. The message is formatted with printf semantics.
 */
int sel_error(sel_ctx *ctx, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** Where in an input an error happened. `line` and `column` are 1-based; 0 means unknown. */
struct sel_location {
    const char *file;  ///< file name as the user gave it ("-" or "<stdin>" for standard input)
    long line;         ///< 1-based line number, 0 if unknown
    long column;       ///< 1-based byte column within the line, 0 if unknown
};

/** Like sel_error(), with a location: the message becomes "FILE:LINE:COL: message". */
int sel_error_at(sel_ctx *ctx, int status, struct sel_location where, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** The last error's full message, borrowed from @p ctx; "" if none. */
const char *sel_ctx_errmsg(const sel_ctx *ctx);
/** The last error's status (SEL_OK if none). */
int sel_ctx_status(const sel_ctx *ctx);
/** Forgets the last error. */
void sel_ctx_clear(sel_ctx *ctx);

/** Guard for public entry points: asserts in debug builds, returns @p err in release builds. */
#ifdef NDEBUG
#define SEL_CHECK_ARG(expr, err) do { if (!(expr)) return (err); } while (0)
#else
#include <assert.h>
#define SEL_CHECK_ARG(expr, err) do { assert(expr); if (!(expr)) return (err); } while (0)
#endif

/* ---- UTF-8 -------------------------------------------------------------------------------- */

/**
 * Checks that @p len bytes at @p text are well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF, no truncated sequence). NUL bytes are valid UTF-8 but are
 * reported too when @p allow_nul is false.
 * @return the byte offset of the first bad byte, or -1 if all is well.
 */
long sel_utf8_find_invalid(const char *text, size_t len, bool allow_nul);

/**
 * The number of characters (code points) in @p len bytes of valid UTF-8 at @p text: what a
 * length in characters means everywhere in selaras (column widths, the aligner's length ratios,
 * lengths in exported parallel data).
 */
size_t sel_utf8_count(const char *text, size_t len);

/**
 * The Damerau-Levenshtein distance between the bytes of @p a and @p b (insert, delete,
 * substitute, or swap two neighbours: one each), or @p limit + 1 (SIZE_MAX for a limit of
 * SIZE_MAX) when it is more than @p limit.
 * Strings of more than 120 bytes count as far apart. For typo suggestions: "algn" is 1 from
 * "align", "Kemham" 1 from "Kemhan".
 */
size_t sel_edit_distance(const char *a, const char *b, size_t limit);

/* ---- Input files -------------------------------------------------------------------------- */

/** An input file in memory, or a piece of one, checked and normalised for the text pipeline. */
struct sel_text {
    char *data;       ///< NUL-terminated UTF-8 text, BOM removed
    size_t len;       ///< length in bytes, without the terminating NUL
    const char *name; ///< borrowed display name ("<stdin>" for standard input)
    size_t bom;       ///< 3 if a UTF-8 byte order mark was removed (first piece only), else 0
    size_t offset;    ///< add it to offsets into data to get offsets into the file as stored:
                      ///< bom for a whole file, where the piece starts for a piece
    long line;        ///< the file's number for data's first line (0 means 1)
};

/**
 * Reads @p path ("-" for standard input) into @p out and checks it: a directory, a binary file
 * (NUL bytes), or invalid UTF-8 is an SEL_EPARSE or SEL_EIO error naming the file, line and
 * column. A UTF-8 BOM is removed (see sel_text.bom). CR LF and lone CR are kept as they are: the
 * text pipeline treats them as line ends, so byte offsets stay those of the file.
 */
int sel_text_read(struct sel_text *out, sel_ctx *ctx, const char *path);
/** sel_text_read_as() flag: UTF-16 with a byte order mark is read and decoded to UTF-8. */
#define SEL_TEXT_UTF16 1u
/**
 * sel_text_read() with @p flags: with SEL_TEXT_UTF16, a file starting with a UTF-16 byte order
 * mark (LE or BE, what Excel's "Unicode text" saves) is decoded, and text that is neither UTF-8
 * nor UTF-16 is refused with what it looks like (an 8-bit code page). Offsets in later messages
 * about a decoded file count the bytes of its UTF-8 form.
 */
int sel_text_read_as(struct sel_text *out, sel_ctx *ctx, const char *path, unsigned flags);
/** Releases what sel_text_read() allocated; accepts a zeroed struct. */
void sel_text_finish(struct sel_text *text);

/** Computes the 1-based line and byte column of @p offset in @p text (for error messages). */
struct sel_location sel_text_locate(const struct sel_text *text, size_t offset);

/**
 * An input file read in pieces of whole lines, so that memory stays flat however large the file
 * is: the same checks as sel_text_read(), made as the bytes arrive. A piece ends after a blank
 * line where there is one, else after a line break; a line longer than 16 pieces is cut at a space
 * (or between two characters) and the cut said on standard error.
 */
typedef struct sel_text_stream sel_text_stream;
/** The piece size commands use: large enough that an article is never cut, small enough to stay flat. */
#define SEL_TEXT_PIECE ((size_t)4 << 20)
int sel_text_stream_open(sel_text_stream **out, sel_ctx *ctx, const char *path, size_t piece);
/**
 * The next piece of the file in @p piece, borrowed until the next call.
 * @return 1 with a piece (the first call always gives one, empty for an empty file), 0 at the
 * end, or a negative status (the error, with file, line and column, on @p ctx)
 */
int sel_text_stream_next(sel_text_stream *s, sel_ctx *ctx, struct sel_text *piece);
void sel_text_stream_close(sel_text_stream *s);
/** Says nothing of the lines it cuts (a pass that reads the file again, and says so then). */
void sel_text_stream_quiet(sel_text_stream *s);

/* ---- Memory helpers -------------------------------------------------------------------------- */

struct sel_arena_block;

/** A bump allocator for many small strings that live and die together (a termbase, a cache). */
struct sel_arena {
    struct sel_arena_block *head; ///< newest block; zero-initialise the struct to start
};

/** Returns @p size bytes aligned for any type, or NULL when memory runs out. */
void *sel_arena_alloc(struct sel_arena *arena, size_t size);
/** Copies @p len bytes of @p s and a terminating NUL into the arena; NULL when memory runs out. */
char *sel_arena_strndup(struct sel_arena *arena, const char *s, size_t len);
/** Releases every block; the arena can be used again afterwards. */
void sel_arena_finish(struct sel_arena *arena);

/**
 * Makes room for at least @p need elements of @p elem_size bytes in the heap array whose address
 * is @p items_ptr (a `T **`, the array may be NULL) and whose capacity in elements is @p *cap.
 * The capacity doubles (from 16 for a new array), so appending one at a time is amortised O(1).
 * Contents up to the old capacity are kept; new slots are uninitialised. Use it through
 * SEL_ARRAY_RESERVE, which fills in the element size. Release the array with free().
 * @return SEL_OK, or SEL_ENOMEM (the array and @p *cap are then unchanged and still the caller's).
 */
int sel_array_reserve(void *items_ptr, size_t *cap, size_t need, size_t elem_size);

/**
 * Makes room for @p need elements in the array @p items (an lvalue of type `T *`) with capacity
 * @p cap (an lvalue of type size_t). The usual append is
 *
 *     if (SEL_ARRAY_RESERVE(v->items, v->cap, v->n + 1) != SEL_OK)
 *         return SEL_ENOMEM;
 *     v->items[v->n++] = item;
 *
 * The element size comes from the array's own type, so it cannot be given wrongly.
 */
#define SEL_ARRAY_RESERVE(items, cap, need) \
    sel_array_reserve(&(items), &(cap), (need), sizeof(*(items)))

/** A hash map from byte strings to pointers; keys are copied, values are the caller's. */
typedef struct sel_strmap sel_strmap;

int sel_strmap_new(sel_strmap **out);
void sel_strmap_free(sel_strmap *map);
/** The value stored under the @p len bytes at @p key, or NULL. */
void *sel_strmap_get(const sel_strmap *map, const char *key, size_t len);
/**
 * Stores @p value under @p key (replacing any earlier value).
 * @return SEL_OK or SEL_ENOMEM.
 */
int sel_strmap_put(sel_strmap *map, const char *key, size_t len, void *value);
/** Number of keys stored. */
size_t sel_strmap_count(const sel_strmap *map);

/* ---- Bundled data -------------------------------------------------------------------------- */

/**
 * Returns a newly allocated path (free() it) to the bundled data set @p what: "lexicon" (the
 * curated termbase sources), "lang" (per-language rules: abbreviations, boilerplate, clitics) or
 * "keys" (the termbase's analysed keys, generated at build time) or "general" (the general-language
 * reference of term discovery).
 * When the running binary is the one in the build tree, the data is read from the source tree,
 * so an edit is seen without reinstalling; otherwise from the installed data directory. The
 * environment variable SELARAS_DATADIR, if set, replaces the installed directory. Returns NULL
 * for an unknown name or when memory runs out.
 */
char *sel_data_path(const char *what);

/* ---- Output files ------------------------------------------------------------------------- */

/**
 * An output that appears whole or not at all: sel_output_open() writes to a temporary file
 * beside @p path (NULL or "-": standard output), sel_output_commit() renames it over @p path once
 * every byte is written and synced, sel_output_abort() removes it and leaves any previous file.
 */
struct sel_output {
    FILE *fp;          ///< write here
    const char *name;  ///< the destination as given, or "<stdout>", for messages
    char *temp;        ///< the temporary file while open
};

/** Opens @p o; refuses @p path when it is the file @p protect (the database being read), or NULL. */
int sel_output_open(struct sel_output *o, sel_ctx *ctx, const char *path, const char *protect);
/** Flushes, syncs and renames into place; on failure the message names the destination. */
int sel_output_commit(struct sel_output *o, sel_ctx *ctx);
/** Discards what was written; the destination is untouched. Safe after commit or a failed open. */
void sel_output_abort(struct sel_output *o);

/**
 * Writes @p len bytes of UTF-8 @p text for a person to read: control characters and
 * bidirectional overrides, which a terminal would act on, are written as \xHH or \uHHHH.
 */
void sel_write_visible(FILE *out, const char *text, size_t len);
/**
 * The byte offset in @p text of the first control character (other than TAB, LF, CR) or
 * bidirectional override, which sel_write_visible() would escape, with its code point in
 * @p cp; -1 when there is none.
 */
long sel_find_invisible_control(const char *text, size_t len, uint32_t *cp);

/* ---- Translation units --------------------------------------------------------------------- */

/** A translation unit: a source segment and its translation, one line each (UTF-8, not blank). */
struct sel_segment_pair {
    const char *src;
    const char *tgt;
};

#endif
