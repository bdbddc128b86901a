// SPDX-License-Identifier: MIT
// libxml2 at the module's edge: an indented xmlTextWriter on a FILE, text cleaned of what XML 1.0
// cannot carry, and a parser that never loads a DTD, an external entity or anything remote.
#include "src/formats/xml_internal.h"

#include <errno.h>
#include <limits.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <string.h>
#include <sys/stat.h>

xmlTextWriterPtr xw_open(FILE *out)
{
    xmlOutputBufferPtr buf = xmlOutputBufferCreateFile(out, NULL);
    if (!buf)
        return NULL;
    xmlTextWriterPtr w = xmlNewTextWriter(buf);
    if (!w) {
        xmlOutputBufferClose(buf);
        return NULL;
    }
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, BAD_CAST "  ");
    return w;
}

int xw_close(xmlTextWriterPtr w)
{
    if (!w)
        return 0;
    int rc = xmlTextWriterFlush(w);
    xmlFreeTextWriter(w);
    return rc < 0 ? -1 : 0;
}

// Length of the run of @p s that XML can carry as it is.
static size_t clean_run(const char *s)
{
    size_t n = 0;
    while (s[n] && ((unsigned char)s[n] >= 0x20 || s[n] == '\t' || s[n] == '\n' || s[n] == '\r'))
        n++;
    return n;
}

static int write_clean(xmlTextWriterPtr w, const char *s, bool attr_value)
{
    (void)attr_value;
    size_t n = clean_run(s);
    if (!s[n])
        return xmlTextWriterWriteString(w, BAD_CAST s);
    struct sel_buf b = { 0 };
    int rc = 0;
    for (const char *p = s; *p && rc == 0;) {
        n = clean_run(p);
        if (buf_add(&b, p, n) != SEL_OK || (p[n] && buf_adds(&b, "\xEF\xBF\xBD") != SEL_OK))
            rc = -1;
        p += n + (p[n] ? 1 : 0);
    }
    if (rc == 0)
        rc = xmlTextWriterWriteString(w, BAD_CAST(b.data ? b.data : ""));
    buf_finish(&b);
    return rc;
}

int xw_text(xmlTextWriterPtr w, const char *s)
{
    return write_clean(w, s, false);
}

int xw_attr(xmlTextWriterPtr w, const char *name, const char *value)
{
    if (xmlTextWriterStartAttribute(w, BAD_CAST name) < 0 || write_clean(w, value, true) < 0)
        return -1;
    return xmlTextWriterEndAttribute(w);
}

int xw_element(xmlTextWriterPtr w, const char *name, const char *type, const char *text)
{
    if (!text)
        return 0;
    if (xmlTextWriterStartElement(w, BAD_CAST name) < 0)
        return -1;
    if (type && xw_attr(w, "type", type) < 0)
        return -1;
    if (xw_text(w, text) < 0)
        return -1;
    return xmlTextWriterEndElement(w);
}

/* ---- Reading -------------------------------------------------------------------------------- */

struct refusal {
    const char *what;
    long line, column;
    char name[128];
    // the first error libxml2 reports (later ones are consequences of it)
    bool have_error;
    long error_line, error_column;
    char error[256];
};

static void first_error(void *user, xmlErrorPtr e)
{
    xmlParserCtxtPtr p = user;
    struct refusal *r = p ? p->_private : NULL;
    if (!r || r->have_error || !e || e->level < XML_ERR_ERROR)
        return;
    r->have_error = true;
    r->error_line = e->line;
    r->error_column = e->int2;
    snprintf(r->error, sizeof(r->error), "%s", e->message ? e->message : "not well-formed XML");
    r->error[strcspn(r->error, "\n")] = '\0';
}

// Any entity declaration is refused: TBX needs none, and they are how external entities
// (file or network reads) and expansion bombs get in.
static void refuse_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                               const xmlChar *system_id, xmlChar *content)
{
    (void)public_id;
    (void)content;
    xmlParserCtxtPtr p = ctx;
    struct refusal *r = p->_private;
    if (!r->what) {
        bool external = system_id != NULL || type == XML_EXTERNAL_GENERAL_PARSED_ENTITY ||
                        type == XML_EXTERNAL_GENERAL_UNPARSED_ENTITY || type == XML_EXTERNAL_PARAMETER_ENTITY;
        r->what = external ? "external entity declaration refused" : "entity declaration refused";
        r->line = xmlSAX2GetLineNumber(ctx);
        r->column = xmlSAX2GetColumnNumber(ctx);
        snprintf(r->name, sizeof(r->name), "%s", (const char *)name);
    }
    xmlStopParser(p);
}

static void no_external_subset(void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
    // Never loaded: a DOCTYPE naming a DTD is accepted and the DTD ignored.
    (void)ctx;
    (void)name;
    (void)external_id;
    (void)system_id;
}

static xmlNodePtr find_entity_ref(xmlNodePtr node)
{
    for (; node; node = node->next) {
        if (node->type == XML_ENTITY_REF_NODE)
            return node;
        if (node->type == XML_ELEMENT_NODE) {
            xmlNodePtr found = find_entity_ref(node->children);
            if (found)
                return found;
        }
    }
    return NULL;
}

// The compression format whose magic number @p magic starts with, or NULL.
static const char *compression_name(const unsigned char *magic, size_t len)
{
    if (len >= 2 && magic[0] == 0x1F && magic[1] == 0x8B)
        return "gzip";
    if (len >= 6 && memcmp(magic, "\xFD" "7zXZ\0", 6) == 0)
        return "xz";
    if (len >= 3 && memcmp(magic, "BZh", 3) == 0)
        return "bzip2";
    if (len >= 4 && memcmp(magic, "\x28\xB5\x2F\xFD", 4) == 0)
        return "zstd";
    if (len >= 4 && memcmp(magic, "PK\x03\x04", 4) == 0)
        return "zip";
    return NULL;
}

void sel_xml_init_threads(void)
{
    xmlInitParser();
}

int xml_read_safe(xmlDocPtr *out, sel_ctx *ctx, const char *path)
{
    *out = NULL;
    bool is_stdin = strcmp(path, "-") == 0;
    struct sel_text in = { 0 };
    if (is_stdin) {
        int rc = sel_text_read(&in, ctx, path);
        if (rc != SEL_OK)
            return rc;
        path = in.name;
        if (in.len > (size_t)INT_MAX) {
            sel_text_finish(&in);
            return sel_error_at(ctx, SEL_EXML, (struct sel_location){ "<stdin>", 0, 0 }, "too large for the XML parser");
        }
    } else {
        FILE *probe = fopen(path, "rb");
        if (!probe)
            return sel_error_at(ctx, errno == ENOENT ? SEL_ENOTFOUND : SEL_EIO, (struct sel_location){ path, 0, 0 },
                                "cannot open: %s", strerror(errno));
        struct stat st;
        bool directory = fstat(fileno(probe), &st) == 0 && S_ISDIR(st.st_mode);
        unsigned char magic[6] = { 0 };
        size_t got = directory ? 0 : fread(magic, 1, sizeof(magic), probe);
        fclose(probe);
        if (directory) // fopen() takes one; libxml2 would then call it an empty document
            return sel_error_at(ctx, SEL_EIO, (struct sel_location){ path, 0, 0 }, "is a directory, not an XML file");
        // libxml2 would expand a gzip file without limit (78 KB made 2.5 GB): compressed input
        // is refused, and the user decompresses it knowingly.
        const char *packed = compression_name(magic, got);
        if (packed)
            return sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ path, 1, 1 },
                                "a %s-compressed file, not XML; decompress it first", packed);
    }
    xmlParserCtxtPtr p = xmlNewParserCtxt();
    if (!p) {
        sel_text_finish(&in);
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    struct refusal r = { 0 };
    p->_private = &r;
    p->sax->entityDecl = refuse_entity_decl;
    p->sax->externalSubset = no_external_subset;
    p->sax->resolveEntity = NULL;
    p->sax->serror = first_error;
    // NONET: nothing from the network; no NOENT (entities are not substituted), no DTDLOAD, no
    // DTDVALID, no HUGE (libxml2's own limits on depth and text size stay on).
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
    xmlDocPtr doc = is_stdin ? xmlCtxtReadMemory(p, in.data, (int)in.len, NULL, NULL, options)
                             : xmlCtxtReadFile(p, path, NULL, options);
    int rc = SEL_OK;
    if (r.what) {
        rc = sel_error_at(ctx, SEL_EXML, (struct sel_location){ path, r.line, r.column }, "%s: %s", r.what, r.name);
    } else if ((!doc || !p->wellFormed) && r.have_error) {
        rc = sel_error_at(ctx, SEL_EXML, (struct sel_location){ path, r.error_line, r.error_column }, "%s", r.error);
    } else if (!doc || !p->wellFormed) {
        xmlErrorPtr e = xmlCtxtGetLastError(p);
        char msg[512] = "not well-formed XML";
        long line = 0, col = 0;
        if (e && e->message) {
            snprintf(msg, sizeof(msg), "%s", e->message);
            msg[strcspn(msg, "\n")] = '\0';
            line = e->line;
            col = e->int2;
        }
        rc = sel_error_at(ctx, SEL_EXML, (struct sel_location){ path, line, col }, "%s", msg);
    } else {
        xmlNodePtr ref = find_entity_ref(xmlDocGetRootElement(doc));
        if (ref)
            rc = sel_error_at(ctx, SEL_EXML, (struct sel_location){ path, xmlGetLineNo(ref), 0 },
                              "entity reference &%s; refused (no DTD is loaded)", (const char *)ref->name);
    }
    if (rc != SEL_OK) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(p);
    sel_text_finish(&in);
    *out = doc;
    return rc;
}
