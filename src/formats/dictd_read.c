// SPDX-License-Identifier: MIT
// FreeDict dictionaries in dictd form (Debian's dict-freedict-eng-ind): NAME.index holds
// "headword TAB offset TAB length" with dictd's base64 numbers, NAME.dict.dz the articles
// (dictzip is gzip with random-access data in the header; zlib reads it as plain gzip).
// An article is "headword /pronunciation/ <pos>", a line of translations separated by commas
// (a trailing "2." numbers the next sense), then glosses. With reverse, entries are regrouped by
// translation: eng→ind becomes ind→eng.
#include "src/formats/formats_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static int b64_digit(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

static bool b64_number(const char *s, size_t len, size_t *out)
{
    size_t v = 0;
    if (len == 0 || len > 8)
        return false;
    for (size_t i = 0; i < len; i++) {
        int d = b64_digit(s[i]);
        if (d < 0)
            return false;
        v = v * 64 + (size_t)d;
    }
    *out = v;
    return true;
}

static int read_gz(struct sel_buf *b, sel_ctx *ctx, const char *path)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return sel_error_at(ctx, errno == ENOENT ? SEL_ENOTFOUND : SEL_EIO, (struct sel_location){ path, 0, 0 },
                            "cannot open: %s", errno ? strerror(errno) : "out of memory");
    int rc = SEL_OK;
    for (;;) {
        if (buf_reserve(b, 65536) != SEL_OK) {
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
            break;
        }
        int n = gzread(f, b->data + b->len, 65536);
        if (n < 0) {
            int err;
            const char *msg = gzerror(f, &err);
            rc = sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ path, 0, 0 },
                              "not a readable gzip/dictzip file: %s (after %zu bytes)", msg, b->len);
            break;
        }
        if (n == 0)
            break;
        b->len += (size_t)n;
        b->data[b->len] = '\0';
    }
    gzclose(f);
    return rc;
}

static const char *pos_name(const char *tag, size_t len)
{
    static const char *const map[][2] = {
        { "n", "noun" }, { "v", "verb" }, { "adj", "adjective" }, { "adv", "adverb" }, { "pn", "properNoun" },
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (strlen(map[i][0]) == len && memcmp(map[i][0], tag, len) == 0)
            return map[i][1];
    return "other";
}

struct article {
    const char *headword, *pos, *gloss;
    char *translations; // comma-separated, arena copy
    long line;          // in the index
};

// Appends the comma-separated items of @p list (@p n bytes) to @p out, skipping those already in
// @p seen (a set, so that an article of thousands of translations costs linear time, not square).
static int add_items(struct sel_buf *out, sel_strmap *seen, const char *list, size_t n)
{
    static char present; // the set's value: only presence matters
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && list[j] != ',')
            j++;
        size_t a = i, b = j;
        while (a < b && (list[a] == ' ' || list[a] == '\t'))
            a++;
        while (b > a && (list[b - 1] == ' ' || list[b - 1] == '\t'))
            b--;
        if (b > a && !sel_strmap_get(seen, list + a, b - a) &&
            (sel_strmap_put(seen, list + a, b - a, &present) != SEL_OK ||
             (out->len && buf_addc(out, ',') != SEL_OK) || buf_add(out, list + a, b - a) != SEL_OK))
            return SEL_ENOMEM;
        i = j + 1;
    }
    return SEL_OK;
}

// Splits an article into its parts (strings in the glossary's arena). Senses are written
// "N. translations" then a gloss line; a sense without translations shows only its number,
// alone on a line or at the end of the line before ("kelaksamanaan 2.").
static int parse_article(sel_glossary *g, const char *text, size_t len, struct article *a)
{
    const char *end = text + len;
    const char *nl = memchr(text, '\n', len);
    const char *head_end = nl ? nl : end;
    a->pos = "other";
    const char *lt = NULL;
    for (const char *p = text; p < head_end; p++)
        if (*p == '<')
            lt = p;
    if (lt) {
        const char *gt = memchr(lt, '>', (size_t)(head_end - lt));
        if (gt)
            a->pos = pos_name(lt + 1, (size_t)(gt - lt - 1));
    }
    // the headword as written (the index holds a folded key): up to the pronunciation or the pos
    const char *hw_end = head_end;
    for (const char *p = text; p + 1 < head_end; p++)
        if (*p == ' ' && (p[1] == '/' || p[1] == '<')) {
            hw_end = p;
            break;
        }
    while (hw_end > text && hw_end[-1] == ' ')
        hw_end--;
    if (hw_end > text && !(a->headword = sel_arena_strndup(&g->arena, text, (size_t)(hw_end - text))))
        return SEL_ENOMEM;
    struct sel_buf trans = { 0 }, gloss = { 0 };
    sel_strmap *seen = NULL;
    int rc = sel_strmap_new(&seen);
    bool first = true, after_number = false;
    for (const char *p = nl ? nl + 1 : end; p < end && rc == SEL_OK;) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e)
            e = end;
        size_t n = (size_t)(e - p);
        bool numbered_next = false;
        // a trailing sense number belongs to the next line
        size_t k = n;
        while (k && (p[k - 1] == ' ' || p[k - 1] == '\t'))
            k--;
        if (k && p[k - 1] == '.') {
            size_t d = k - 1;
            while (d && p[d - 1] >= '0' && p[d - 1] <= '9')
                d--;
            if (d < k - 1 && (d == 0 || p[d - 1] == ' ')) {
                numbered_next = true;
                k = d;
                while (k && p[k - 1] == ' ')
                    k--;
            }
        }
        // a leading sense number marks a line of translations
        size_t lead = 0;
        while (lead < k && p[lead] >= '0' && p[lead] <= '9')
            lead++;
        bool numbered = lead > 0 && lead + 1 < k && p[lead] == '.' && p[lead + 1] == ' ';
        if (k == 0) {
            // only a number: the next line is a gloss
        } else if (numbered) {
            rc = add_items(&trans, seen, p + lead + 2, k - lead - 2);
        } else if (first && !after_number) {
            rc = add_items(&trans, seen, p, k);
        } else if ((gloss.len && buf_adds(&gloss, "; ") != SEL_OK) || buf_add(&gloss, p, k) != SEL_OK) {
            rc = SEL_ENOMEM;
        }
        first = false;
        after_number = numbered_next;
        p = e + 1;
    }
    if (rc == SEL_OK) {
        a->translations = sel_arena_strndup(&g->arena, trans.data ? trans.data : "", trans.len);
        a->gloss = gloss.len ? gloss_strdup(g, gloss.data) : NULL;
        if (!a->translations)
            rc = SEL_ENOMEM;
    }
    sel_strmap_free(seen);
    buf_finish(&trans);
    buf_finish(&gloss);
    return rc;
}

struct pair {
    const char *translation;
    const struct article *article;
};

static int cmp_pair(const void *x, const void *y)
{
    const struct pair *a = x, *b = y;
    int c = strcmp(a->translation, b->translation);
    if (c)
        return c;
    return (a->article > b->article) - (a->article < b->article);
}

// A list of translations split out of an article; the array grows, so none is ever dropped.
struct items {
    char **v;
    size_t n, cap;
};

// Splits a comma-separated list in place into its trimmed, non-empty items (replacing @p it's).
static int split_translations(char *list, struct items *it)
{
    it->n = 0;
    for (char *p = list; p;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        char *t = str_trim(p);
        if (*t) {
            if (SEL_ARRAY_RESERVE(it->v, it->cap, it->n + 1) != SEL_OK)
                return SEL_ENOMEM;
            it->v[it->n++] = t;
        }
        p = comma ? comma + 1 : NULL;
    }
    return SEL_OK;
}

// The files of one dictionary: NAME, NAME.index or NAME.dict(.dz) all name it.
struct dictd_files {
    char *base, *index, *dict;
};

static int dictd_files_find(struct dictd_files *f, sel_ctx *ctx, const char *path)
{
    size_t len = strlen(path), size = len + 16;
    f->base = malloc(size);
    f->index = malloc(size);
    f->dict = malloc(size);
    if (!f->base || !f->index || !f->dict)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    strcpy(f->base, path);
    const char *suffixes[] = { ".index", ".dict.dz", ".dict" };
    for (size_t i = 0; i < 3; i++) {
        size_t s = strlen(suffixes[i]);
        if (len > s && strcmp(f->base + len - s, suffixes[i]) == 0) {
            f->base[len - s] = '\0';
            break;
        }
    }
    snprintf(f->index, size, "%s.index", f->base);
    snprintf(f->dict, size, "%s.dict.dz", f->base);
    FILE *probe = fopen(f->dict, "rb");
    if (probe)
        fclose(probe);
    else
        snprintf(f->dict, size, "%s.dict", f->base);
    return SEL_OK;
}

static void dictd_files_finish(struct dictd_files *f)
{
    free(f->base);
    free(f->index);
    free(f->dict);
}

// Reads every line of the index ("headword TAB offset TAB length", numbers in dictd's base64)
// and the article it points to in @p dict. @p articles has a slot for every line; *n counts the
// articles kept (those with a translation; the 00database-* entries describe the file).
static int read_index(sel_glossary *g, sel_ctx *ctx, const struct dictd_files *f, struct sel_text *index,
                      const struct sel_buf *dict, struct article *articles, size_t *n_articles)
{
    int rc = SEL_OK;
    long line = 0;
    for (char *p = index->data; *p && rc == SEL_OK;) {
        line++;
        char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char *next = e ? e + 1 : p + n; // before the CR goes: a last line of just "\r" must end
        if (n && p[n - 1] == '\r')
            n--;
        char *t1 = memchr(p, '\t', n);
        char *t2 = t1 ? memchr(t1 + 1, '\t', n - (size_t)(t1 + 1 - p)) : NULL;
        size_t off, size;
        long bad;
        if (n == 0) {
            // blank line
        } else if (!t1 || !t2 || !b64_number(t1 + 1, (size_t)(t2 - t1 - 1), &off) ||
                   !b64_number(t2 + 1, n - (size_t)(t2 + 1 - p), &size)) {
            rc = sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ f->index, line, 1 },
                              "expected headword TAB offset TAB length (dictd base64)");
        } else if (off > dict->len || size > dict->len - off) {
            rc = sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ f->index, line, (long)(t1 - p) + 2 },
                              "article at %zu+%zu lies beyond the end of %s (%zu bytes)", off, size, f->dict,
                              dict->len);
        } else if ((bad = sel_utf8_find_invalid(dict->data + off, size, false)) >= 0) {
            // the articles are held to the index's standard: text in them is stored and exported
            bool nul = dict->data[off + (size_t)bad] == '\0';
            rc = sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ f->index, line, 1 },
                              "the article at %zu+%zu has %s at byte offset %zu of %s", off, size,
                              nul ? "a NUL byte" : "invalid UTF-8", off + (size_t)bad, f->dict);
        } else if (strncmp(p, "00database", 10) != 0 && strncmp(p, "00-database", 11) != 0) {
            struct article *a = &articles[*n_articles];
            a->headword = sel_arena_strndup(&g->arena, p, (size_t)(t1 - p));
            a->line = line;
            if (!a->headword || parse_article(g, dict->data + off, size, a) != SEL_OK)
                rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
            else if (a->translations && *a->translations && *a->headword)
                (*n_articles)++; // an article with no headword, in the index or in itself, has no term to give
        }
        p = next;
    }
    return rc;
}

// One entry per article, as the dictionary has it: the headword, then its translations.
static int add_articles(sel_glossary *g, sel_ctx *ctx, struct article *articles, size_t n_articles,
                        const char *id_prefix, const char *head_lang, const char *trans_lang)
{
    struct items parts = { 0 };
    char made[512];
    int rc = SEL_OK;
    for (size_t i = 0; i < n_articles && rc == SEL_OK; i++) {
        struct article *a = &articles[i];
        snprintf(made, sizeof(made), "%s.%ld", id_prefix, a->line);
        size_t at;
        const char *id = gloss_ncname(g, made);
        if (!id || split_translations(a->translations, &parts) != SEL_OK) {
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
            break;
        }
        if ((rc = gloss_add_entry(g, ctx, id, NULL, a->gloss, NULL, &at)) != SEL_OK)
            break;
        struct sel_gloss_term head = { .lang = head_lang, .text = a->headword, .pos = a->pos, .status = "preferred" };
        rc = gloss_add_term(g, ctx, at, &head);
        for (size_t j = 0; j < parts.n && rc == SEL_OK; j++) {
            struct sel_gloss_term t = { .lang = trans_lang, .text = parts.v[j], .pos = a->pos,
                                        .status = j == 0 ? "preferred" : "admitted" };
            rc = gloss_add_term(g, ctx, at, &t);
        }
    }
    free(parts.v);
    return rc;
}

// Reversed: one entry per distinct translation, with every headword that translates to it.
static int add_reversed(sel_glossary *g, sel_ctx *ctx, struct article *articles, size_t n_articles,
                        const char *id_prefix, const char *head_lang, const char *trans_lang)
{
    struct items parts = { 0 };
    char made[512];
    struct pair *pairs = NULL;
    size_t n_pairs = 0, cap_pairs = 0;
    int rc = SEL_OK;
    for (size_t i = 0; i < n_articles && rc == SEL_OK; i++) {
        if (split_translations(articles[i].translations, &parts) != SEL_OK)
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
        for (size_t j = 0; j < parts.n && rc == SEL_OK; j++) {
            if (SEL_ARRAY_RESERVE(pairs, cap_pairs, n_pairs + 1) != SEL_OK)
                rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
            else
                pairs[n_pairs++] = (struct pair){ parts.v[j], &articles[i] };
        }
    }
    free(parts.v);
    if (n_pairs)
        qsort(pairs, n_pairs, sizeof(*pairs), cmp_pair);
    size_t group = 0;
    for (size_t i = 0; i < n_pairs && rc == SEL_OK;) {
        size_t j = i;
        while (j < n_pairs && strcmp(pairs[j].translation, pairs[i].translation) == 0)
            j++;
        snprintf(made, sizeof(made), "%s.r%zu", id_prefix, ++group);
        size_t at;
        const char *id = gloss_ncname(g, made);
        if (!id) {
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
            break;
        }
        rc = gloss_add_entry(g, ctx, id, NULL, pairs[i].article->gloss, NULL, &at);
        struct sel_gloss_term head = { .lang = trans_lang, .text = pairs[i].translation,
                                       .pos = pairs[i].article->pos, .status = "preferred" };
        if (rc == SEL_OK)
            rc = gloss_add_term(g, ctx, at, &head);
        for (size_t k = i; k < j && rc == SEL_OK; k++) {
            struct sel_gloss_term t = { .lang = head_lang, .text = pairs[k].article->headword,
                                        .pos = pairs[k].article->pos, .status = k == i ? "preferred" : "admitted" };
            rc = gloss_add_term(g, ctx, at, &t);
        }
        i = j;
    }
    free(pairs);
    return rc;
}

int gloss_read_dictd(sel_glossary *g, sel_ctx *ctx, const char *path, bool reverse)
{
    const char *id_prefix = g->own_prefix;
    struct dictd_files files = { 0 };
    struct sel_text index = { 0 };
    struct sel_buf dict = { 0 };
    struct article *articles = NULL;
    size_t n_articles = 0;
    int rc = dictd_files_find(&files, ctx, path);
    if (rc != SEL_OK || (rc = sel_text_read(&index, ctx, files.index)) != SEL_OK ||
        (rc = read_gz(&dict, ctx, files.dict)) != SEL_OK)
        goto done;
    size_t lines = 1;
    for (size_t i = 0; i < index.len; i++)
        lines += index.data[i] == '\n';
    articles = calloc(lines, sizeof(*articles));
    if (!articles) {
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = read_index(g, ctx, &files, &index, &dict, articles, &n_articles)) != SEL_OK)
        goto done;
    // the headword's language comes first in the name (freedict-eng-ind: English headwords)
    const char *name = strrchr(files.base, '/') ? strrchr(files.base, '/') + 1 : files.base;
    bool ind_eng = strstr(name, "ind-eng") != NULL;
    const char *head_lang = gloss_lang(g, ind_eng ? "id" : "en"), *trans_lang = gloss_lang(g, ind_eng ? "en" : "id");
    g->report.read = n_articles;
    rc = (reverse ? add_reversed : add_articles)(g, ctx, articles, n_articles, id_prefix, head_lang, trans_lang);
done:
    free(articles);
    buf_finish(&dict);
    sel_text_finish(&index);
    dictd_files_finish(&files);
    return rc;
}
