// SPDX-License-Identifier: MIT
#include "src/text/dict.h"

#include <hunspell/hunspell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unistd.h>

struct sel_dict {
    Hunhandle *hun;
    UConverter *conv;      // NULL when the dictionary is UTF-8 itself
    // Answers already given: the analyser asks about the same strings again and again (a
    // word, then it without its clitic, its capitalised form, candidate roots), and each
    // Hunspell call costs microseconds.
    sel_strmap *spelled;   // word -> &known or &unknown
    sel_strmap *stems;     // word -> struct stem_list
    struct sel_arena arena;
};

struct stem_list {
    size_t n;
    char **v;
};

static char known, unknown;

static const char *const search_dirs[] = {
    "/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts", "/usr/local/share/hunspell",
};

static bool find_files(const char *dir, const char *name, char *aff, char *dic, size_t size)
{
    snprintf(aff, size, "%s/%s.aff", dir, name);
    snprintf(dic, size, "%s/%s.dic", dir, name);
    return access(aff, R_OK) == 0 && access(dic, R_OK) == 0;
}

int sel_dict_open(sel_dict **out, sel_ctx *ctx, const char *name)
{
    SEL_CHECK_ARG(out && name, SEL_EINVAL);
    *out = NULL;
    char aff[4096], dic[4096];
    bool found = false;
    const char *env = getenv("DICPATH");
    if (env && *env) {
        char *copy = strdup(env);
        if (!copy)
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        char *save = NULL;
        for (char *d = strtok_r(copy, ":", &save); d && !found; d = strtok_r(NULL, ":", &save))
            found = find_files(d, name, aff, dic, sizeof(aff));
        free(copy);
    }
    for (size_t i = 0; !found && i < sizeof(search_dirs) / sizeof(*search_dirs); i++)
        found = find_files(search_dirs[i], name, aff, dic, sizeof(aff));
    if (!found)
        return sel_error(ctx, SEL_ENOTFOUND,
                         "Hunspell dictionary %s not found in $DICPATH or /usr/share/hunspell "
                         "(Debian: apt-get install hunspell-%.2s)", name, name);
    sel_dict *d = calloc(1, sizeof(*d));
    if (!d)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    d->hun = Hunspell_create(aff, dic);
    if (!d->hun || sel_strmap_new(&d->spelled) != SEL_OK || sel_strmap_new(&d->stems) != SEL_OK) {
        bool no_memory = d->hun != NULL;
        sel_dict_close(d);
        if (no_memory)
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        return sel_error(ctx, SEL_EHUNSPELL, "Hunspell could not load %s", dic);
    }
    const char *enc = Hunspell_get_dic_encoding(d->hun);
    if (enc && ucnv_compareNames(enc, "UTF-8") != 0) {
        UErrorCode status = U_ZERO_ERROR;
        d->conv = ucnv_open(enc, &status);
        if (U_SUCCESS(status)) {
            // Letters the dictionary cannot spell make the word unknown, not "?"-mangled.
            ucnv_setFromUCallBack(d->conv, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
        }
        if (U_FAILURE(status)) {
            sel_dict_close(d);
            return sel_error(ctx, SEL_EICU, "cannot convert to the encoding %s of %s: %s", enc, dic,
                             u_errorName(status));
        }
    }
    *out = d;
    return SEL_OK;
}

void sel_dict_close(sel_dict *d)
{
    if (!d)
        return;
    if (d->hun)
        Hunspell_destroy(d->hun);
    if (d->conv)
        ucnv_close(d->conv);
    sel_strmap_free(d->spelled);
    sel_strmap_free(d->stems);
    sel_arena_finish(&d->arena);
    free(d);
}

// UTF-8 -> dictionary encoding into @p buf; false when a letter cannot be represented.
static bool is_ascii(const char *s)
{
    for (; *s; s++)
        if (*s & 0x80)
            return false;
    return true;
}

static bool to_dict(sel_dict *d, const char *word, char *buf, size_t size)
{
    if (!d->conv || is_ascii(word)) { // ASCII is the same in every encoding Hunspell uses
        if (strlen(word) >= size)
            return false;
        strcpy(buf, word);
        return true;
    }
    UErrorCode status = U_ZERO_ERROR;
    UChar u[256];
    int32_t ulen = 0;
    u_strFromUTF8(u, 256, &ulen, word, -1, &status);
    if (U_FAILURE(status) || ulen >= 256)
        return false;
    ucnv_reset(d->conv);
    int32_t n = ucnv_fromUChars(d->conv, buf, (int32_t)size, u, ulen, &status);
    return U_SUCCESS(status) && n >= 0 && (size_t)n < size;
}

static char *from_dict(sel_dict *d, const char *s)
{
    if (!d->conv || is_ascii(s))
        return strdup(s);
    UChar u[256];
    UErrorCode status = U_ZERO_ERROR;
    ucnv_reset(d->conv);
    int32_t ulen = ucnv_toUChars(d->conv, u, 256, s, -1, &status);
    if (U_FAILURE(status))
        return NULL;
    char *out = malloc((size_t)ulen * 3 + 1);
    if (!out)
        return NULL;
    u_strToUTF8(out, ulen * 3 + 1, NULL, u, ulen, &status);
    if (U_FAILURE(status)) {
        free(out);
        return NULL;
    }
    return out;
}

bool sel_dict_spell(sel_dict *d, const char *word)
{
    size_t len = strlen(word);
    const char *seen = sel_strmap_get(d->spelled, word, len);
    if (seen)
        return seen == &known;
    char buf[512];
    bool ok = to_dict(d, word, buf, sizeof(buf)) && Hunspell_spell(d->hun, buf) != 0;
    sel_strmap_put(d->spelled, word, len, ok ? &known : &unknown); // out of memory: asked again
    return ok;
}

typedef int (*list_fn)(Hunhandle *, char ***, const char *);

static size_t convert_list(sel_dict *d, list_fn fn, const char *word, char **out, size_t max)
{
    char buf[512];
    if (!to_dict(d, word, buf, sizeof(buf)))
        return 0;
    char **list = NULL;
    int n = fn(d->hun, &list, buf);
    size_t stored = 0;
    for (int i = 0; i < n && stored < max; i++) {
        if (!*list[i])
            continue; // a repeated stem, blanked by stems_by_analysis()
        char *s = from_dict(d, list[i]);
        if (s)
            out[stored++] = s;
    }
    if (list)
        Hunspell_free_list(d->hun, &list, n);
    return stored;
}

// Hunspell_stem() is Hunspell_analyze() followed by a pass that reads each analysis's st: field,
// and for an analysis with a derivational suffix (ds:), compound parts (pa:) or a surface prefix
// (sp:) builds the stem from those too; that pass, made of C++ string streams, costs a sixth of
// the call. The stems of analyses without those fields, read here in the same order and without
// repeats, are what Hunspell_stem() returns; any other analysis is left to Hunspell_stem().
static int stems_by_analysis(Hunhandle *hun, char ***list, const char *word)
{
    char **analyses = NULL;
    int n = Hunspell_analyze(hun, &analyses, word);
    bool plain = n >= 0 && n <= SEL_DICT_MAX_STEMS;
    for (int i = 0; plain && i < n; i++) {
        const char *a = analyses[i];
        plain = strstr(a, "st:") && !strstr(a, "ds:") && !strstr(a, "pa:") && !strstr(a, "sp:") && !strstr(a, " | ");
    }
    if (!plain) {
        if (analyses)
            Hunspell_free_list(hun, &analyses, n);
        return Hunspell_stem(hun, list, word);
    }
    // The stems are written over the analyses they come from: each is shorter than its analysis.
    int kept = 0;
    for (int i = 0; i < n; i++) {
        const char *field = strstr(analyses[i], "st:") + 3;
        size_t k = strcspn(field, " \t\n");
        bool repeat = k == 0;
        for (int j = 0; !repeat && j < kept; j++)
            repeat = strlen(analyses[j]) == k && memcmp(analyses[j], field, k) == 0;
        if (!repeat) {
            memmove(analyses[kept], field, k);
            analyses[kept++][k] = '\0';
        }
    }
    for (int i = kept; i < n; i++)
        analyses[i][0] = '\0'; // still freed by Hunspell_free_list() with the count it gave
    *list = analyses;
    return n;
}

size_t sel_dict_stems(sel_dict *d, const char *word, const char **out, size_t max)
{
    size_t len = strlen(word);
    struct stem_list *l = sel_strmap_get(d->stems, word, len);
    if (!l) {
        char *fresh[SEL_DICT_MAX_STEMS];
        size_t n = convert_list(d, stems_by_analysis, word, fresh, SEL_DICT_MAX_STEMS);
        l = sel_arena_alloc(&d->arena, sizeof(*l));
        char **v = l ? sel_arena_alloc(&d->arena, (n ? n : 1) * sizeof(*v)) : NULL;
        if (l && v) {
            *l = (struct stem_list){ 0, v };
            for (size_t i = 0; i < n; i++)
                if ((v[l->n] = sel_arena_strndup(&d->arena, fresh[i], strlen(fresh[i]))))
                    l->n++;
        }
        for (size_t i = 0; i < n; i++)
            free(fresh[i]);
        if (!l || !v || sel_strmap_put(d->stems, word, len, l) != SEL_OK)
            return 0;
    }
    size_t stored = 0;
    for (; stored < l->n && stored < max; stored++)
        out[stored] = l->v[stored];
    return stored;
}

size_t sel_dict_suggest(sel_dict *d, const char *word, char **out, size_t max)
{
    return convert_list(d, Hunspell_suggest, word, out, max);
}
