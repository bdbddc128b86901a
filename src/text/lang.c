// SPDX-License-Identifier: MIT
// Loading a language's rules from its data folder (src/text/lang/<code>/ or installed lang/<code>/).
#include "src/text/text_internal.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const boilerplate_names[SEL_BP_COUNT] = {
    "", "furniture", "related", "initials", "caption", "credit", "social", "dateline",
};

const char *sel_boilerplate_name(enum sel_boilerplate kind)
{
    return kind < SEL_BP_COUNT ? boilerplate_names[kind] : "";
}

const char *sel_lang_code(const sel_lang *lang)
{
    return lang->code;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

struct token_key {
    const char *s;
    size_t len;
};

static int compare_key(const void *k, const void *elem)
{
    const struct token_key *key = k;
    const char *s = *(const char *const *)elem;
    int c = strncmp(key->s, s, key->len);
    return c ? c : -(int)(unsigned char)s[key->len];
}

bool sel_lang_is_abbreviation(const sel_lang *lang, const char *token, size_t len)
{
    if (!lang->n_abbreviations)
        return false;
    struct token_key key = { token, len };
    return bsearch(&key, lang->abbreviations, lang->n_abbreviations, sizeof(char *), compare_key) != NULL;
}

bool sel_lang_is_label_word(const sel_lang *lang, const char *word, size_t len)
{
    if (!lang->n_labels)
        return false;
    struct token_key key = { word, len };
    return bsearch(&key, lang->labels, lang->n_labels, sizeof(char *), compare_key) != NULL;
}

bool sel_lang_is_degree(const sel_lang *lang, const char *token, size_t len)
{
    if (!lang->n_degrees)
        return false;
    struct token_key key = { token, len };
    return bsearch(&key, lang->degrees, lang->n_degrees, sizeof(char *), compare_key) != NULL;
}

bool sel_lang_is_coordinator(const sel_lang *lang, const char *word)
{
    return sel_word_list_has(&lang->morph.coordinators, word);
}

// Calls @p fn on each meaningful line of @p path (comments and blank lines skipped).
static int each_line(sel_ctx *ctx, const char *path, int (*fn)(void *, sel_ctx *, struct sel_location, char *),
                     void *user)
{
    struct sel_text text;
    int rc = sel_text_read(&text, ctx, path);
    if (rc != SEL_OK)
        return rc;
    long line = 0;
    for (char *p = text.data; rc == SEL_OK && p && *p;) {
        char *end = p + strcspn(p, "\r\n");
        char *next = *end ? end + 1 + (*end == '\r' && end[1] == '\n') : NULL;
        *end = '\0';
        line++;
        while (*p == ' ' || *p == '\t')
            p++;
        size_t n = strlen(p);
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            p[--n] = '\0';
        if (*p && *p != '#')
            rc = fn(user, ctx, (struct sel_location){ path, line, 0 }, p);
        p = next;
    }
    sel_text_finish(&text);
    return rc;
}

struct loader {
    sel_lang *lang;
    size_t cap, cap_labels, cap_degrees;
};

static int push_string(sel_lang *lang, sel_ctx *ctx, const char ***v, size_t *n, size_t *cap, const char *s,
                       size_t len)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        const char **grown = realloc(*v, *cap * sizeof(*grown));
        if (!grown)
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        *v = grown;
    }
    const char *copy = sel_arena_strndup(&lang->arena, s, len);
    if (!copy)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    (*v)[(*n)++] = copy;
    return SEL_OK;
}

// A line of abbreviations.txt: an abbreviation ("Jl."), "label WORD..." (words after which a
// single letter is a label: "Blok C."), "degree FORM..." ("S.H.") or "dotted-may-end" (see the
// file's comments).
static int add_abbreviation(void *user, sel_ctx *ctx, struct sel_location where, char *line)
{
    struct loader *ld = user;
    sel_lang *lang = ld->lang;
    size_t n = strlen(line);
    if (strcmp(line, "dotted-may-end") == 0) {
        lang->dotted_may_end = true;
        return SEL_OK;
    }
    bool label = strncmp(line, "label", 5) == 0 && (line[5] == ' ' || line[5] == '\t');
    bool degree = strncmp(line, "degree", 6) == 0 && (line[6] == ' ' || line[6] == '\t');
    if (label || degree) {
        char *save = NULL;
        for (char *w = strtok_r(line + (label ? 6 : 7), " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
            if (degree && w[strlen(w) - 1] != '.')
                return sel_error_at(ctx, SEL_EPARSE, where, "a degree ends in '.'");
            int rc = label ? push_string(lang, ctx, &lang->labels, &lang->n_labels, &ld->cap_labels, w, strlen(w))
                           : push_string(lang, ctx, &lang->degrees, &lang->n_degrees, &ld->cap_degrees, w, strlen(w));
            if (rc != SEL_OK)
                return rc;
        }
        return SEL_OK;
    }
    if (strpbrk(line, " \t") || line[n - 1] != '.')
        return sel_error_at(ctx, SEL_EPARSE, where,
                            "an abbreviation is one token ending in '.' (or \"label WORD...\", \"degree FORM...\", \"dotted-may-end\")");
    return push_string(lang, ctx, &lang->abbreviations, &lang->n_abbreviations, &ld->cap, line, n);
}

// A punctuation character that every match of @p pattern holds, or 0 if none is sure: one that
// stands at the top level of the pattern (not in a group, a class or an alternative) and is not
// made optional by what follows it; the rarest in text of those found ('@' before '/' before ':'
// before '.'). Lets the segmenter skip a rule with one memchr().
static char required_char(const char *pattern)
{
    static const char by_rarity[] = "@/:.";
    int depth = 0;
    const char *best = NULL;
    for (const char *p = pattern; *p; p++) {
        const char *lit = NULL;
        if (*p == '\\') {
            if (!p[1])
                break;
            lit = ++p;
        } else if (*p == '[') {
            for (p++; *p && *p != ']'; p++) // a class: skip it, with its escapes
                if (*p == '\\' && p[1])
                    p++;
            if (!*p)
                break;
        } else if (*p == '(') {
            depth++;
        } else if (*p == ')') {
            depth--;
        } else if (*p == '|' && depth == 0) {
            return 0; // alternatives at the top: nothing is sure
        } else if (*p == ':' || *p == '/' || *p == '@') {
            lit = p;
        }
        const char *rank = lit && depth == 0 && *lit && !strchr("?*{", lit[1]) ? strchr(by_rarity, *lit) : NULL;
        if (rank && (!best || rank < best))
            best = rank;
    }
    return best ? *best : 0;
}

// The characters a match of a pattern anchored at the start can begin with: "^Baca" gives "B",
// "^(?:Baca|Simak)" "BS", "^\\(" "("; "" when a start is not a plain character (a class, an
// escape like \\d, an optional part). Lets the segmenter skip the rule on one byte.
static void first_chars(const char *pattern, char *out, size_t size)
{
    out[0] = '\0';
    if (pattern[0] != '^')
        return;
    const char *p = pattern + 1;
    bool group = *p == '(';
    if (group)
        p += strncmp(p, "(?:", 3) == 0 ? 3 : 1;
    size_t n = 0;
    for (;;) {
        char c = *p;
        if (c == '\\' && p[1] && strchr("([*.-", p[1]))
            c = *++p;
        else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            c = 0;
        if (!c || strchr("?*{", p[1]) || n + 1 >= size) {
            out[0] = '\0';
            return;
        }
        if (!memchr(out, c, n))
            out[n++] = c;
        out[n] = '\0';
        if (!group)
            return;
        // the next alternative of the group, or its end
        int depth = 0;
        for (p++; *p && !(depth == 0 && (*p == '|' || *p == ')')); p++) {
            if (*p == '\\' && p[1])
                p++;
            else if (*p == '(')
                depth++;
            else if (*p == ')')
                depth--;
        }
        if (*p != '|')
            return;
        p++;
    }
}

static int add_rule(void *user, sel_ctx *ctx, struct sel_location where, char *line)
{
    struct loader *ld = user;
    sel_lang *lang = ld->lang;
    char *save = NULL;
    char *kind_name = strtok_r(line, " \t", &save);
    char *scope_name = strtok_r(NULL, " \t", &save);
    char *pattern = save;
    while (pattern && (*pattern == ' ' || *pattern == '\t'))
        pattern++;
    if (!kind_name || !scope_name || !pattern || !*pattern)
        return sel_error_at(ctx, SEL_EPARSE, where, "expected KIND SCOPE PATTERN");
    struct bp_rule rule = { .kind = SEL_BP_NONE };
    for (int k = 1; k < SEL_BP_COUNT; k++)
        if (strcmp(kind_name, boilerplate_names[k]) == 0)
            rule.kind = (enum sel_boilerplate)k;
    if (rule.kind == SEL_BP_NONE)
        return sel_error_at(ctx, SEL_EPARSE, where, "unknown boilerplate kind \"%s\"", kind_name);
    if (strcmp(scope_name, "line") == 0)
        rule.scope = BP_LINE;
    else if (strcmp(scope_name, "lead-in") == 0)
        rule.scope = BP_LEAD_IN;
    else if (strcmp(scope_name, "tail") == 0)
        rule.scope = BP_TAIL;
    else if (strcmp(scope_name, "sentences") == 0)
        rule.scope = BP_SENTENCES;
    else if (strcmp(scope_name, "captioned") == 0)
        rule.scope = BP_CAPTIONED;
    else if (strcmp(scope_name, "dateline") == 0 && rule.kind == SEL_BP_DATELINE)
        rule.scope = BP_DATELINE;
    else
        return sel_error_at(ctx, SEL_EPARSE, where,
                            "unknown scope \"%s\" (line, lead-in, tail, sentences, captioned; dateline for "
                            "a dateline rule)", scope_name);
    size_t plen = strlen(pattern);
    rule.end_only = pattern[0] != '^' && plen > 1 && pattern[plen - 1] == '$' && pattern[plen - 2] != '\\';
    rule.needs = required_char(pattern);
    first_chars(pattern, rule.first, sizeof(rule.first));
    // Compiled by each segmenter, not here: a lookup never segments. Where it came from is
    // kept to report a bad pattern then.
    rule.file = sel_arena_strndup(&lang->arena, where.file, strlen(where.file));
    rule.line = where.line;
    rule.column = (long)(pattern - line) + 1;
    rule.pattern = sel_arena_strndup(&lang->arena, pattern, plen);
    if (!rule.pattern)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    if (lang->n_rules == ld->cap) {
        ld->cap = ld->cap ? ld->cap * 2 : 32;
        struct bp_rule *grown = realloc(lang->rules, ld->cap * sizeof(*grown));
        if (!grown)
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        lang->rules = grown;
    }
    lang->rules[lang->n_rules++] = rule;
    return SEL_OK;
}

static unsigned word_shape(const char *word, size_t len)
{
    return ((unsigned char)word[0] * 31u + (unsigned)len) & 511u;
}

ptrdiff_t sel_word_list_find(const struct word_list *list, const char *word)
{
    size_t len = strlen(word);
    unsigned shape = word_shape(word, len);
    if (!(list->shapes[shape >> 6] & (1ULL << (shape & 63))))
        return -1;
    for (size_t i = 0; i < list->n; i++)
        if (strcmp(list->v[i], word) == 0)
            return (ptrdiff_t)i;
    return -1;
}

bool sel_word_list_has(const struct word_list *list, const char *word)
{
    return sel_word_list_find(list, word) >= 0;
}

static int list_push(struct sel_lang *lang, sel_ctx *ctx, struct word_list *list, const char *word)
{
    if (list->n == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 16;
        const char **grown = realloc(list->v, list->cap * sizeof(*grown));
        if (!grown)
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        list->v = grown;
    }
    const char *copy = sel_arena_strndup(&lang->arena, word, strlen(word));
    if (!copy)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    list->v[list->n++] = copy;
    unsigned shape = word_shape(copy, strlen(copy));
    list->shapes[shape >> 6] |= 1ULL << (shape & 63);
    return SEL_OK;
}

// Reads one directive of morphology.txt (see the comments in src/text/lang/id/morphology.txt).
static int add_morphology(void *user, sel_ctx *ctx, struct sel_location where, char *line)
{
    struct loader *ld = user;
    sel_lang *lang = ld->lang;
    struct morphology *m = &lang->morph;
    char *save = NULL;
    const char *directive = strtok_r(line, " \t", &save);
    char *args[32];
    size_t n = 0;
    for (char *a; n < 32 && (a = strtok_r(NULL, " \t", &save));)
        args[n++] = a;
    static const struct {
        const char *name;
        size_t offset;
    } lists[] = {
        { "enclitic", offsetof(struct morphology, enclitics) },
        { "proclitic", offsetof(struct morphology, proclitics) },
        { "keep", offsetof(struct morphology, keep) },
        { "keep-pattern", offsetof(struct morphology, keep_patterns) },
        { "passive", offsetof(struct morphology, passive) },
        { "bare-suffix", offsetof(struct morphology, bare_suffixes) },
        { "prefix", offsetof(struct morphology, prefixes) },
        { "suffix", offsetof(struct morphology, suffixes) },
        { "root", offsetof(struct morphology, own_roots) },
        { "inflection-always", offsetof(struct morphology, inflect_always) },
        { "keep-reduplication", offsetof(struct morphology, keep_redup) },
        { "proper", offsetof(struct morphology, proper) },
        { "rare-stem", offsetof(struct morphology, rare_stems) },
        { "strip-clitic", offsetof(struct morphology, strip_clitic) },
        { "number-prefix", offsetof(struct morphology, number_prefixes) },
        { "lexical-prefix", offsetof(struct morphology, lexical_prefixes) },
        { "prefix-root", offsetof(struct morphology, prefix_roots) },
        { "coordinator", offsetof(struct morphology, coordinators) },
    };
    for (size_t i = 0; i < sizeof(lists) / sizeof(*lists); i++) {
        if (strcmp(directive, lists[i].name) != 0)
            continue;
        if (n == 0)
            return sel_error_at(ctx, SEL_EPARSE, where, "%s needs at least one word", directive);
        if (n == 32)
            return sel_error_at(ctx, SEL_EPARSE, where, "at most 31 words per line; continue on another %s line", directive);
        struct word_list *list = (struct word_list *)((char *)m + lists[i].offset);
        for (size_t k = 0; k < n; k++) {
            int rc = list_push(lang, ctx, list, args[k]);
            if (rc != SEL_OK)
                return rc;
        }
        return SEL_OK;
    }
    if (strcmp(directive, "dictionary") == 0 && n == 1 && strlen(args[0]) < sizeof(m->dictionary)) {
        snprintf(m->dictionary, sizeof(m->dictionary), "%s", args[0]);
        return SEL_OK;
    }
    if (strcmp(directive, "spelling") == 0 && n >= 2) {
        // spelling FROM TO... (TO may be several words: "kerjasama kerja sama")
        char to[256] = "";
        for (size_t k = 1; k < n; k++) {
            if (k > 1)
                strncat(to, " ", sizeof(to) - strlen(to) - 1);
            strncat(to, args[k], sizeof(to) - strlen(to) - 1);
        }
        int rc = list_push(lang, ctx, &m->spelling_from, args[0]);
        return rc != SEL_OK ? rc : list_push(lang, ctx, &m->spelling_to, to);
    }
    if (strcmp(directive, "nasal") == 0 && (n == 2 || (n == 3 && strcmp(args[2], "drop") == 0))) {
        if (m->n_nasal == m->cap_nasal) {
            m->cap_nasal = m->cap_nasal ? m->cap_nasal * 2 : 32;
            struct nasal_rule *grown = realloc(m->nasal, m->cap_nasal * sizeof(*grown));
            if (!grown)
                return sel_error(ctx, SEL_ENOMEM, "out of memory");
            m->nasal = grown;
        }
        struct nasal_rule r = { sel_arena_strndup(&lang->arena, args[0], strlen(args[0])),
                                sel_arena_strndup(&lang->arena, args[1], strlen(args[1])), n == 3 };
        if (!r.onset || !r.prefix)
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        m->nasal[m->n_nasal++] = r;
        return SEL_OK;
    }
    if (strcmp(directive, "inflection") == 0 && (n == 1 || n == 2)) {
        // inflection ENDING [REPLACEMENT]: "ies y" (treaties -> treaty), "s" (troops -> troop)
        m->suffixing = true;
        int rc = list_push(lang, ctx, &m->inflect_from, args[0]);
        return rc != SEL_OK ? rc : list_push(lang, ctx, &m->inflect_to, n == 2 ? args[1] : "");
    }
    if (strcmp(directive, "root-of") == 0 && n >= 2 && n % 2 == 0) {
        // root-of FORM ROOT [FORM ROOT ...]: the root is given, the lemma stays the form's
        for (size_t k = 0; k < n; k += 2) {
            int rc = list_push(lang, ctx, &m->root_from, args[k]);
            if (rc == SEL_OK)
                rc = list_push(lang, ctx, &m->root_to, args[k + 1]);
            if (rc != SEL_OK)
                return rc;
        }
        return SEL_OK;
    }
    if (strcmp(directive, "irregular") == 0 && n >= 2 && n % 2 == 0) {
        // irregular FORM LEMMA [FORM LEMMA ...]
        for (size_t k = 0; k < n; k += 2) {
            int rc = list_push(lang, ctx, &m->irregular_from, args[k]);
            if (rc == SEL_OK)
                rc = list_push(lang, ctx, &m->irregular_to, args[k + 1]);
            if (rc != SEL_OK)
                return rc;
        }
        return SEL_OK;
    }
    if (strcmp(directive, "join-hyphens") == 0 && n == 0) {
        m->join_hyphens = true;
        return SEL_OK;
    }
    if (strcmp(directive, "nasal-monosyllable") == 0 && n == 1) {
        m->monosyllable_prefix = sel_arena_strndup(&lang->arena, args[0], strlen(args[0]));
        return m->monosyllable_prefix ? SEL_OK : sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    return sel_error_at(ctx, SEL_EPARSE, where, "unknown directive or wrong arguments: %s", directive);
}

int sel_lang_load_dir(sel_lang **out, sel_ctx *ctx, const char *code, const char *dir)
{
    SEL_CHECK_ARG(out && code && dir, SEL_EINVAL);
    *out = NULL;
    if (strlen(code) >= sizeof(((sel_lang *)0)->code) || strpbrk(code, "/."))
        return sel_error(ctx, SEL_EINVAL, "invalid language code \"%s\"", code);
    sel_lang *lang = calloc(1, sizeof(*lang));
    if (!lang)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    snprintf(lang->code, sizeof(lang->code), "%s", code);
    char path[4096];
    int rc;
    struct loader ld = { lang, 0, 0, 0 };
    snprintf(path, sizeof(path), "%s/%s/abbreviations.txt", dir, code);
    rc = each_line(ctx, path, add_abbreviation, &ld);
    if (rc == SEL_ENOTFOUND) {
        rc = sel_error(ctx, SEL_ENOTFOUND, "no rules for language \"%s\" (looked in %s/%s)", code, dir, code);
        goto done;
    }
    if (rc != SEL_OK)
        goto done;
    if (lang->n_abbreviations)
        qsort(lang->abbreviations, lang->n_abbreviations, sizeof(char *), compare_strings);
    if (lang->n_labels) // qsort() and bsearch() want a real array even for none
        qsort(lang->labels, lang->n_labels, sizeof(char *), compare_strings);
    if (lang->n_degrees)
        qsort(lang->degrees, lang->n_degrees, sizeof(char *), compare_strings);
    ld.cap = 0;
    snprintf(path, sizeof(path), "%s/%s/boilerplate.txt", dir, code);
    rc = each_line(ctx, path, add_rule, &ld);
    if (rc != SEL_OK)
        goto done;
    snprintf(path, sizeof(path), "%s/%s/morphology.txt", dir, code);
    rc = each_line(ctx, path, add_morphology, &ld);
done:
    if (rc != SEL_OK)
        sel_lang_free(lang);
    else
        *out = lang;
    return rc;
}

int sel_lang_load(sel_lang **out, sel_ctx *ctx, const char *code)
{
    char *dir = sel_data_path("lang");
    if (!dir)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    int rc = sel_lang_load_dir(out, ctx, code, dir);
    free(dir);
    return rc;
}

void sel_lang_free(sel_lang *lang)
{
    if (!lang)
        return;
    free(lang->rules);
    free(lang->abbreviations);
    free(lang->labels);
    free(lang->degrees);
    struct word_list *lists[] = { &lang->morph.enclitics, &lang->morph.proclitics, &lang->morph.keep,
                                  &lang->morph.keep_patterns, &lang->morph.passive, &lang->morph.bare_suffixes,
                                  &lang->morph.prefixes, &lang->morph.suffixes, &lang->morph.own_roots,
                                  &lang->morph.keep_redup, &lang->morph.proper, &lang->morph.inflect_from, &lang->morph.inflect_to, &lang->morph.irregular_from, &lang->morph.irregular_to, &lang->morph.inflect_always, &lang->morph.spelling_from,
                                  &lang->morph.spelling_to, &lang->morph.rare_stems,
                                  &lang->morph.root_from, &lang->morph.root_to, &lang->morph.strip_clitic,
                                  &lang->morph.number_prefixes, &lang->morph.lexical_prefixes,
                                  &lang->morph.prefix_roots, &lang->morph.coordinators };
    for (size_t i = 0; i < sizeof(lists) / sizeof(*lists); i++)
        free(lists[i]->v);
    free(lang->morph.nasal);
    sel_arena_finish(&lang->arena);
    free(lang);
}
