// SPDX-License-Identifier: MIT
// Reading TBX-Basic glossaries, v2 (martif: termEntry/langSet/tig or ntig) and v3 (tbx:
// conceptEntry/langSec/termSec), by local element names so that either namespace is accepted.
// The document is parsed by xml_read_safe(): no DTD, no external entity, no entity declaration.
#include "src/formats/xml_internal.h"

#include <string.h>

static bool named(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static bool typed(xmlNodePtr n, const char *name, const char *type)
{
    if (!named(n, name))
        return false;
    xmlChar *t = xmlGetProp(n, BAD_CAST "type");
    bool same = t && strcmp((const char *)t, type) == 0;
    xmlFree(t);
    return same;
}

struct tbx_read {
    sel_glossary *g;
    sel_ctx *ctx;
    const char *path;
    const char *id_prefix;
    size_t entries;
};

// The text content of @p n, copied into the glossary's arena (NULL when empty).
static const char *content(struct tbx_read *r, xmlNodePtr n)
{
    xmlChar *text = xmlNodeGetContent(n);
    const char *copy = text && *text ? gloss_strdup(r->g, (const char *)text) : NULL;
    xmlFree(text);
    return copy;
}

static const char *lang_of(xmlNodePtr n)
{
    // xml:lang lives in the XML namespace
    return (const char *)xmlGetNsProp(n, BAD_CAST "lang", XML_XML_NAMESPACE);
}

// The term and its notes among the children of @p parent: a v2 tig and a v3 termSec hold them
// directly, a v2 ntig inside its termGrp. One reader for all three, so they cannot drift apart.
static void read_term_parts(struct tbx_read *r, xmlNodePtr parent, struct sel_gloss_term *t, bool in_group)
{
    for (xmlNodePtr c = parent->children; c; c = c->next) {
        if (named(c, "term"))
            t->text = content(r, c);
        else if (typed(c, "termNote", "partOfSpeech"))
            t->pos = content(r, c);
        else if (typed(c, "termNote", "termType"))
            t->type = content(r, c);
        else if (typed(c, "termNote", "administrativeStatus")) {
            const char *v = content(r, c);
            const char *s = gloss_status_from_tbx(v);
            if (!s && v && gloss_status_to_tbx(v))
                s = v; // already a plain status name
            t->status = s ? s : "admitted";
        } else if (named(c, "termGrp") && !in_group) {
            read_term_parts(r, c, t, true);
        }
    }
}

static int read_term_section(struct tbx_read *r, size_t index, xmlNodePtr ts, const char *lang)
{
    struct sel_gloss_term t = { .lang = lang, .status = "admitted" };
    read_term_parts(r, ts, &t, false);
    if (!t.text)
        return sel_error_at(r->ctx, SEL_EPARSE, (struct sel_location){ r->path, xmlGetLineNo(ts), 0 },
                            "<%s> without a term", (const char *)ts->name);
    return gloss_add_term(r->g, r->ctx, index, &t);
}

static int read_entry(struct tbx_read *r, xmlNodePtr e)
{
    r->entries++;
    xmlChar *id_attr = xmlGetProp(e, BAD_CAST "id");
    char made[512];
    if (!id_attr || !*id_attr)
        snprintf(made, sizeof(made), "%s.%zu", r->id_prefix, r->entries);
    const char *id = gloss_ncname(r->g, id_attr && *id_attr ? (const char *)id_attr : made);
    xmlFree(id_attr);
    if (!id)
        return sel_error(r->ctx, SEL_ENOMEM, "out of memory");
    if (gloss_find(r->g, id) != (size_t)-1)
        return sel_error_at(r->ctx, SEL_EPARSE, (struct sel_location){ r->path, xmlGetLineNo(e), 0 },
                            "concept %s appears twice", id);
    const char *subject = NULL, *definition = NULL, *note = NULL;
    for (xmlNodePtr c = e->children; c; c = c->next) {
        xmlNodePtr d = c;
        if (named(c, "descripGrp"))
            for (d = c->children; d && !named(d, "descrip"); d = d->next)
                ;
        if (d && typed(d, "descrip", "subjectField") && !subject)
            subject = content(r, d);
        else if (d && typed(d, "descrip", "definition") && !definition)
            definition = content(r, d);
        else if (d && named(d, "note") && !note)
            note = content(r, d);
        // a definition at the language level counts when the entry has none
        if ((named(c, "langSet") || named(c, "langSec")) && !definition)
            for (xmlNodePtr l = c->children; l; l = l->next)
                if (typed(l, "descrip", "definition") && !definition)
                    definition = content(r, l);
    }
    size_t index;
    int rc = gloss_add_entry(r->g, r->ctx, id, subject, definition, note, &index);
    for (xmlNodePtr c = e->children; rc == SEL_OK && c; c = c->next) {
        if (!named(c, "langSet") && !named(c, "langSec"))
            continue;
        xmlChar *lang = (xmlChar *)lang_of(c);
        if (!lang) {
            rc = sel_error_at(r->ctx, SEL_EPARSE, (struct sel_location){ r->path, xmlGetLineNo(c), 0 },
                              "<%s> without xml:lang", (const char *)c->name);
            break;
        }
        const char *lang_copy = gloss_strdup(r->g, (const char *)lang);
        xmlFree(lang);
        for (xmlNodePtr t = c->children; rc == SEL_OK && t; t = t->next)
            if (named(t, "tig") || named(t, "ntig") || named(t, "termSec"))
                rc = read_term_section(r, index, t, lang_copy);
    }
    return rc;
}

int gloss_read_tbx(sel_glossary *g, sel_ctx *ctx, const char *path, const char *id_prefix)
{
    xmlDocPtr doc = NULL;
    int rc = xml_read_safe(&doc, ctx, path);
    if (rc != SEL_OK)
        return rc;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!named(root, "martif") && !named(root, "tbx")) {
        rc = sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ path, root ? xmlGetLineNo(root) : 1, 0 },
                          "not TBX: the root element is <%s>, not <martif> or <tbx>",
                          root ? (const char *)root->name : "");
        goto done;
    }
    xmlNodePtr body = NULL;
    for (xmlNodePtr c = root->children; c && !body; c = c->next)
        if (named(c, "text"))
            for (xmlNodePtr b = c->children; b && !body; b = b->next)
                if (named(b, "body"))
                    body = b;
    struct tbx_read r = { .g = g, .ctx = ctx, .path = path, .id_prefix = id_prefix };
    for (xmlNodePtr e = body ? body->children : NULL; rc == SEL_OK && e; e = e->next)
        if (named(e, "termEntry") || named(e, "conceptEntry"))
            rc = read_entry(&r, e);
done:
    xmlFreeDoc(doc);
    return rc;
}
