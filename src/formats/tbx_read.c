// SPDX-License-Identifier: MIT
// Reading TBX-Basic glossaries, v2 (martif: termEntry/langSet/tig or ntig) and v3 (tbx:
// conceptEntry/langSec/termSec, DCA style with <descrip type="..."> and DCT style where each
// data category is an element of the dialect), by local element names so that any namespace is
// accepted. The document is parsed by xml_read_safe(): no DTD, no external entity, no entity
// declaration. A bad part of an entry (an empty term, a value outside a picklist) is left out
// with a warning; an entry with no term left is skipped and counted; the rest is imported.
#include "src/formats/xml_internal.h"

#include <string.h>
#include <strings.h>

static bool named(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

struct tbx_read {
    sel_glossary *g;
    sel_ctx *ctx;
};

// What a data category element is about: the type attribute of a DCA <descrip>, <termNote> or
// <admin>, the element name itself in DCT style (<basic:definition>), "note" for <note>; a group
// (<descripGrp>, <termNoteGrp>, <adminGrp>) is "group": its children hold the category.
static const char *category(xmlNodePtr n, char *buf, size_t size)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    const char *name = (const char *)n->name;
    if (strcmp(name, "descripGrp") == 0 || strcmp(name, "termNoteGrp") == 0 || strcmp(name, "adminGrp") == 0)
        return "group";
    if (strcmp(name, "descrip") == 0 || strcmp(name, "termNote") == 0 || strcmp(name, "admin") == 0) {
        xmlChar *t = xmlGetProp(n, BAD_CAST "type");
        snprintf(buf, size, "%s", t ? (const char *)t : "");
        xmlFree(t);
        return buf;
    }
    return name;
}

// The text of @p n as XML says to read it for an element of data: whitespace runs (space, tab,
// CR, LF) become one space and the ends are trimmed, unless xml:space="preserve" applies. Prose
// (a definition, a note) keeps its line breaks: there only the ends are trimmed and the
// indentation around a line break (what pretty-printing adds) is dropped.
// Copied into the glossary's arena; NULL when empty.
static const char *text_of(struct tbx_read *r, xmlNodePtr n, bool prose)
{
    xmlChar *text = xmlNodeGetContent(n);
    if (!text)
        return NULL;
    char *s = (char *)text;
    if (xmlNodeGetSpacePreserve(n) != 1) {
        size_t o = 0;
        bool space = false, line_break = false;
        for (size_t i = 0; s[i]; i++) {
            char c = s[i];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                space = o > 0;
                line_break |= prose && o > 0 && c == '\n';
                continue;
            }
            if (space)
                s[o++] = line_break ? '\n' : ' ';
            space = line_break = false;
            s[o++] = c;
        }
        s[o] = '\0';
    }
    const char *copy = *s ? gloss_strdup(r->g, s) : NULL;
    xmlFree(text);
    return copy;
}

static const char *content(struct tbx_read *r, xmlNodePtr n)
{
    return text_of(r, n, false);
}

static long line_of(xmlNodePtr n)
{
    return (long)xmlGetLineNo(n);
}

// TBX-Basic's part-of-speech picklist, and spellings other tools write for its values.
static const char *const pos_values[][2] = {
    { "noun", "noun" }, { "verb", "verb" }, { "adjective", "adjective" }, { "adverb", "adverb" },
    { "properNoun", "properNoun" }, { "other", "other" },
    { "n", "noun" }, { "nom", "noun" }, { "substantive", "noun" }, { "v", "verb" }, { "adj", "adjective" },
    { "adv", "adverb" }, { "proper noun", "properNoun" }, { "pn", "properNoun" }, { "propernoun", "properNoun" },
};
static const char *const term_types[] = { "fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase" };

static const char *pick_pos(struct tbx_read *r, xmlNodePtr n, const char *v)
{
    for (size_t i = 0; v && i < sizeof(pos_values) / sizeof(pos_values[0]); i++) {
        if (i < 6 && strcmp(v, pos_values[i][0]) == 0)
            return pos_values[i][1];
        if (i >= 6 && strcasecmp(v, pos_values[i][0]) == 0) {
            gloss_warn(r->g, line_of(n), 0, "part of speech \"%s\" read as \"%s\"", v, pos_values[i][1]);
            return pos_values[i][1];
        }
    }
    r->g->report.dropped_values++;
    gloss_warn(r->g, line_of(n), 0, "part of speech \"%s\" is not in TBX-Basic's picklist: left out", v ? v : "");
    return NULL;
}

static const char *pick_type(struct tbx_read *r, xmlNodePtr n, const char *v)
{
    for (size_t i = 0; v && i < sizeof(term_types) / sizeof(term_types[0]); i++)
        if (strcmp(v, term_types[i]) == 0)
            return term_types[i];
    r->g->report.dropped_values++;
    gloss_warn(r->g, line_of(n), 0, "term type \"%s\" is not in TBX-Basic's picklist: left out", v ? v : "");
    return NULL;
}

static const char *pick_status(struct tbx_read *r, xmlNodePtr n, const char *v)
{
    const char *s = gloss_status_from_tbx(v);
    if (!s && v && gloss_status_to_tbx(v))
        s = v; // DCT style and plain writers give the status name itself
    if (!s && v && strcmp(v, "supersededTerm-admn-sts") == 0)
        s = "deprecated";
    if (s)
        return s;
    r->g->report.dropped_values++;
    gloss_warn(r->g, line_of(n), 0, "administrative status \"%s\" unknown: read as admitted", v ? v : "");
    return "admitted";
}

// The concept-level data selaras stores; a language or term level definition or note counts
// when the concept has none of its own.
struct concept_data {
    const char *subject, *definition, *note;
};

struct term_data {
    struct sel_gloss_term t;
    long line;
};

// Reads the data categories among the children of @p parent into @p c and (when not NULL) @p t.
static void read_categories(struct tbx_read *r, xmlNodePtr parent, struct concept_data *c, struct term_data *t)
{
    char buf[64];
    for (xmlNodePtr n = parent->children; n; n = n->next) {
        const char *cat = category(n, buf, sizeof(buf));
        if (!cat)
            continue;
        if (strcmp(cat, "group") == 0) {
            read_categories(r, n, c, t);
        } else if (strcmp(cat, "subjectField") == 0) {
            if (!c->subject)
                c->subject = content(r, n);
        } else if (strcmp(cat, "definition") == 0) {
            if (!c->definition)
                c->definition = text_of(r, n, true);
        } else if (strcmp(cat, "note") == 0) {
            if (!c->note)
                c->note = text_of(r, n, true);
        } else if (t && strcmp(cat, "term") == 0) {
            t->t.text = content(r, n);
            t->line = line_of(n);
        } else if (t && strcmp(cat, "partOfSpeech") == 0) {
            const char *v = content(r, n);
            t->t.pos = v ? pick_pos(r, n, v) : NULL;
        } else if (t && strcmp(cat, "termType") == 0) {
            const char *v = content(r, n);
            t->t.type = v ? pick_type(r, n, v) : NULL;
        } else if (t && (strcmp(cat, "administrativeStatus") == 0 || strcmp(cat, "normativeAuthorization") == 0)) {
            t->t.status = pick_status(r, n, content(r, n));
        } else if (t && strcmp(cat, "termGrp") == 0) {
            read_categories(r, n, c, t);
        }
    }
}

enum { MAX_TERMS = 256 }; // of one entry; more are left out with a warning

static bool term_section(xmlNodePtr n)
{
    return named(n, "tig") || named(n, "ntig") || named(n, "termSec");
}

static int read_entry(struct tbx_read *r, xmlNodePtr e, size_t number)
{
    sel_glossary *g = r->g;
    g->report.read++;
    xmlChar *id_attr = xmlGetProp(e, BAD_CAST "id");
    const char *id = gloss_entry_id(g, (const char *)id_attr, (long)number);
    xmlFree(id_attr);
    if (!id)
        return sel_error(r->ctx, SEL_ENOMEM, "out of memory");
    if (gloss_find(g, id) != (size_t)-1) {
        gloss_skip(g, SEL_SKIP_DUPLICATE, line_of(e), 0, "concept %s appears twice: the later entry is left out", id);
        return SEL_OK;
    }
    struct concept_data c = { 0 };
    struct term_data terms[MAX_TERMS];
    size_t n_terms = 0, empty = 0;
    bool lang_missing = false;
    read_categories(r, e, &c, NULL);
    for (xmlNodePtr l = e->children; l; l = l->next) {
        if (!named(l, "langSet") && !named(l, "langSec"))
            continue;
        xmlChar *tag = xmlGetNsProp(l, BAD_CAST "lang", XML_XML_NAMESPACE);
        const char *lang = gloss_lang(g, (const char *)tag);
        if (!lang) {
            lang_missing = true;
            if (tag)
                gloss_warn(g, line_of(l), 0, "<%s xml:lang=\"%s\">: not a language tag, its terms are left out",
                           (const char *)l->name, (const char *)tag);
            else
                gloss_warn(g, line_of(l), 0, "<%s> without xml:lang: its terms are left out", (const char *)l->name);
            xmlFree(tag);
            continue;
        }
        xmlFree(tag);
        read_categories(r, l, &c, NULL);
        for (xmlNodePtr s = l->children; s; s = s->next) {
            if (!term_section(s))
                continue;
            struct term_data t = { .t = { .lang = lang, .status = "admitted" }, .line = line_of(s) };
            read_categories(r, s, &c, &t);
            if (!t.t.text) {
                empty++;
                gloss_warn(g, t.line, 0, "empty term in concept %s: left out", id);
            } else if (n_terms == MAX_TERMS) {
                gloss_warn(g, t.line, 0, "more than %d terms in concept %s: left out", MAX_TERMS, id);
            } else {
                terms[n_terms++] = t;
            }
        }
    }
    if (n_terms == 0) {
        gloss_skip(g, lang_missing ? SEL_SKIP_NO_LANGUAGE : SEL_SKIP_NO_TERM, line_of(e), 0,
                   "concept %s has no term%s: not imported", id, lang_missing ? " in a known language" : "");
        return SEL_OK;
    }
    g->report.empty_terms += empty;
    size_t index;
    int rc = gloss_add_entry(g, r->ctx, id, c.subject, c.definition, c.note, &index);
    for (size_t i = 0; rc == SEL_OK && i < n_terms; i++)
        rc = gloss_add_term(g, r->ctx, index, &terms[i].t);
    return rc;
}

int gloss_read_tbx(sel_glossary *g, sel_ctx *ctx, const char *path)
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
    struct tbx_read r = { .g = g, .ctx = ctx };
    size_t number = 0;
    for (xmlNodePtr e = body ? body->children : NULL; rc == SEL_OK && e; e = e->next)
        if (named(e, "termEntry") || named(e, "conceptEntry"))
            rc = read_entry(&r, e, ++number);
done:
    xmlFreeDoc(doc);
    return rc;
}
