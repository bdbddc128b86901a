// SPDX-License-Identifier: MIT
/**
 * @file formats.h
 * What users take away and bring in: glossaries (TBX v2 and v3, CSV, TSV, JSON) built from the
 * bundled termbase, the user's entries and the corpus; parallel data (TMX, Moses, TSV, JSONL)
 * streamed from the database's alignment beads; and the import of user glossaries (TSV, CSV,
 * TBX, FreeDict dictd) into the database. Formats are described in docs/formats.md.
 *
 * Ownership as in core.h: values returned through `**out` belong to the caller and are
 * released with the matching `_free()`, which accepts NULL; entries returned by
 * sel_glossary_entry() are borrowed from their glossary. XML is written with libxml2's
 * xmlTextWriter and read with a parser that loads no DTD, no external entity and nothing from
 * the network, and refuses entity declarations altogether.
 */
#ifndef SEL_FORMATS_H
#define SEL_FORMATS_H

#include "align/align.h"
#include "lexicon/lexicon.h"
#include "src/core/core.h"
#include "src/store/store.h"

#include <stdio.h>

/* ---- Glossaries ----------------------------------------------------------------------------- */

/** A glossary term: the picklist values are TBX-Basic names ("noun", "fullForm"); NULL if unknown. */
struct sel_gloss_term {
    const char *lang;    ///< BCP-47 code ("id", "en")
    const char *text;
    const char *pos;     ///< partOfSpeech ("noun", "properNoun", ...) or NULL
    const char *type;    ///< termType ("fullForm", "acronym", ...) or NULL
    const char *status;  ///< "preferred", "admitted" or "deprecated"
    const char *context; ///< the term in a sentence: the user's own (imported), else one of the corpus; or NULL
    const char *cited_source; ///< where the term comes from (TBX source), or NULL
    long confirmed;      ///< with sel_gloss_options.details: how often aligned translations confirmed it
};

/** A form in which a concept's source term was seen in the corpus, and how often. */
struct sel_gloss_form {
    const char *text;
    long count;
};

/** One concept of a glossary. */
struct sel_gloss_entry {
    const char *concept_id;      ///< an XML NCName ("af.troops")
    const char *subject;         ///< subject field, or NULL
    const char *definition;      ///< or NULL
    const char *note;            ///< or NULL
    const char *cited_source;    ///< where the concept comes from (TBX source), or NULL
    struct sel_gloss_term *terms;
    size_t n_terms;
    long count;                  ///< occurrences in the corpus; -1 when not counted
    bool confirmed;              ///< an equivalent was confirmed in an aligned translation
    bool user;                   ///< comes from the user's database (imported)
    const char *example;         ///< the sentence of the first occurrence in the corpus, or NULL
    const char *example_path;    ///< its document
    long example_sentence;       ///< its number in the document
    const struct sel_gloss_form *forms; ///< with sel_gloss_options.details: most frequent first
    size_t n_forms;
};

enum sel_gloss_format { SEL_GLOSS_TBX, SEL_GLOSS_TBX3, SEL_GLOSS_CSV, SEL_GLOSS_TSV, SEL_GLOSS_JSON };
/** Which concepts a glossary holds. */
enum sel_gloss_source {
    SEL_SOURCE_ALL,     ///< termbase and user entries, with corpus counts where there is a corpus
    SEL_SOURCE_LEXICON, ///< termbase and user entries, no counts
    SEL_SOURCE_CORPUS,  ///< only concepts found in ingested documents, with counts
};

struct sel_gloss_options {
    enum sel_gloss_source source;
    const char *subject;   ///< only this subject field; NULL for all
    long min_count;        ///< only concepts seen at least this often in the corpus (0: no limit)
    bool confirmed_only;   ///< only concepts with an equivalent confirmed in an aligned translation
    const char *src_lang;  ///< source side, "id" when NULL
    const char *tgt_lang;  ///< target side, "en" when NULL
    bool details;          ///< also the forms seen and how often each target term was confirmed
};

/** An ordered list of concepts, owned with all its strings. */
typedef struct sel_glossary sel_glossary;

/** Creates an empty glossary. */
int sel_glossary_new(sel_glossary **out);
void sel_glossary_free(sel_glossary *g);
size_t sel_glossary_count(const sel_glossary *g);
/** The @p i-th entry, borrowed. */
const struct sel_gloss_entry *sel_glossary_entry(const sel_glossary *g, size_t i);

/**
 * Builds the glossary of @p opt: the concepts of @p tb (may be NULL) in their order, replaced
 * or followed by the user's concepts from @p st (may be NULL: no database), with counts,
 * confirmations and a context sentence from the corpus of @p st; then filtered.
 */
int sel_glossary_build(sel_glossary **out, sel_ctx *ctx, const sel_termbase *tb, sel_store *st,
                       const struct sel_gloss_options *opt);

/** Writes @p g to @p out in format @p fmt (@p opt gives the language pair; may be NULL). */
int sel_glossary_write(const sel_glossary *g, sel_ctx *ctx, enum sel_gloss_format fmt,
                       const struct sel_gloss_options *opt, FILE *out);

/* ---- Language tags ------------------------------------------------------------------------- */

/** Room for a primary language subtag (2 to 8 letters) and its NUL. */
#define SEL_LANG_PRIMARY_MAX 9

/**
 * Brings the language tag @p tag to BCP 47 form in @p out: `_` becomes `-`, the language subtag
 * is lower case, a script Titlecase, a region upper case ("ID_id" -> "id-ID", "zh_hant_tw" ->
 * "zh-Hant-TW"), and the withdrawn ISO 639 codes "in", "iw", "ji" become "id", "he", "yi".
 * @p primary (may be NULL) gets the language subtag alone ("id-ID", "ID", "id_ID", "in" -> "id"),
 * the part languages are matched by (sel_lang_matches()); terms are stored under @p out. Every
 * reader calls this, so a tag means the same in every format.
 * @return SEL_OK, or SEL_EPARSE when @p tag is not a language tag (@p out and @p primary empty)
 */
int sel_lang_normalise(const char *tag, char *out, size_t size, char primary[SEL_LANG_PRIMARY_MAX]);

/**
 * Whether the language tags @p tag and @p lang name one language: their primary subtags, as
 * sel_lang_normalise() gives them, are equal ("id-ID", "ID", "in" match "id"; "en-GB" matches
 * "en-US"). Terms are stored under their full tag; wherever a language is matched (lookup, the
 * glossary's language pair) this is the test. False when either is not a language tag.
 */
bool sel_lang_matches(const char *tag, const char *lang);

/* ---- Importing glossaries ------------------------------------------------------------------- */

enum sel_import_format { SEL_IMPORT_TSV, SEL_IMPORT_CSV, SEL_IMPORT_TBX, SEL_IMPORT_DICTD };

struct sel_import_options {
    enum sel_import_format format;
    const char *prefix; ///< namespace of the file's concept ids ("P.c1"); NULL: see sel_glossary_store()
    bool reverse;  ///< dictd: one concept per translation (eng→ind becomes ind→eng)
    bool curated;  ///< rank the entries as the curated termbase instead of general vocabulary
};

/** Why an entry of a file was not imported. */
enum sel_import_skip {
    SEL_SKIP_NO_TERM,     ///< no non-empty term in any language
    SEL_SKIP_NO_LANGUAGE, ///< its terms have no language, or one that is not a language tag
    SEL_SKIP_DUPLICATE,   ///< its concept id was already used earlier in the same file
    SEL_SKIP_MALFORMED,   ///< a record that cannot be read (a CSV row with the wrong field count)
    SEL_SKIP_COUNT
};

/** What reading and storing one file did; languages are space-separated lists. */
struct sel_import_report {
    size_t read;                     ///< entries (concepts, rows, articles) read
    size_t imported;                 ///< entries stored (set by sel_glossary_store())
    size_t renamed;                  ///< of those, stored under FILE.ID: another file owns ID
    size_t skipped[SEL_SKIP_COUNT];  ///< entries left out, by reason
    size_t empty_terms;              ///< empty terms left out of entries that were kept
    size_t dropped_values;           ///< picklist values not understood, left out
    char langs_found[256];           ///< languages of the terms as stored: normalised full tags ("en-US es id-ID")
    char langs_used[256];            ///< of those, the ones lookup and matching use (Indonesian, English)
    char langs_skipped[256];         ///< tags that are not languages, as written
    size_t not_stored;               ///< values of data categories selaras has no place for
    char not_stored_names[256];      ///< their categories ("context source")
};

/** The report of a glossary read by sel_glossary_read() (counters zero for others). */
const struct sel_import_report *sel_glossary_report(const sel_glossary *g);
/**
 * The warnings of the read, one per line, each "FILE:LINE:COL: message" (COL 0 when the XML
 * parser does not say); "" when there were none. Borrowed from @p g.
 */
const char *sel_glossary_warnings(const sel_glossary *g);
/** Human names of the skip reasons ("no term", ...). */
const char *sel_import_skip_name(enum sel_import_skip why);

/**
 * Reads the glossary file @p path (for dictd the `.index`, the `.dict.dz` or their common
 * prefix) into a new glossary. Entries without an identifier get one made of the file's name
 * and the line or entry number. Errors name the file, line and byte column.
 */
int sel_glossary_read(sel_glossary **out, sel_ctx *ctx, const char *path, const struct sel_import_options *opt);

/**
 * Stores every entry of @p g in the user tables of @p st, replacing user concepts of the same
 * identifier; @p source_name is recorded as where they came from. Call inside a transaction
 * (sel_store_begin()); nothing is committed here.
 */
int sel_glossary_store(sel_glossary *g, sel_ctx *ctx, sel_store *st, const char *source_name, bool curated);

/* ---- Reading translation memories ----------------------------------------------------------- */

/** One translation unit of a TMX file, borrowed for the length of the callback. */
struct sel_tmx_unit {
    const char *src;   ///< the source-language segment: one line; whitespace folded and trimmed except under xml:space="preserve"
    const char *tgt;   ///< the target-language segment, read the same way
    const char *tuid;  ///< the tu's tuid attribute, or NULL (absent or empty)
    long line;         ///< line of the <tu> in the file
};
/** Receives each usable unit in file order; returning false stops the read (not an error). */
typedef bool (*sel_tmx_fn)(void *user, const struct sel_tmx_unit *unit);
/** What a read saw. */
struct sel_tmx_stats { size_t units, used, missing_side, empty; };
/**
 * Reads the TMX file @p path ("-": standard input) with the same safe parser as TBX import
 * (xml_read_safe(): no DTD loaded, nothing fetched, entity declarations refused) and calls
 * @p emit for every <tu> that has a non-empty segment in @p src_lang and in @p tgt_lang.
 *
 * The language of a <tuv> is its xml:lang (TMX 1.4) or lang (TMX 1.1, 1.2) attribute. Tags
 * match on their primary subtag without regard to case ("id", "ID", "id-ID", "id_ID" are all
 * "id"); the withdrawn ISO 639 code "in" is read as "id" (and "iw" as "he", "ji" as "yi"). The
 * first <tuv> of a language counts, later ones are ignored. A segment is the text of its <seg>
 * and of <hi> inside it; native code (<bpt>, <ept>, <it>, <ph>, <ut>) and the sub-flows within
 * it (<sub>) are left out. Whitespace runs (space, tab, CR, LF) become one space and the ends are
 * trimmed, except where xml:space="preserve" holds (the element that says it and what it holds,
 * until an inner element says "default"): there spaces and tabs stay as written and a line end
 * becomes one space, a unit being one line. A segment of only whitespace is empty. The file may be in any encoding libxml2 knows from its declaration or BOM; standard
 * input must be UTF-8. docs/formats.md has the details.
 *
 * The whole file is parsed and checked before the first call of @p emit, so a file that fails
 * emits nothing. Errors: the parser's (not well-formed, an entity refused) and a root other than
 * <tmx> or a <tmx> without <body>, SEL_EXML or SEL_EPARSE, naming file, line and column where
 * known. Lines past 65,535 read 65535 (libxml2 keeps node lines in 16 bits).
 *
 * @param emit  called with units borrowed for the call; @p user is passed through
 * @param stats may be NULL; otherwise set on return: units (every <tu>), used (passed to
 *              @p emit), missing_side and empty (units skipped because a language had no <tuv>,
 *              or its segment was empty); zero when the read fails
 * @return SEL_OK (also when @p emit stopped the read) or a negative status
 */
int sel_tmx_read(sel_ctx *ctx, const char *path, const char *src_lang, const char *tgt_lang,
                 sel_tmx_fn emit, void *user, struct sel_tmx_stats *stats);

/** The usable units of a TMX file, read whole (sel_tmx_load()), as pairs sel_ingest_pairs() stores. */
struct sel_tmx_memory {
    struct sel_segment_pair *pairs; ///< in file order; the texts live in @c strings
    size_t n;
    char *strings;
};

/**
 * Sets up the XML parser's global state. Call it once on the main thread before TMX, XLIFF or
 * TBX files are read on several threads at once (libxml2 initialises it on first use, without a
 * lock). Harmless to call more than once.
 */
void sel_xml_init_threads(void);

/**
 * Reads the TMX file @p path as sel_tmx_read() does and keeps its usable units in @p out (free
 * it with sel_tmx_memory_finish()); @p stats as there. On failure @p out is empty.
 */
int sel_tmx_load(sel_ctx *ctx, const char *path, const char *src_lang, const char *tgt_lang,
                 struct sel_tmx_memory *out, struct sel_tmx_stats *stats);
void sel_tmx_memory_finish(struct sel_tmx_memory *m);

/* ---- Parallel data -------------------------------------------------------------------------- */

enum sel_par_format { SEL_PAR_TMX, SEL_PAR_MOSES, SEL_PAR_TSV, SEL_PAR_JSONL };

struct sel_par_options {
    enum sel_par_format format;
    bool drop_boilerplate; ///< drop beads with a sentence flagged as boilerplate
    bool drop_empty;       ///< drop 0-sided beads (a sentence left unaligned)
    double min_score;      ///< drop beads scored below this (0: keep all)
    double max_ratio;      ///< drop pairs whose length ratio in characters exceeds this (0: keep all)
    bool dedup;            ///< drop exact duplicate (source, target) pairs after the first
    bool term_factors;     ///< source with inline term factors (docs/formats.md); not for tmx
    const char *src_lang;  ///< "id" when NULL
    const char *tgt_lang;  ///< "en" when NULL
};

/** How many pairs were read, removed by each filter (the first that applies) and written. */
struct sel_par_stats {
    size_t read, boilerplate, empty, low_score, ratio, duplicate, written;
};

/**
 * Streams the aligned pairs of @p st in @p opt's format to @p output (NULL or "-": standard
 * output; for moses a prefix, required, of the files PREFIX.SRC_LANG and PREFIX.TGT_LANG).
 * Memory does not grow with the number of pairs: the beads are read with one cursor and the
 * duplicate filter keeps its hashes in an SQLite temporary table.
 */
int sel_parallel_export(sel_store *st, sel_ctx *ctx, const struct sel_par_options *opt, const char *output,
                        struct sel_par_stats *stats);

/* ---- Writing pairs one by one ------------------------------------------------------------ */

/**
 * Writes pairs in one of the parallel formats as they come (what `selaras align --format tmx`
 * uses; `sel_parallel_export()` does the same from the database).
 */
typedef struct sel_pair_writer sel_pair_writer;

/** Opens @p output as sel_parallel_export() does (NULL or "-": standard output; moses: a prefix). */
int sel_pair_writer_open(sel_pair_writer **out, sel_ctx *ctx, enum sel_par_format format, const char *output,
                         const char *src_lang, const char *tgt_lang);
/** Writes @p bead of the alignment of @p src with @p tgt, each side's sentences joined by a space. */
int sel_pair_writer_add(sel_pair_writer *w, sel_ctx *ctx, const struct sel_align_doc *src,
                        const struct sel_align_doc *tgt, const struct sel_bead *bead);
/** Ends the document, closes the output and frees @p w (NULL is fine); returns the first error. */
int sel_pair_writer_close(sel_pair_writer *w, sel_ctx *ctx);

/* ---- Reading XLIFF ---------------------------------------------------------------------------- */

/**
 * Reads the XLIFF 1.2 or 2.0 file @p path ("-": standard input) with the safe parser of the TMX
 * reader and keeps, in file order, one pair per 1.2 <trans-unit> or 2.0 <segment> that has both a
 * <source> and a <target> with text (whitespace folded as in TMX; placeholders and native code left
 * out). The file must translate Indonesian into English where it says (1.2 source-language and
 * target-language, 2.0 srcLang and trgLang). @p stats as sel_tmx_load()'s: units, used,
 * missing_side (no target yet), empty. On failure @p out is empty.
 */
int sel_xliff_load(sel_ctx *ctx, const char *path, struct sel_tmx_memory *out, struct sel_tmx_stats *stats);

#endif
