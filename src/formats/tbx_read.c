// SPDX-License-Identifier: MIT
// Reading TBX-Basic glossaries, v2 (martif: termEntry/langSet/tig or ntig) and v3 (tbx:
// conceptEntry/langSec/termSec, DCA style with <descrip type="..."> and DCT style where each
// data category is an element of the dialect), by local element names so that any namespace is
// accepted. The document is parsed by xml_read_safe(): no DTD, no external entity, no entity
// declaration. A bad part of an entry (an empty term, a value outside a picklist) is left out
// with a warning; an entry with no term left is skipped and counted; the rest is imported.
#include "src/formats/xml_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool named(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

struct tbx_read {
    sel_glossary *g;
    sel_ctx *ctx;
    xmlDocPtr doc;
    struct sel_buf raw;    // the file's bytes, read again only when a warning needs a column
    size_t *line_starts;   // byte offset of each line of raw (index 0: line 1)
    size_t n_lines;
    size_t columns_found;  // lookups are bounded: past MAX_COLUMN_LOOKUPS warnings give lines only
    bool raw_tried;
};

enum { MAX_COLUMN_LOOKUPS = 1000 };

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

static void load_raw(struct tbx_read *r, const char *path)
{
    r->raw_tried = true;
    FILE *fp = strcmp(path, "-") == 0 ? NULL : fopen(path, "rb");
    if (!fp)
        return;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        if (buf_add(&r->raw, chunk, n) != SEL_OK)
            break;
    fclose(fp);
    size_t lines = 1;
    for (size_t i = 0; i < r->raw.len; i++)
        lines += r->raw.data[i] == '\n';
    if (!(r->line_starts = malloc(lines * sizeof(*r->line_starts))))
        return;
    r->line_starts[r->n_lines++] = 0;
    for (size_t i = 0; i < r->raw.len; i++)
        if (r->raw.data[i] == '\n')
            r->line_starts[r->n_lines++] = i + 1;
}

// Counts the elements named like @p target that start on its line before it, in document order;
// returns true once @p target is reached.
static bool count_before(xmlNodePtr n, xmlNodePtr target, long line, size_t *k)
{
    for (; n; n = n->next) {
        if (n == target)
            return true;
        if (n->type == XML_ELEMENT_NODE && line_of(n) == line && strcmp((const char *)n->name, (const char *)target->name) == 0)
            (*k)++;
        if (n->type == XML_ELEMENT_NODE && count_before(n->children, target, line, k))
            return true;
    }
    return false;
}

// The byte column of the start tag of @p n: libxml2 keeps a node's line but not its column, so
// the line is searched for the tag ("<term" or "<prefix:term"), counting the elements of that
// name the line holds before it. 0 when it cannot be told (standard input, a file in UTF-16).
static long column_of(struct tbx_read *r, xmlNodePtr n, const char *path)
{
    if (!r->raw_tried)
        load_raw(r, path);
    long line = line_of(n);
    if (!r->line_starts || line < 1 || (size_t)line > r->n_lines || r->columns_found >= MAX_COLUMN_LOOKUPS)
        return 0;
    r->columns_found++;
    size_t k = 0;
    count_before(xmlDocGetRootElement(r->doc), n, line, &k);
    size_t start = r->line_starts[line - 1];
    size_t end = (size_t)line < r->n_lines ? r->line_starts[line] : r->raw.len;
    size_t name_len = strlen((const char *)n->name);
    for (size_t i = start; i < end; i++) {
        if (r->raw.data[i] != '<')
            continue;
        size_t j = i + 1, name = j; // the local name follows the last ':' of the qualified name
        while (j < end && !strchr(" \t\r\n/>", r->raw.data[j])) {
            if (r->raw.data[j] == ':')
                name = j + 1;
            j++;
        }
        if (j - name == name_len && memcmp(r->raw.data + name, n->name, name_len) == 0 && k-- == 0)
            return (long)(i - start) + 1;
    }
    return 0;
}

#define AT(r, n) line_of(n), column_of((r), (n), (r)->g->path)

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
            gloss_warn(r->g, AT(r, n), "part of speech \"%s\" read as \"%s\"", v, pos_values[i][1]);
            return pos_values[i][1];
        }
    }
    r->g->report.dropped_values++;
    gloss_warn(r->g, AT(r, n), "part of speech \"%s\" is not in TBX-Basic's picklist: left out", v ? v : "");
    return NULL;
}

static const char *pick_type(struct tbx_read *r, xmlNodePtr n, const char *v)
{
    for (size_t i = 0; v && i < sizeof(term_types) / sizeof(term_types[0]); i++)
        if (strcmp(v, term_types[i]) == 0)
            return term_types[i];
    r->g->report.dropped_values++;
    gloss_warn(r->g, AT(r, n), "term type \"%s\" is not in TBX-Basic's picklist: left out", v ? v : "");
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
    gloss_warn(r->g, AT(r, n), "administrative status \"%s\" unknown: read as admitted", v ? v : "");
    return "admitted";
}

// Elements that hold the data rather than being it: read through, not counted as left out.
static bool structural(const char *cat)
{
    static const char *const names[] = { "langSet", "langSec", "tig", "ntig", "termSec", "termGrp", "term", "" };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(cat, names[i]) == 0)
            return true;
    return false;
}

// The concept-level data selaras stores; a language or term level definition or note counts
// when the concept has none of its own. A source at concept or language level is the concept's.
struct concept_data {
    const char *subject, *definition, *note, *cited_source;
};

struct term_data {
    struct sel_gloss_term t;
    xmlNodePtr at; // the <term>, or its section when there is none
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
            else
                gloss_not_stored(r->g, "extra-subjectField"); // selaras keeps one per concept
        } else if (strcmp(cat, "definition") == 0) {
            if (!c->definition)
                c->definition = text_of(r, n, true);
            else
                gloss_not_stored(r->g, "extra-definition"); // selaras keeps one per concept
        } else if (strcmp(cat, "note") == 0) {
            if (!c->note)
                c->note = text_of(r, n, true);
            else
                gloss_not_stored(r->g, "extra-note"); // selaras keeps one per concept
        } else if (t && strcmp(cat, "term") == 0) {
            t->t.text = content(r, n);
            t->at = n;
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
        } else if (t && strcmp(cat, "context") == 0) {
            if (!t->t.context)
                t->t.context = text_of(r, n, true);
            else
                gloss_not_stored(r->g, "extra-context"); // selaras keeps one per term
        } else if (strcmp(cat, "source") == 0) {
            // at term level (a tig, or a descripGrp in it) the term's, above it the concept's
            const char **slot = t ? &t->t.cited_source : &c->cited_source;
            if (!*slot)
                *slot = text_of(r, n, true);
            else
                gloss_not_stored(r->g, "extra-source"); // selaras keeps one per concept and per term
        } else if (!structural(cat)) {
            gloss_not_stored(r->g, cat); // crossReference, a context above term level ...: counted, not lost silently
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
        gloss_skip(g, SEL_SKIP_DUPLICATE, AT(r, e), "concept %s appears twice: the later entry is left out", id);
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
                gloss_warn(g, AT(r, l), "<%s xml:lang=\"%s\">: not a language tag, its terms are left out",
                           (const char *)l->name, (const char *)tag);
            else
                gloss_warn(g, AT(r, l), "<%s> without xml:lang: its terms are left out", (const char *)l->name);
            xmlFree(tag);
            continue;
        }
        xmlFree(tag);
        read_categories(r, l, &c, NULL);
        for (xmlNodePtr s = l->children; s; s = s->next) {
            if (!term_section(s))
                continue;
            struct term_data t = { .t = { .lang = lang, .status = "admitted" }, .at = s };
            read_categories(r, s, &c, &t);
            if (!t.t.text) {
                empty++;
                gloss_warn(g, AT(r, t.at), "empty term in concept %s: left out", id);
            } else if (n_terms == MAX_TERMS) {
                gloss_warn(g, AT(r, t.at), "more than %d terms in concept %s: left out", MAX_TERMS, id);
            } else {
                terms[n_terms++] = t;
            }
        }
    }
    if (n_terms == 0) {
        gloss_skip(g, lang_missing ? SEL_SKIP_NO_LANGUAGE : SEL_SKIP_NO_TERM, AT(r, e),
                   "concept %s has no term%s: not imported", id, lang_missing ? " in a known language" : "");
        return SEL_OK;
    }
    g->report.empty_terms += empty;
    size_t index;
    int rc = gloss_add_entry(g, r->ctx, id, c.subject, c.definition, c.note, &index);
    if (rc == SEL_OK)
        g->entries[index].cited_source = c.cited_source; // already in the glossary's arena
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
    struct tbx_read r = { .g = g, .ctx = ctx, .doc = doc };
    size_t number = 0;
    for (xmlNodePtr e = body ? body->children : NULL; rc == SEL_OK && e; e = e->next)
        if (named(e, "termEntry") || named(e, "conceptEntry"))
            rc = read_entry(&r, e, ++number);
    buf_finish(&r.raw);
    free(r.line_starts);
done:
    xmlFreeDoc(doc);
    return rc;
}
