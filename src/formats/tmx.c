// SPDX-License-Identifier: MIT
// TMX 1.4b translation memories: <tmx version="1.4">, a header with every required attribute,
// one <tu> per aligned pair with where it came from in <prop> elements. Streamed through
// xmlTextWriter: each unit is written and flushed before the next is read.
#include "src/formats/xml_internal.h"
#include "sel_config.h"

#define TRY(expr) do { if ((expr) < 0) goto fail; } while (0)

static int tmx_begin(struct par_writer *w, sel_ctx *ctx)
{
    xmlTextWriterPtr x = xw_open(w->out);
    if (!x)
        return sel_error(ctx, SEL_ENOMEM, "cannot start the XML writer");
    w->state = x;
    TRY(xmlTextWriterStartDocument(x, "1.0", "UTF-8", NULL));
    TRY(xmlTextWriterStartElement(x, BAD_CAST "tmx"));
    TRY(xw_attr(x, "version", "1.4"));
    TRY(xmlTextWriterStartElement(x, BAD_CAST "header"));
    TRY(xw_attr(x, "creationtool", "selaras"));
    TRY(xw_attr(x, "creationtoolversion", SEL_VERSION));
    TRY(xw_attr(x, "segtype", "sentence"));
    TRY(xw_attr(x, "o-tmf", "selaras"));
    TRY(xw_attr(x, "adminlang", "en"));
    TRY(xw_attr(x, "srclang", w->src_lang));
    TRY(xw_attr(x, "datatype", "plaintext"));
    TRY(xmlTextWriterEndElement(x));
    TRY(xmlTextWriterStartElement(x, BAD_CAST "body"));
    return SEL_OK;
fail:
    return export_write_error(ctx, w->name);
}

static int prop_number(xmlTextWriterPtr x, const char *type, long value)
{
    char text[32];
    snprintf(text, sizeof(text), "%ld", value);
    return xw_element(x, "prop", type, text);
}

static int prop_range(xmlTextWriterPtr x, const char *type, long first, long count)
{
    char text[64] = "";
    if (count == 1)
        snprintf(text, sizeof(text), "%ld", first);
    else if (count > 1)
        snprintf(text, sizeof(text), "%ld-%ld", first, first + count - 1);
    return count > 0 ? xw_element(x, "prop", type, text) : 0;
}

static int tuv(xmlTextWriterPtr x, const char *lang, const char *text)
{
    if (!*text)
        return 0; // the empty side of a 0-sided bead: a <tu> may hold one <tuv>
    TRY(xmlTextWriterStartElement(x, BAD_CAST "tuv"));
    TRY(xw_attr(x, "xml:lang", lang));
    TRY(xw_element(x, "seg", NULL, text));
    return xmlTextWriterEndElement(x);
fail:
    return -1;
}

static int tmx_pair(struct par_writer *w, sel_ctx *ctx, const struct par_pair *p)
{
    xmlTextWriterPtr x = w->state;
    char tuid[64], score[32];
    // Pairs aligned on the fly (selaras align) have no database document: number them plainly.
    if (p->document > 0)
        snprintf(tuid, sizeof(tuid), "%ld-%ld", p->document, p->bead);
    else
        snprintf(tuid, sizeof(tuid), "%ld", p->bead);
    snprintf(score, sizeof(score), "%.4f", p->score);
    TRY(xmlTextWriterStartElement(x, BAD_CAST "tu"));
    TRY(xw_attr(x, "tuid", tuid));
    if (p->document > 0) {
        TRY(prop_number(x, "x-document", p->document));
        TRY(prop_number(x, "x-translation", p->translation));
    }
    TRY(prop_range(x, "x-src-sentences", p->src_first, p->src_count));
    TRY(prop_range(x, "x-tgt-sentences", p->tgt_first, p->tgt_count));
    TRY(xw_element(x, "prop", "x-score", score));
    TRY(tuv(x, w->src_lang, p->src));
    TRY(tuv(x, w->tgt_lang, p->tgt));
    TRY(xmlTextWriterEndElement(x));
    return SEL_OK;
fail:
    return export_write_error(ctx, w->name);
}

static int tmx_end(struct par_writer *w, sel_ctx *ctx)
{
    xmlTextWriterPtr x = w->state;
    w->state = NULL;
    int rc = xmlTextWriterEndDocument(x);
    if (xw_close(x) < 0 || rc < 0)
        return export_write_error(ctx, w->name);
    return SEL_OK;
}

const struct par_writer_ops par_tmx_ops = { tmx_begin, tmx_pair, tmx_end };
