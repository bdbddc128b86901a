// SPDX-License-Identifier: MIT
// TBX-Basic glossaries in both forms: TBX v2 (<martif type="TBX-Basic">, termEntry/langSet/tig),
// which CAT tools and translate-toolkit read, and ISO 30042:2019 (<tbx>, conceptEntry/langSec/
// termSec). The structure is the same; only the element names and the header differ.
#include "src/formats/xml_internal.h"
#include "sel_config.h"

#include <string.h>

struct tbx_names {
    const char *entry, *lang_section, *term_section;
};

static const struct tbx_names v2_names = { "termEntry", "langSet", "tig" };
static const struct tbx_names v3_names = { "conceptEntry", "langSec", "termSec" };

#define TRY(expr) do { if ((expr) < 0) goto fail; } while (0)

static int write_header(xmlTextWriterPtr w, bool v3)
{
    const char *desc = "Glossary exported by selaras " SEL_VERSION
                       " (TBX-Basic): the bundled Indonesian-English termbase and the user's entries.";
    if (v3) {
        TRY(xmlTextWriterStartElement(w, BAD_CAST "tbx"));
        TRY(xw_attr(w, "xmlns", "urn:iso:std:iso:30042:ed-2"));
        TRY(xw_attr(w, "type", "TBX-Basic"));
        TRY(xw_attr(w, "style", "dca"));
        TRY(xw_attr(w, "xml:lang", "en"));
        TRY(xmlTextWriterStartElement(w, BAD_CAST "tbxHeader"));
    } else {
        TRY(xmlTextWriterStartElement(w, BAD_CAST "martif"));
        TRY(xw_attr(w, "type", "TBX-Basic"));
        TRY(xw_attr(w, "xml:lang", "en"));
        TRY(xmlTextWriterStartElement(w, BAD_CAST "martifHeader"));
    }
    TRY(xmlTextWriterStartElement(w, BAD_CAST "fileDesc"));
    TRY(xmlTextWriterStartElement(w, BAD_CAST "sourceDesc"));
    TRY(xw_element(w, "p", NULL, desc));
    TRY(xmlTextWriterEndElement(w)); // sourceDesc
    TRY(xmlTextWriterEndElement(w)); // fileDesc
    if (!v3) {
        TRY(xmlTextWriterStartElement(w, BAD_CAST "encodingDesc"));
        TRY(xw_element(w, "p", "XCSURI", "TBXBasicXCSV02.xcs"));
        TRY(xmlTextWriterEndElement(w));
    }
    TRY(xmlTextWriterEndElement(w)); // header
    TRY(xmlTextWriterStartElement(w, BAD_CAST "text"));
    TRY(xmlTextWriterStartElement(w, BAD_CAST "body"));
    return 0;
fail:
    return -1;
}

static int write_term(xmlTextWriterPtr w, const struct tbx_names *n, const struct sel_gloss_term *t)
{
    TRY(xmlTextWriterStartElement(w, BAD_CAST n->term_section));
    TRY(xw_element(w, "term", NULL, t->text));
    TRY(xw_element(w, "termNote", "partOfSpeech", t->pos));
    TRY(xw_element(w, "termNote", "termType", t->type));
    TRY(xw_element(w, "termNote", "administrativeStatus", gloss_status_to_tbx(t->status)));
    TRY(xw_element(w, "descrip", "context", t->context));
    TRY(xw_element(w, "admin", "source", t->cited_source));
    if (t->confirmed > 0) { // the evidence that put this equivalent where it stands in the order
        char note[96];
        snprintf(note, sizeof(note), "confirmed by %ld aligned translation%s", t->confirmed,
                 t->confirmed == 1 ? "" : "s");
        TRY(xw_element(w, "note", NULL, note));
    }
    TRY(xmlTextWriterEndElement(w));
    return 0;
fail:
    return -1;
}

// The language tags of @p e in the order: those of the source language, of the target, then any
// other as first seen. Each full tag ("id", "id-ID") is a language section of its own.
static size_t entry_langs(const struct sel_gloss_entry *e, const struct sel_gloss_options *opt, const char **langs,
                          size_t max)
{
    size_t n = 0;
    const char *first[2] = { opt->src_lang ? opt->src_lang : "id", opt->tgt_lang ? opt->tgt_lang : "en" };
    for (size_t i = 0; i < 3; i++)
        for (size_t k = 0; k < e->n_terms && n < max; k++) {
            if (i < 2 && !sel_lang_matches(e->terms[k].lang, first[i]))
                continue;
            bool seen = false;
            for (size_t j = 0; j < n && !seen; j++)
                seen = strcmp(langs[j], e->terms[k].lang) == 0;
            if (!seen)
                langs[n++] = e->terms[k].lang;
        }
    return n;
}

static int write_entry(xmlTextWriterPtr w, sel_glossary *scratch, const struct tbx_names *n,
                       const struct sel_gloss_entry *e, const struct sel_gloss_options *opt)
{
    TRY(xmlTextWriterStartElement(w, BAD_CAST n->entry));
    const char *id = gloss_ncname(scratch, e->concept_id);
    if (!id)
        goto fail;
    TRY(xw_attr(w, "id", id));
    TRY(xw_element(w, "descrip", "subjectField", e->subject));
    TRY(xw_element(w, "descrip", "definition", e->definition));
    TRY(xw_element(w, "note", NULL, e->note));
    TRY(xw_element(w, "admin", "source", e->cited_source));
    const char *langs[16];
    size_t n_langs = entry_langs(e, opt, langs, 16);
    for (size_t l = 0; l < n_langs; l++) {
        TRY(xmlTextWriterStartElement(w, BAD_CAST n->lang_section));
        TRY(xw_attr(w, "xml:lang", langs[l]));
        for (size_t k = 0; k < e->n_terms; k++)
            if (strcmp(e->terms[k].lang, langs[l]) == 0)
                TRY(write_term(w, n, &e->terms[k]));
        TRY(xmlTextWriterEndElement(w));
    }
    TRY(xmlTextWriterEndElement(w));
    return 0;
fail:
    return -1;
}

int gloss_write_tbx(const sel_glossary *g, sel_ctx *ctx, const struct sel_gloss_options *opt, FILE *out, bool v3)
{
    const struct tbx_names *names = v3 ? &v3_names : &v2_names;
    sel_glossary *scratch = NULL; // holds the cleaned identifiers
    if (sel_glossary_new(&scratch) != SEL_OK)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    xmlTextWriterPtr w = xw_open(out);
    if (!w) {
        sel_glossary_free(scratch);
        return sel_error(ctx, SEL_ENOMEM, "cannot start the XML writer");
    }
    int rc = xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 || write_header(w, v3) < 0 ? -1 : 0;
    for (size_t i = 0; rc == 0 && i < g->n; i++)
        rc = write_entry(w, scratch, names, &g->entries[i], opt);
    if (rc == 0)
        rc = xmlTextWriterEndDocument(w) < 0 ? -1 : 0;
    if (xw_close(w) < 0)
        rc = -1;
    sel_glossary_free(scratch);
    return rc == 0 ? SEL_OK : sel_error(ctx, SEL_EIO, "writing the TBX document failed");
}
