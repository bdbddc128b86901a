// SPDX-License-Identifier: MIT
// Language tags as other tools write them ("id-ID", "ID", "id_ID", "in", "zh_hant_tw"), brought to
// BCP 47 form once, by one function, for every reader: TMX, TBX, CSV, TSV and dictd.
#include "src/formats/formats.h"

#include <string.h>

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static char upper(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

// Java's Locale still writes the codes ISO 639 withdrew in 1989 (TMX files from Java tools say
// "in" for Indonesian): those three are read as their successors.
static const char *const withdrawn[][2] = { { "in", "id" }, { "iw", "he" }, { "ji", "yi" } };

static int normalise(const char *tag, char *out, size_t size, char primary[SEL_LANG_PRIMARY_MAX])
{
    if (primary)
        primary[0] = '\0';
    if (size)
        out[0] = '\0';
    if (!tag)
        return SEL_EPARSE;
    while (*tag == ' ' || *tag == '\t')
        tag++;
    size_t len = strlen(tag);
    while (len && (tag[len - 1] == ' ' || tag[len - 1] == '\t'))
        len--;
    char lang[SEL_LANG_PRIMARY_MAX];
    size_t k = 0, i = 0;
    for (; i < len && tag[i] != '-' && tag[i] != '_'; i++) {
        if (k == 8 || !is_alpha(tag[i]))
            return SEL_EPARSE; // a primary subtag is 2 to 8 letters
        lang[k++] = lower(tag[i]);
    }
    lang[k] = '\0';
    if (k < 2)
        return SEL_EPARSE;
    for (size_t w = 0; w < sizeof(withdrawn) / sizeof(withdrawn[0]); w++)
        if (strcmp(lang, withdrawn[w][0]) == 0)
            strcpy(lang, withdrawn[w][1]);
    size_t o = strlen(lang);
    if (o + 1 > size)
        return SEL_EPARSE;
    memcpy(out, lang, o + 1);
    // the other subtags: a script is Titlecase (4 letters), a region UPPER (2 letters or 3
    // digits), everything else (variants, extensions) lower case; `_` becomes `-`
    bool after_singleton = false;
    while (i < len) {
        i++; // the separator
        size_t start = i;
        while (i < len && tag[i] != '-' && tag[i] != '_')
            i++;
        size_t n = i - start;
        if (n == 0 || n > 8)
            return SEL_EPARSE;
        for (size_t j = start; j < i; j++)
            if (!is_alnum(tag[j]))
                return SEL_EPARSE;
        if (o + 1 + n + 1 > size)
            return SEL_EPARSE;
        out[o++] = '-';
        for (size_t j = 0; j < n; j++) {
            char c = lower(tag[start + j]);
            if (!after_singleton && n == 4 && is_alpha(tag[start]) && j == 0)
                c = upper(c);
            else if (!after_singleton && n == 2 && is_alpha(tag[start]))
                c = upper(c);
            out[o++] = c;
        }
        if (n == 1)
            after_singleton = true; // extensions and private use keep lower case
    }
    out[o] = '\0';
    if (primary)
        strcpy(primary, lang);
    return SEL_OK;
}

int sel_lang_normalise(const char *tag, char *out, size_t size, char primary[SEL_LANG_PRIMARY_MAX])
{
    int rc = normalise(tag, out, size, primary);
    if (rc != SEL_OK && size)
        out[0] = '\0'; // a refused tag leaves nothing half-written
    return rc;
}

// The primary subtag of @p tag, as sel_lang_normalise() gives it; empty when it is not a tag.
static void primary_of(const char *tag, char primary[SEL_LANG_PRIMARY_MAX])
{
    char full[64];
    if (normalise(tag, full, sizeof(full), primary) != SEL_OK)
        primary[0] = '\0';
}

// The length of the primary subtag of @p tag when it is already in stored form (2 to 8 lower-case
// letters, then '-' or the end) and not a withdrawn code; else 0. Exports match every term of
// every concept: stored tags take this path, not the whole normaliser.
static size_t stored_primary(const char *tag)
{
    size_t n = 0;
    while (tag[n] >= 'a' && tag[n] <= 'z')
        n++;
    if (n < 2 || n > 8 || (tag[n] != '\0' && tag[n] != '-'))
        return 0;
    for (size_t w = 0; w < sizeof(withdrawn) / sizeof(withdrawn[0]); w++)
        if (n == 2 && strncmp(tag, withdrawn[w][0], 2) == 0)
            return 0;
    return n;
}

bool sel_lang_matches(const char *tag, const char *lang)
{
    if (!tag || !lang)
        return false;
    size_t n = stored_primary(tag), m = n ? stored_primary(lang) : 0;
    if (n && m)
        return n == m && memcmp(tag, lang, n) == 0;
    char a[SEL_LANG_PRIMARY_MAX], b[SEL_LANG_PRIMARY_MAX];
    primary_of(tag, a);
    primary_of(lang, b);
    return *a && strcmp(a, b) == 0;
}
