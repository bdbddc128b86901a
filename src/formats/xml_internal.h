// SPDX-License-Identifier: MIT
// Internal to the export module: helpers around libxml2's xmlTextWriter and a safe parser.
#ifndef SEL_EXPORT_XML_INTERNAL_H
#define SEL_EXPORT_XML_INTERNAL_H

#include "src/formats/formats_internal.h"

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

/** An xmlTextWriter on @p out (which it does not close), indented, UTF-8; NULL on failure. */
xmlTextWriterPtr xw_open(FILE *out);
/** Flushes and frees @p w; returns < 0 when a write failed. */
int xw_close(xmlTextWriterPtr w);
/**
 * Writes @p s as text, with characters XML 1.0 cannot carry (C0 controls other than tab and
 * line ends) replaced by U+FFFD. Returns < 0 on failure.
 */
int xw_text(xmlTextWriterPtr w, const char *s);
/** <name [type="type"]>text</name>; nothing when @p text is NULL. */
int xw_element(xmlTextWriterPtr w, const char *name, const char *type, const char *text);
/** An attribute, cleaned like xw_text(). */
int xw_attr(xmlTextWriterPtr w, const char *name, const char *value);

/**
 * Parses the XML file @p path into a tree, refusing what could reach outside the file or blow
 * up: no DTD is loaded, nothing is fetched, and any entity declaration (internal or external,
 * general or parameter) stops the parse with an error naming file, line and column.
 */
int xml_read_safe(xmlDocPtr *out, sel_ctx *ctx, const char *path);

#endif
