// SPDX-License-Identifier: MIT
// Reading XLIFF 1.2 and 2.0 bilingual files (what OmegaT, Trados and memoQ exchange) for
// `selaras check`: the source and target text of each translated unit, as plain text. Parsed by
// xml_read_safe(), as TBX and TMX are: no DTD, no external entity, no entity declaration.
// Elements are matched by local name, so either version's namespace (or none) is read.
//   1.2: <file source-language target-language> ... <trans-unit><source/><target/></trans-unit>,
//        in <body> and nested <group>s.
//   2.0: <xliff srcLang trgLang> <file> ... <unit><segment><source/><target/></segment>... </unit>,
//        in nested <group>s; every <segment> is a pair (an <ignorable> is whitespace between).
// Inline markup: the text of <g>, <mrk> (1.2) and <pc>, <mrk> (2.0) is kept; placeholders and
// native code (<x>, <bx>, <ex>, <ph>, <bpt>, <ept>, <it>, <sub>; <ph>, <sc>, <ec>, <sm>, <em>,
// <cp>) are left out, as TMX's are. Whitespace runs fold to one space; the ends are trimmed.
#include "src/formats/xml_internal.h"

#include <stdlib.h>
#include <string.h>

static bool named(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

struct xliff_read {
    sel_ctx *ctx;
    const char *name;
    struct sel_buf strings;
    size_t *offsets;              // pairs as offsets into strings: src, tgt, src, tgt ...
    size_t n, cap;
    struct sel_tmx_stats stats;
    int rc;
};

static int fold_add(struct sel_buf *b, size_t start, bool *space, const char *s)
{
    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            *space = true;
            continue;
        }
        if (*space && b->len > start && buf_addc(b, ' ') != SEL_OK)
            return SEL_ENOMEM;
        *space = false;
        size_t n = strcspn(s, " \t\n\r");
        if (buf_add(b, s, n) != SEL_OK)
            return SEL_ENOMEM;
        s += n - 1;
    }
    return SEL_OK;
}

// The text a reader sees in the children of a <source> or <target>.
static int inline_text(struct sel_buf *b, size_t start, bool *space, xmlNodePtr n)
{
    static const char *const code[] = { "x", "bx", "ex", "ph", "bpt", "ept", "it", "sub", "sc", "ec", "sm", "em", "cp" };
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content && fold_add(b, start, space, (const char *)n->content) != SEL_OK)
                return SEL_ENOMEM;
        } else if (n->type == XML_ELEMENT_NODE) {
            bool skip = false;
            for (size_t i = 0; i < sizeof(code) / sizeof(code[0]) && !skip; i++)
                skip = strcmp((const char *)n->name, code[i]) == 0;
            if (!skip && inline_text(b, start, space, n->children) != SEL_OK)
                return SEL_ENOMEM;
        }
    }
    return SEL_OK;
}

static xmlNodePtr child(xmlNodePtr parent, const char *name)
{
    for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
        if (named(c, name))
            return c;
    return NULL;
}

// Appends the text of @p el (NULL: none) and a NUL; sets @p empty when it has no text.
static int add_text(struct xliff_read *r, xmlNodePtr el, bool *empty)
{
    size_t start = r->strings.len;
    bool space = false;
    if (el && inline_text(&r->strings, start, &space, el->children) != SEL_OK)
        return SEL_ENOMEM;
    *empty = r->strings.len == start;
    return buf_addc(&r->strings, '\0');
}

// One pair from the <source> and <target> children of @p holder (a trans-unit or a segment).
static int add_pair(struct xliff_read *r, xmlNodePtr holder)
{
    r->stats.units++;
    xmlNodePtr src = child(holder, "source"), tgt = child(holder, "target");
    if (!src || !tgt) {
        r->stats.missing_side++;
        return SEL_OK;
    }
    size_t mark = r->strings.len;
    bool src_empty, tgt_empty;
    if (add_text(r, src, &src_empty) != SEL_OK)
        return SEL_ENOMEM;
    size_t t = r->strings.len;
    if (add_text(r, tgt, &tgt_empty) != SEL_OK)
        return SEL_ENOMEM;
    if (src_empty || tgt_empty) {
        r->stats.empty++;
        r->strings.len = mark;
        return SEL_OK;
    }
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        size_t *v = realloc(r->offsets, 2 * cap * sizeof(*v));
        if (!v)
            return SEL_ENOMEM;
        r->offsets = v;
        r->cap = cap;
    }
    r->offsets[2 * r->n] = mark;
    r->offsets[2 * r->n + 1] = t;
    r->n++;
    return SEL_OK;
}

// The units under @p n, in document order, through nested groups (bounded by libxml2's depth limit).
static int walk(struct xliff_read *r, xmlNodePtr n, bool v2)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
        int rc = SEL_OK;
        if (!v2 && named(c, "trans-unit"))
            rc = add_pair(r, c);
        else if (v2 && named(c, "unit")) {
            for (xmlNodePtr s = c->children; s && rc == SEL_OK; s = s->next)
                if (named(s, "segment"))
                    rc = add_pair(r, s);
        } else if (named(c, "group") || named(c, "body") || named(c, "file"))
            rc = walk(r, c, v2);
        if (rc != SEL_OK)
            return rc;
    }
    return SEL_OK;
}

// Whether language tag @p tag is @p want ("id", "en") or unset; Java tools write "in" for Indonesian.
static bool lang_is(const xmlChar *tag, const char *want)
{
    if (!tag || !*tag)
        return true;
    char primary[9];
    size_t n = 0;
    for (; tag[n] && tag[n] != '-' && tag[n] != '_' && n < 8; n++)
        primary[n] = (char)(tag[n] >= 'A' && tag[n] <= 'Z' ? tag[n] - 'A' + 'a' : tag[n]);
    primary[n] = '\0';
    if (strcmp(primary, "in") == 0)
        strcpy(primary, "id");
    return strcmp(primary, want) == 0;
}

static int check_langs(struct xliff_read *r, xmlNodePtr el, const char *src_attr, const char *tgt_attr)
{
    xmlChar *s = xmlGetNoNsProp(el, BAD_CAST src_attr), *t = xmlGetNoNsProp(el, BAD_CAST tgt_attr);
    int rc = SEL_OK;
    if (!lang_is(s, "id") || !lang_is(t, "en"))
        rc = sel_error_at(r->ctx, SEL_EPARSE, (struct sel_location){ r->name, xmlGetLineNo(el), 0 },
                          "the file translates %s into %s; selaras reads Indonesian (id) into English (en)",
                          s ? (const char *)s : "?", t ? (const char *)t : "?");
    xmlFree(s);
    xmlFree(t);
    return rc;
}

int sel_xliff_load(sel_ctx *ctx, const char *path, struct sel_tmx_memory *out, struct sel_tmx_stats *stats)
{
    SEL_CHECK_ARG(ctx && path && out, SEL_EINVAL);
    *out = (struct sel_tmx_memory){ 0 };
    if (stats)
        *stats = (struct sel_tmx_stats){ 0 };
    struct xliff_read r = { .ctx = ctx, .name = strcmp(path, "-") == 0 ? "<stdin>" : path };
    xmlDocPtr doc = NULL;
    int rc = xml_read_safe(&doc, ctx, path);
    if (rc != SEL_OK)
        return rc;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlChar *version = named(root, "xliff") ? xmlGetNoNsProp(root, BAD_CAST "version") : NULL;
    bool v2 = version && version[0] == '2';
    if (!named(root, "xliff"))
        rc = sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ r.name, root ? xmlGetLineNo(root) : 1, 0 },
                          "not XLIFF: the root element is <%s>, not <xliff>", root ? (const char *)root->name : "");
    else if (!version || !(version[0] == '1' || version[0] == '2'))
        rc = sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ r.name, xmlGetLineNo(root), 0 },
                          "not XLIFF 1.x or 2.x: version \"%s\"", version ? (const char *)version : "");
    else if (v2)
        rc = check_langs(&r, root, "srcLang", "trgLang");
    for (xmlNodePtr f = rc == SEL_OK ? root->children : NULL; f && rc == SEL_OK; f = f->next) {
        if (!named(f, "file"))
            continue;
        if (!v2)
            rc = check_langs(&r, f, "source-language", "target-language");
        if (rc == SEL_OK && walk(&r, f, v2) != SEL_OK)
            rc = sel_error(ctx, SEL_ENOMEM, "%s: out of memory", r.name);
    }
    xmlFree(version);
    xmlFreeDoc(doc);
    if (rc == SEL_OK && r.n && !(out->pairs = malloc(r.n * sizeof(*out->pairs))))
        rc = sel_error(ctx, SEL_ENOMEM, "%s: out of memory", r.name);
    if (rc == SEL_OK) {
        for (size_t i = 0; i < r.n; i++)
            out->pairs[i] = (struct sel_segment_pair){ r.strings.data + r.offsets[2 * i],
                                                       r.strings.data + r.offsets[2 * i + 1] };
        out->n = r.n;
        out->strings = r.strings.data;
        r.strings = (struct sel_buf){ 0 };
        r.stats.used = r.n;
        if (stats)
            *stats = r.stats;
    }
    free(r.offsets);
    buf_finish(&r.strings);
    return rc;
}
