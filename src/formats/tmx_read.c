// SPDX-License-Identifier: MIT
// Reading TMX translation memories (1.1 to 1.4b): the segments of each <tu> in two languages, as
// plain text. The document is parsed by xml_read_safe(), as TBX import is: no DTD, no external
// entity, no entity declaration. TMX has no namespace; elements are matched by name.
#include "src/formats/xml_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool named(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* ---- Languages ------------------------------------------------------------------------------ */

// The primary subtag of a language tag, by the one normaliser every reader uses
// (sel_lang_normalise(): "id-ID", "id_ID", "ID", "in" -> "id"); empty when it is not a tag.
static void primary_subtag(const char *tag, char out[SEL_LANG_PRIMARY_MAX])
{
    char full[64];
    sel_lang_normalise(tag, full, sizeof(full), out);
}

// The language of a <tuv>: xml:lang since TMX 1.3, a plain lang attribute before. xmlGetProp()
// would take xml:lang for lang too, so the two are asked for by namespace.
static void tuv_lang(xmlNodePtr tuv, char out[9])
{
    xmlChar *lang = xmlGetNsProp(tuv, BAD_CAST "lang", XML_XML_NAMESPACE);
    if (!lang)
        lang = xmlGetNoNsProp(tuv, BAD_CAST "lang");
    primary_subtag((const char *)lang, out);
    xmlFree(lang);
}

/* ---- Segment text --------------------------------------------------------------------------- */

// Text appended to a buffer as XML says for its element: by default whitespace runs are folded to
// one space and the ends trimmed (a space is only written once something follows it); under
// xml:space="preserve" every space and tab is kept as written.
struct folded {
    struct sel_buf *b;
    size_t start;
    bool space;
};

static int fold_add(struct folded *f, const char *s)
{
    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            f->space = true;
            continue;
        }
        if (f->space && f->b->len > f->start && buf_addc(f->b, ' ') != SEL_OK)
            return SEL_ENOMEM;
        f->space = false;
        size_t n = strcspn(s, " \t\n\r");
        if (buf_add(f->b, s, n) != SEL_OK)
            return SEL_ENOMEM;
        s += n - 1;
    }
    return SEL_OK;
}

// Preserved text. A unit is one line of the document ingest makes of a memory, so a line end
// (CR LF, CR or LF) is the one thing that changes: it becomes a space. A folded space pending
// before the preserved text is written first: it separates words of the element around it.
static int keep_add(struct folded *f, const char *s)
{
    if (f->space && f->b->len > f->start && buf_addc(f->b, ' ') != SEL_OK)
        return SEL_ENOMEM;
    f->space = false;
    for (; *s; s++) {
        if (*s == '\r' && s[1] == '\n')
            continue; // CR LF is one line end
        if (buf_addc(f->b, *s == '\r' || *s == '\n' ? ' ' : *s) != SEL_OK)
            return SEL_ENOMEM;
    }
    return SEL_OK;
}

// Whether @p s (to its NUL) holds anything but whitespace: a segment of spaces is empty however
// it was written.
static bool has_text(const char *s)
{
    return s[strspn(s, " \t\n\r")] != '\0';
}

// What the children of a <seg> say to a reader. <bpt>, <ept>, <it>, <ph> and <ut> hold native
// code of the original document (an HTML tag, an RTF group), not words, and are left out with
// what they contain. <sub> only occurs inside such code: it is a sub-flow, text with a place of
// its own such as a footnote or an alt text, which would break into the middle of this sentence,
// so it goes too. <hi> is highlighted text and stays. An element TMX does not define keeps its
// text: dropping words of an invalid file silently would be worse than keeping a stray tag's.
// Nesting is bounded by libxml2's depth limit (256 without XML_PARSE_HUGE).
static int seg_text(struct folded *f, xmlNodePtr n)
{
    static const char *const code[] = { "bpt", "ept", "it", "ph", "ut", "sub" };
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            // xml:space holds for the element that says it and what it contains, unless an inner
            // element says otherwise: xmlNodeGetSpacePreserve() asks the nearest that says
            bool keep = n->parent && xmlNodeGetSpacePreserve(n->parent) == 1;
            if (n->content && (keep ? keep_add(f, (const char *)n->content) : fold_add(f, (const char *)n->content)) != SEL_OK)
                return SEL_ENOMEM;
        } else if (n->type == XML_ELEMENT_NODE) {
            bool skip = false;
            for (size_t i = 0; i < sizeof(code) / sizeof(code[0]) && !skip; i++)
                skip = strcmp((const char *)n->name, code[i]) == 0;
            if (!skip && seg_text(f, n->children) != SEL_OK)
                return SEL_ENOMEM;
        }
    }
    return SEL_OK;
}

/* ---- Units ---------------------------------------------------------------------------------- */

// A usable unit, its strings as offsets into one buffer (which moves as it grows).
struct unit_rec {
    size_t src, tgt, tuid; // tuid: NO_TUID when there is none
    long line;
};
#define NO_TUID SIZE_MAX

struct tmx_read {
    char src_lang[9], tgt_lang[9];
    struct sel_buf strings;
    struct unit_rec *units;
    size_t n, cap;
    struct sel_tmx_stats stats;
};

// Appends the text of the <seg> of @p tuv to the strings, NUL-terminated; sets @p empty when it
// holds nothing but whitespace (a <tuv> without <seg> counts as empty).
static int add_segment(struct tmx_read *r, xmlNodePtr tuv, bool *empty)
{
    size_t start = r->strings.len;
    xmlNodePtr seg = tuv->children;
    while (seg && !named(seg, "seg"))
        seg = seg->next;
    struct folded f = { .b = &r->strings, .start = start };
    if (seg && seg_text(&f, seg->children) != SEL_OK)
        return SEL_ENOMEM;
    if (buf_addc(&r->strings, '\0') != SEL_OK)
        return SEL_ENOMEM;
    *empty = !has_text(r->strings.data + start);
    return SEL_OK;
}

static int read_unit(struct tmx_read *r, xmlNodePtr tu)
{
    r->stats.units++;
    xmlNodePtr src = NULL, tgt = NULL;
    for (xmlNodePtr c = tu->children; c && !(src && tgt); c = c->next) {
        if (!named(c, "tuv"))
            continue;
        char lang[9];
        tuv_lang(c, lang);
        if (!src && *lang && strcmp(lang, r->src_lang) == 0)
            src = c;
        else if (!tgt && *lang && strcmp(lang, r->tgt_lang) == 0)
            tgt = c;
    }
    if (!src || !tgt) {
        r->stats.missing_side++;
        return SEL_OK;
    }
    size_t mark = r->strings.len;
    struct unit_rec u = { .src = mark, .tuid = NO_TUID, .line = xmlGetLineNo(tu) };
    bool src_empty, tgt_empty;
    if (add_segment(r, src, &src_empty) != SEL_OK)
        return SEL_ENOMEM;
    u.tgt = r->strings.len;
    if (add_segment(r, tgt, &tgt_empty) != SEL_OK)
        return SEL_ENOMEM;
    if (src_empty || tgt_empty) {
        r->stats.empty++;
        r->strings.len = mark;
        r->strings.data[mark] = '\0';
        return SEL_OK;
    }
    xmlChar *tuid = xmlGetNoNsProp(tu, BAD_CAST "tuid");
    if (tuid && *tuid) {
        u.tuid = r->strings.len;
        if (buf_add(&r->strings, (const char *)tuid, strlen((const char *)tuid) + 1) != SEL_OK) {
            xmlFree(tuid);
            return SEL_ENOMEM;
        }
    }
    xmlFree(tuid);
    if (SEL_ARRAY_RESERVE(r->units, r->cap, r->n + 1) != SEL_OK)
        return SEL_ENOMEM;
    r->units[r->n++] = u;
    return SEL_OK;
}

// Parses the file and keeps its usable units in @p r (freed with read_finish()); stats.used is
// left to the caller, who hands them out.
static int read_all(struct tmx_read *r, sel_ctx *ctx, const char *path, const char *src_lang, const char *tgt_lang)
{
    *r = (struct tmx_read){ 0 };
    primary_subtag(src_lang, r->src_lang);
    primary_subtag(tgt_lang, r->tgt_lang);
    if (!*r->src_lang || !*r->tgt_lang)
        return sel_error(ctx, SEL_EINVAL, "not a language code: \"%s\"", *r->src_lang ? tgt_lang : src_lang);
    // one language on both sides would pair every segment with itself: an English-English
    // memory read with --lang en would be stored, and exported, as a translation
    if (strcmp(r->src_lang, r->tgt_lang) == 0)
        return sel_error_at(ctx, SEL_EINVAL, (struct sel_location){ strcmp(path, "-") == 0 ? "<stdin>" : path, 0, 0 },
                            "source and target language are both \"%s\": a translation memory pairs two "
                            "languages (--lang names the one that is not English)", r->src_lang);
    // the name xml_read_safe() gives standard input in its own messages
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;

    xmlDocPtr doc = NULL;
    int rc = xml_read_safe(&doc, ctx, path);
    if (rc != SEL_OK)
        return rc;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr body = NULL;
    for (xmlNodePtr c = named(root, "tmx") ? root->children : NULL; c && !body; c = c->next)
        if (named(c, "body"))
            body = c;
    if (!named(root, "tmx"))
        rc = sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ name, root ? xmlGetLineNo(root) : 1, 0 },
                          "not TMX: the root element is <%s>, not <tmx>", root ? (const char *)root->name : "");
    else if (!body)
        rc = sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ name, xmlGetLineNo(root), 0 },
                          "not TMX: <tmx> has no <body>");
    for (xmlNodePtr c = body ? body->children : NULL; rc == SEL_OK && c; c = c->next)
        if (named(c, "tu") && read_unit(r, c) != SEL_OK)
            rc = sel_error(ctx, SEL_ENOMEM, "%s: out of memory", name);
    // The tree is the bigger part of the memory; it goes before the units are handed out.
    xmlFreeDoc(doc);
    return rc;
}

static void read_finish(struct tmx_read *r)
{
    free(r->units);
    buf_finish(&r->strings);
}

int sel_tmx_read(sel_ctx *ctx, const char *path, const char *src_lang, const char *tgt_lang,
                 sel_tmx_fn emit, void *user, struct sel_tmx_stats *stats)
{
    SEL_CHECK_ARG(ctx && path && src_lang && tgt_lang && emit, SEL_EINVAL);
    if (stats)
        *stats = (struct sel_tmx_stats){ 0 };
    struct tmx_read r;
    int rc = read_all(&r, ctx, path, src_lang, tgt_lang);
    for (size_t i = 0; rc == SEL_OK && i < r.n; i++) {
        const struct unit_rec *u = &r.units[i];
        const struct sel_tmx_unit unit = {
            .src = r.strings.data + u->src,
            .tgt = r.strings.data + u->tgt,
            .tuid = u->tuid == NO_TUID ? NULL : r.strings.data + u->tuid,
            .line = u->line,
        };
        r.stats.used++;
        if (!emit(user, &unit))
            break;
    }
    if (stats && rc == SEL_OK)
        *stats = r.stats;
    read_finish(&r);
    return rc;
}

int sel_tmx_load(sel_ctx *ctx, const char *path, const char *src_lang, const char *tgt_lang,
                 struct sel_tmx_memory *out, struct sel_tmx_stats *stats)
{
    SEL_CHECK_ARG(ctx && path && src_lang && tgt_lang && out, SEL_EINVAL);
    *out = (struct sel_tmx_memory){ 0 };
    if (stats)
        *stats = (struct sel_tmx_stats){ 0 };
    struct tmx_read r;
    int rc = read_all(&r, ctx, path, src_lang, tgt_lang);
    if (rc == SEL_OK && r.n && !(out->pairs = malloc(r.n * sizeof(*out->pairs))))
        rc = sel_error(ctx, SEL_ENOMEM, "%s: out of memory", path);
    if (rc != SEL_OK) {
        read_finish(&r);
        return rc;
    }
    // The pairs point into the strings, which the memory keeps: no segment is copied again.
    for (size_t i = 0; i < r.n; i++)
        out->pairs[i] = (struct sel_segment_pair){ r.strings.data + r.units[i].src, r.strings.data + r.units[i].tgt };
    out->n = r.n;
    out->strings = r.strings.data;
    r.strings = (struct sel_buf){ 0 };
    r.stats.used = r.n;
    if (stats)
        *stats = r.stats;
    read_finish(&r);
    return SEL_OK;
}

void sel_tmx_memory_finish(struct sel_tmx_memory *m)
{
    if (!m)
        return;
    free(m->pairs);
    free(m->strings);
    *m = (struct sel_tmx_memory){ 0 };
}
