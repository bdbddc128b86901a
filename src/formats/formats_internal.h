// SPDX-License-Identifier: MIT
// Internal to the export module: the glossary container, a growable byte buffer, the writers.
#ifndef SEL_FORMATS_INTERNAL_H
#define SEL_FORMATS_INTERNAL_H

#include "src/formats/formats.h"

#include <stdint.h>

struct sel_glossary {
    struct sel_arena arena;       // every string of the entries
    struct sel_gloss_entry *entries;
    size_t n, cap;
    size_t *term_caps;            // capacity of entries[i].terms (malloc'ed arrays)
    sel_strmap *by_id;            // concept_id -> index + 1
    // set by sel_glossary_read(): what the read did, its warnings, where ids come from
    struct sel_import_report report;
    struct sel_buf *warnings;     // malloc'ed with its buffer; NULL until the first warning
    const char *path;             // the file read (borrowed)
    const char *own_prefix;       // its ids are stored under this prefix when another file owns them
    bool prefixed;                // --prefix given: every id was made PREFIX.ID at read time
};

/** Adds a warning "PATH:LINE:COL: message" to @p g's report (memory errors drop it silently). */
void gloss_warn(sel_glossary *g, long line, long column, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/** Counts an entry skipped for @p why, with a warning naming where. */
void gloss_skip(sel_glossary *g, enum sel_import_skip why, long line, long column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/**
 * The stored form of the language tag @p tag (normalised by sel_lang_normalise(), arena copy),
 * recorded as found (and as used when it is Indonesian or English); NULL (and recorded as
 * skipped) when it is not a language tag.
 */
const char *gloss_lang(sel_glossary *g, const char *tag);
/** Counts a data category the file holds that selaras has no place for (recorded by name). */
void gloss_not_stored(sel_glossary *g, const char *category);
/** The concept id of a file's entry: @p id (or, when NULL, PREFIX.@p number) as an NCName. */
const char *gloss_entry_id(sel_glossary *g, const char *id, long number);

/** Appends an entry (strings copied; NULL stays NULL); returns its index through @p index. */
int gloss_add_entry(sel_glossary *g, sel_ctx *ctx, const char *concept_id, const char *subject,
                    const char *definition, const char *note, size_t *index);
/** Appends a term to entry @p index (strings copied). */
int gloss_add_term(sel_glossary *g, sel_ctx *ctx, size_t index, const struct sel_gloss_term *t);
/** Index of @p concept_id, or (size_t)-1. */
size_t gloss_find(const sel_glossary *g, const char *concept_id);
/** Copies @p s into the glossary's arena (NULL stays NULL). */
const char *gloss_strdup(sel_glossary *g, const char *s);
/** Removes all terms of entry @p index. */
void gloss_clear_terms(sel_glossary *g, size_t index);

/** Makes @p s a valid XML NCName in place-independent form: returns an arena copy. */
const char *gloss_ncname(sel_glossary *g, const char *s);

/** The TBX administrativeStatus value of a status name, and back (NULL if unknown). */
const char *gloss_status_to_tbx(const char *status);
const char *gloss_status_from_tbx(const char *value);

/** Rank of a status for ordering: preferred 0, admitted 1, deprecated 2. */
int gloss_status_rank(const char *status);

/** A growable byte buffer, always NUL-terminated. */
struct sel_buf {
    char *data;
    size_t len, cap;
};
int buf_reserve(struct sel_buf *b, size_t extra);
int buf_add(struct sel_buf *b, const char *s, size_t len);
int buf_adds(struct sel_buf *b, const char *s);
int buf_addc(struct sel_buf *b, char c);
void buf_reset(struct sel_buf *b);
void buf_finish(struct sel_buf *b);
/** Cuts spaces and tabs off both ends of @p s, in place; returns where the text now starts. */
char *str_trim(char *s);

/** Writes @p s as one RFC 4180 field (quoted when needed). */
void csv_put_field(FILE *out, const char *s);
/** Writes @p s with tabs, line ends and other control characters made spaces. */
void tsv_put_field(FILE *out, const char *s);

/* Glossary writers (glossary.c dispatches). */
int gloss_write_tbx(const sel_glossary *g, sel_ctx *ctx, const struct sel_gloss_options *opt, FILE *out, bool v3);
int gloss_write_csv(const sel_glossary *g, sel_ctx *ctx, const struct sel_gloss_options *opt, FILE *out);
int gloss_write_tsv(const sel_glossary *g, sel_ctx *ctx, const struct sel_gloss_options *opt, FILE *out);
int gloss_write_json(const sel_glossary *g, sel_ctx *ctx, const struct sel_gloss_options *opt, FILE *out);

/* Glossary readers (import.c dispatches). */
int gloss_read_tbx(sel_glossary *g, sel_ctx *ctx, const char *path);
int gloss_read_delimited(sel_glossary *g, sel_ctx *ctx, const char *path, bool csv);
int gloss_read_dictd(sel_glossary *g, sel_ctx *ctx, const char *path, bool reverse);

/* ---- Parallel pairs ---- */

/** A term occurrence in a pair: byte spans into the joined source and target text. */
struct par_term {
    const char *concept;
    const char *surface;
    const char *target;     ///< the confirmed English equivalent, or NULL
    long src_start, src_end;
    long tgt_start, tgt_end; ///< -1 when no target was confirmed or found
};

struct par_pair {
    long document, translation, bead;
    long src_first, src_count, tgt_first, tgt_count;
    double score;
    const char *src, *tgt;     ///< sentences of each side joined by a space
    const char *src_factored;  ///< with --term-factors, else NULL
    struct par_term *terms;
    size_t n_terms;
};

struct par_writer;
struct par_writer_ops { // begin and end may be NULL: nothing to write around the pairs
    int (*begin)(struct par_writer *w, sel_ctx *ctx);
    int (*pair)(struct par_writer *w, sel_ctx *ctx, const struct par_pair *p);
    int (*end)(struct par_writer *w, sel_ctx *ctx);
};
struct par_writer {
    const struct par_writer_ops *ops;
    const struct sel_par_options *opt;
    const char *src_lang, *tgt_lang;
    FILE *out, *out2;        // out2: the target file of moses (the files' streams)
    struct sel_output files[2];
    const char *protect;     // the database being read: never an output
    const char *name, *name2;
    void *state;             // the format's own (the TMX xmlTextWriter)
    char *names[2];          // moses: the two file names made from the prefix
    bool begun;              // begin() was called, so end() must be
};

extern const struct par_writer_ops par_tmx_ops, par_moses_ops, par_tsv_ops, par_jsonl_ops;

/**
 * Starts @p w (its opt, src_lang and tgt_lang set): picks the format's writer, opens @p output
 * (NULL or "-": standard output; moses: the prefix of PREFIX.SRC and PREFIX.TGT) and begins the
 * document. Call par_writer_finish() afterwards whatever this returns.
 */
int par_writer_start(struct par_writer *w, sel_ctx *ctx, const char *output);
/** Ends the document, flushes and closes the output; returns @p rc or the first write error. */
int par_writer_finish(struct par_writer *w, sel_ctx *ctx, int rc);

/** Reports a failed write on @p name. */
int export_write_error(sel_ctx *ctx, const char *name);

#endif
