// SPDX-License-Identifier: MIT
// The term checks. A source term is confirmed, as ingest confirms it, when the English tagger
// finds any term of its concept in the aligned target: the English analysis matches on lemmas,
// so every inflection counts ("ceasefires", "demanded"). Then:
//   missing-term     no term of the concept in the target;
//   untranslated     ... and the Indonesian term itself stands in the target;
//   deprecated-term  a deprecated English term in the target (reported where it stands);
//   inconsistent     a concept rendered by another approved equivalent than in most of the document.
#include "src/check/check_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int add_rendering(struct check_run *run, const struct rendering *x)
{
    if (run->n_rend == run->cap_rend) {
        size_t cap = run->cap_rend ? run->cap_rend * 2 : 128;
        struct rendering *v = realloc(run->rend, cap * sizeof(*v));
        if (!v)
            return sel_error(run->ctx, SEL_ENOMEM, "out of memory");
        run->rend = v;
        run->cap_rend = cap;
    }
    run->rend[run->n_rend] = *x;
    check_rendering_key(x->term->text, run->rend[run->n_rend].key, sizeof(x->key));
    run->n_rend++;
    return SEL_OK;
}

static const char *slice(struct check_run *run, const char *text, size_t start, size_t end)
{
    const char *s = sel_arena_strndup(&run->r->strings, text + start, end - start);
    if (!s)
        run->rc = SEL_ENOMEM;
    return s ? s : "";
}

// Whether some match of @p m's span (or a longer one around it) in [from, to) of the target is
// an approved term: then the deprecated reading is not the one the text has.
static bool covered_by_approved(const struct check_matches *t, size_t from, size_t to, const struct sel_term_match *m)
{
    for (size_t k = from; k < to; k++) {
        const struct sel_term_match *o = &t->v[k].m;
        if (o->term->status != SEL_STATUS_DEPRECATED && o->start <= m->start && o->end >= m->end)
            return true;
    }
    return false;
}

static int deprecated_in_bead(struct check_run *run, size_t b, size_t s0, size_t s1, size_t t0, size_t t1)
{
    const struct sel_bead *bd = &run->r->alignment.beads[b];
    const struct sel_align_doc *src = &run->r->src, *tgt = &run->r->tgt;
    int rc = SEL_OK;
    for (size_t k = t0; rc == SEL_OK && k < t1; k++) {
        const struct sel_term_match *m = &run->tgt.v[k].m;
        if (m->term->status != SEL_STATUS_DEPRECATED || covered_by_approved(&run->tgt, t0, t1, m))
            continue;
        bool seen = false; // one finding per span, however many concepts share the term
        for (size_t j = t0; j < k && !seen; j++)
            seen = run->tgt.v[j].m.start == m->start && run->tgt.v[j].m.end == m->end &&
                   run->tgt.v[j].m.term->status == SEL_STATUS_DEPRECATED;
        if (seen)
            continue;
        const struct sel_term_match *from = NULL;
        for (size_t i = s0; i < s1 && !from; i++)
            if (run->src.v[i].m.concept == m->concept)
                from = &run->src.v[i].m;
        struct sel_finding f = {
            .kind = SEL_CHECK_DEPRECATED_TERM, .bead = b, .src = bd->src, .n_src = bd->n_src,
            .tgt = run->tgt.v[k].sentence, .n_tgt = 1,
            .src_start = from ? from->start : bd->n_src ? src->sentences[bd->src].start : 0,
            .src_end = from ? from->end : bd->n_src ? src->sentences[bd->src].start : 0,
            .tgt_start = m->start, .tgt_end = m->end,
            .source_term = from ? slice(run, src->text, from->start, from->end) : NULL,
            .expected = check_approved(run, m->concept, "en"),
            .found = slice(run, tgt->text, m->start, m->end),
            .concept_id = m->concept->id,
        };
        rc = check_add(run, &f);
    }
    return rc;
}

// Consistency is asked of terminology proper: a phrase, an acronym or abbreviation, a name. Single
// general words are varied on purpose in news English ("troops", "soldiers"; "ship", "vessel").
static bool consistency_matters(const struct sel_term_match *m)
{
    const struct sel_term *t = m->term;
    return strchr(t->text, ' ') || t->type == SEL_TYPE_ACRONYM || t->type == SEL_TYPE_ABBREVIATION ||
           t->pos == SEL_POS_PROPER_NOUN;
}

// Whether a source match is terminology to check for: a noun, a name or a phrase. A verb, an
// adjective or an adverb of one word ("menuntut", "menolak", "dipimpin") is rendered freely in
// news translation ("demand", "call for", "urge"), and a missing equivalent says little.
static bool is_term(const struct sel_term_match *m)
{
    const struct sel_term *t = m->term;
    if (strchr(t->text, ' '))
        return true;
    return t->pos != SEL_POS_VERB && t->pos != SEL_POS_ADJECTIVE && t->pos != SEL_POS_ADVERB;
}

// Whether every letter of @p s is lower case and some word of it is unknown to the English analysis.
static bool not_english(struct check_run *run, const char *s)
{
    for (const char *p = s; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            return false;
    sel_analyzer *an = sel_tagger_analyzer(run->ck->tag_tgt);
    for (const char *p = s; *p;) {
        size_t n = strcspn(p, " -");
        struct sel_word w;
        if (n && sel_analyze_word(an, run->ctx, p, n, &w) == SEL_OK && (w.flags & SEL_TOK_UNKNOWN))
            return true;
        p += n;
        p += *p != '\0';
    }
    return false;
}

static bool is_noun(const struct sel_term *t)
{
    return t->pos == SEL_POS_NOUN || t->pos == SEL_POS_PROPER_NOUN;
}

// Whether target match @p m is a one-word noun term found in a verb's form: "ruled" is not the
// noun "rule", though both have the lemma "rule".
static bool verb_form(const char *text, const struct sel_term_match *m)
{
    const struct sel_term *t = m->term;
    size_t n = m->end - m->start, k = strlen(t->text);
    if (!is_noun(t) || strchr(t->text, ' ') || n < 4)
        return false;
    const char *w = text + m->start;
    bool ed = strncasecmp(w + n - 2, "ed", 2) == 0, ing = strncasecmp(w + n - 3, "ing", 3) == 0;
    return (ed && !(k >= 2 && strcasecmp(t->text + k - 2, "ed") == 0)) ||
           (ing && !(k >= 3 && strcasecmp(t->text + k - 3, "ing") == 0));
}

// An approved equivalent the English analysis missed, in another spelling or inflection, or a
// multi-word one shortened to its head word (phrase.c). Returns the equivalent, or NULL; @p whole
// says whether it stands whole (a rendering of its own) rather than by its head.
static const struct sel_term *loosely_confirmed(const struct sel_concept *c, const char *text, size_t start,
                                                size_t end, bool *whole, bool strict)
{
    bool dummy;
    if (!whole)
        whole = &dummy;
    for (size_t t = 0; t < c->n_terms; t++) {
        const struct sel_term *e = &c->terms[t];
        if (strcmp(e->lang, "en") != 0 || e->status == SEL_STATUS_DEPRECATED)
            continue;
        if (check_phrase_in(text, start, end, e->text, false, strict && is_noun(e))) {
            *whole = true;
            return e;
        }
    }
    for (size_t t = 0; t < c->n_terms; t++) {
        const struct sel_term *e = &c->terms[t];
        if (strcmp(e->lang, "en") != 0 || e->status == SEL_STATUS_DEPRECATED)
            continue;
        if (check_phrase_in(text, start, end, e->text, true, strict && is_noun(e))) {
            *whole = false;
            return e;
        }
    }
    return NULL;
}

// Whether a longer match of the same concept covers @p m: "Security Council" inside "UN Security
// Council" is not a rendering of its own.
static bool inside_longer(const struct check_matches *t, size_t from, size_t to, const struct sel_term_match *m)
{
    for (size_t k = from; k < to; k++) {
        const struct sel_term_match *o = &t->v[k].m;
        if (o->concept == m->concept && o->start <= m->start && o->end >= m->end && o->end - o->start > m->end - m->start)
            return true;
    }
    return false;
}

void check_term_evidence(struct check_run *run, size_t b, size_t k, size_t other, size_t *possible, size_t *shared)
{
    const struct sel_bead *bd = &run->r->alignment.beads[b];
    const struct sel_align_doc *tgt = &run->r->tgt;
    size_t t0 = run->tgt.first[bd->tgt], t1 = run->tgt.first[bd->tgt + bd->n_tgt];
    size_t tgt_start = tgt->sentences[bd->tgt].start, tgt_end = tgt->sentences[bd->tgt + bd->n_tgt - 1].end;
    for (size_t i = run->src.first[k]; i < run->src.first[k + 1]; i++) {
        const struct sel_term_match *m = &run->src.v[i].m;
        if (!is_term(m))
            continue;
        ++*possible;
        // A term the other sentence of a merged bead holds too is that sentence's evidence as well:
        // it tells for this one only when the target renders it once more than that sentence has it.
        size_t in_other = 0;
        for (size_t j = other != SIZE_MAX ? run->src.first[other] : 0;
             other != SIZE_MAX && j < run->src.first[other + 1]; j++)
            in_other += run->src.v[j].m.concept == m->concept;
        size_t renderings = 0;
        size_t last_end = 0;
        for (size_t j = t0; j < t1; j++) {
            const struct sel_term_match *t = &run->tgt.v[j].m;
            if (t->concept == m->concept && !verb_form(tgt->text, t) && (renderings == 0 || t->start >= last_end)) {
                renderings++;
                last_end = t->end;
            }
        }
        bool found = renderings > in_other;
        if (!found && !in_other) {
            char written[256];
            size_t n = m->end - m->start < sizeof(written) - 1 ? m->end - m->start : sizeof(written) - 1;
            memcpy(written, run->r->src.text + m->start, n);
            written[n] = '\0';
            // In a merged bead a head word alone ("Ministry") may be the other sentence's term
            // ("Finance Ministry"): only a whole equivalent tells there.
            bool whole = false;
            found = check_has_word(tgt->text, tgt_start, tgt_end, written, n) ||
                    (loosely_confirmed(m->concept, tgt->text, tgt_start, tgt_end, &whole, true) &&
                     (whole || other == SIZE_MAX));
        }
        *shared += found;
    }
}

static bool word_is(const char *text, size_t start, size_t end, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == end - start && strncasecmp(text + start, list[i], end - start) == 0)
            return true;
    return false;
}

// The word after @p pos in [pos, end) of @p text (after one space), as [*ws, *we).
static bool next_word(const char *text, size_t pos, size_t end, size_t *ws, size_t *we)
{
    if (pos >= end || text[pos] != ' ')
        return false;
    size_t i = pos + 1, j = i;
    while (j < end && (((unsigned char)text[j] | 0x20) >= 'a' && ((unsigned char)text[j] | 0x20) <= 'z'))
        j++;
    *ws = i;
    *we = j;
    return j > i;
}

static const char *const ANAPHORS[] = { "it", "its", "they", "them", "their", "first", "second", "third", "latter",
                                        "former", NULL };
static const char *const POINTING[] = { "tersebut", "itu", "ini", "pertama", "kedua", "ketiga", NULL };
static const char *const PLACE_NOUNS[] = { "wilayah", "kawasan", "daerah", "provinsi", "pulau", NULL };

// Whether a term without an equivalent in its target is one an English translation leaves out by
// rule, not by mistake:
//   - an Indonesian acronym qualifying the name before it, "Kemlu RI", "Marsdya TNI" ("the
//     Foreign Ministry", "Air Marshal"): English leaves the country or the force understood;
//   - a place noun before a place name the target holds, "wilayah Kashmir" ("Kashmir");
//   - a term already rendered earlier in the document and referred back to, "kapal tersebut",
//     "Kapal pertama", by a pronoun or "the first" in the target ("it", "The first");
//   - a term already rendered earlier in the document that is the subject of its sentence
//     ("Kemlu juga melayangkan ...") when the target sentence begins with "It" or "They" ("It
//     also lodged ..."), or the owner in the noun phrase that begins it ("Sekretariat Jenderal
//     OKI ...") when the target begins with "Its" or "Their" ("Its General Secretariat ...").
// Whether @p c is Indonesia's own (the state, its forces): an approved equivalent says "Indonesia".
static bool indonesian_qualifier(const struct sel_concept *c)
{
    for (size_t t = 0; t < c->n_terms; t++)
        if (strcmp(c->terms[t].lang, "en") == 0 && c->terms[t].status != SEL_STATUS_DEPRECATED &&
            strstr(c->terms[t].text, "Indonesia"))
            return true;
    return false;
}

// Where a term stands in the subject of its sentence: as the subject itself, first but for a
// plural or quantifying word ("Kemlu juga ...", "Para prajurit ..."), or as the owner in a noun
// phrase of three words at most that begins the sentence ("Sekretariat Jenderal OKI ...").
enum subject_place { NOT_SUBJECT, SUBJECT, OWNER };

static const char *const DETERMINERS[] = { "para", "sang", "kaum", "seluruh", "semua", "beberapa", "kedua", NULL };

static enum subject_place subject_place(const char *t, size_t start, size_t pos)
{
    size_t words = 0, determiners = 0;
    for (size_t i = start; i < pos;) {
        size_t j = i;
        while (j < pos && t[j] != ' ')
            j++;
        if (j > i) {
            words++;
            determiners += word_is(t, i, j, DETERMINERS);
        }
        i = j + 1;
    }
    return words == determiners ? SUBJECT : words < 3 ? OWNER : NOT_SUBJECT;
}

static const char *const SUBJECT_PRONOUNS[] = { "it", "they", NULL };
static const char *const OWNER_PRONOUNS[] = { "its", "their", NULL };

// Whether the sentence [start, end) begins with a pronoun of @p list: "It also lodged ...", "Its
// General Secretariat ...".
static bool starts_with(const char *text, size_t start, size_t end, const char *const *list)
{
    while (start < end && (text[start] == '"' || text[start] == '\''))
        start++;
    size_t e = start;
    while (e < end && (((unsigned char)text[e] | 0x20) >= 'a' && ((unsigned char)text[e] | 0x20) <= 'z'))
        e++;
    return e > start && word_is(text, start, e, list);
}

static bool word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// How often the @p len bytes at @p word stand in [start, end) of @p text as a whole word, ignoring ASCII case.
static size_t count_word(const char *text, size_t start, size_t end, const char *word, size_t len)
{
    size_t n = 0;
    for (size_t i = start; len && i + len <= end; i++)
        if ((i == start || !word_byte((unsigned char)text[i - 1])) &&
            (i + len == end || !word_byte((unsigned char)text[i + len])) && strncasecmp(text + i, word, len) == 0) {
            n++;
            i += len - 1;
        }
    return n;
}

static bool left_out_by_rule(struct check_run *run, size_t b, size_t i)
{
    const struct sel_bead *bd = &run->r->alignment.beads[b];
    const struct sel_align_doc *src = &run->r->src, *tgt = &run->r->tgt;
    const struct sel_term_match *m = &run->src.v[i].m;
    const struct sel_sentence *s = &src->sentences[run->src.v[i].sentence];
    const char *t = src->text;
    if (m->term->type == SEL_TYPE_ACRONYM && m->start >= s->start + 2 && t[m->start - 1] == ' ' &&
        t[m->start - 2] != ',' && indonesian_qualifier(m->concept)) {
        size_t w = m->start - 1;
        while (w > s->start && t[w - 1] != ' ')
            w--;
        if (t[w] >= 'A' && t[w] <= 'Z')
            return true;
    }
    size_t ws, we;
    size_t ts = tgt->sentences[bd->tgt].start, te = tgt->sentences[bd->tgt + bd->n_tgt - 1].end;
    // the place name as often in the target as in the source sentences: "Kementerian Luar Negeri
    // Thailand ... wilayah Thailand" needs a second "Thailand" for the "wilayah"
    const struct sel_sentence *s0 = &src->sentences[bd->src], *s1 = &src->sentences[bd->src + bd->n_src - 1];
    if (word_is(t, m->start, m->end, PLACE_NOUNS) && next_word(t, m->end, s->end, &ws, &we) && t[ws] >= 'A' &&
        t[ws] <= 'Z' &&
        count_word(tgt->text, ts, te, t + ws, we - ws) >= count_word(t, s0->start, s1->end, t + ws, we - ws))
        return true;
    bool before = false; // rendered in an earlier bead
    for (size_t k = 0; k < run->tgt.first[bd->tgt] && !before; k++)
        before = run->tgt.v[k].m.concept == m->concept;
    if (!before)
        return false;
    enum subject_place place = subject_place(t, s->start, m->start);
    if (place != NOT_SUBJECT)
        for (size_t k = bd->tgt; k < bd->tgt + bd->n_tgt; k++)
            if (starts_with(tgt->text, tgt->sentences[k].start, tgt->sentences[k].end,
                            place == SUBJECT ? SUBJECT_PRONOUNS : OWNER_PRONOUNS))
                return true;
    if (!next_word(t, m->end, s->end, &ws, &we) || !word_is(t, ws, we, POINTING))
        return false;
    for (size_t x = ts; x < te; x++) {
        if (x > ts && (((unsigned char)tgt->text[x - 1] | 0x20) >= 'a' && ((unsigned char)tgt->text[x - 1] | 0x20) <= 'z'))
            continue;
        size_t y = x;
        while (y < te && (((unsigned char)tgt->text[y] | 0x20) >= 'a' && ((unsigned char)tgt->text[y] | 0x20) <= 'z'))
            y++;
        if (y > x && word_is(tgt->text, x, y, ANAPHORS))
            return true;
    }
    return false;
}

// Whether the target [start, end) glosses @p c with one of its Indonesian terms in brackets, as a
// translator introduces a local term ("main weapons systems (alutsista)"): the rendering there is
// an explanation, and a shorter rendering later in the document ("arms") is not another one.
// An Indonesian term that is also an English one ("House of Representatives (DPR)") is no gloss.
static bool glossed(const struct sel_concept *c, const char *text, size_t start, size_t end)
{
    for (size_t t = 0; t < c->n_terms; t++) {
        const struct sel_term *id = &c->terms[t];
        if (strcmp(id->lang, "id") != 0 || id->status == SEL_STATUS_DEPRECATED)
            continue;
        bool english = false;
        for (size_t e = 0; e < c->n_terms && !english; e++)
            english = strcmp(c->terms[e].lang, "en") == 0 && strcasecmp(c->terms[e].text, id->text) == 0;
        size_t n = strlen(id->text);
        for (size_t i = start; !english && i + n + 2 <= end; i++)
            if (text[i] == '(' && text[i + n + 1] == ')' && strncasecmp(text + i + 1, id->text, n) == 0)
                return true;
    }
    return false;
}

struct nested {
    const struct sel_term_match *outer;
    struct sel_term_match best;
    bool found;
};

static bool keep_nested(void *user, const struct sel_term_match *m)
{
    struct nested *n = user;
    if (m->concept != n->outer->concept && is_term(m) && m->term->pos != SEL_POS_VERB &&
        m->end - m->start < n->outer->end - n->outer->start &&
        (!n->found || m->end - m->start > n->best.end - n->best.start)) {
        n->best = *m;
        n->found = true;
    }
    return true;
}

// The noun term inside a verb phrase of the termbase ("kesepakatan" in "mencapai kesepakatan"):
// the verb around it is rendered freely ("strike a deal", "hammer out an agreement"), the noun is
// the terminology. *found says whether the phrase holds one.
static int noun_inside(struct check_run *run, const struct sel_term_match *m, struct sel_term_match *out, bool *found)
{
    *found = false;
    if (m->term->pos != SEL_POS_VERB || !strchr(m->term->text, ' '))
        return SEL_OK;
    struct nested n = { m, { 0 }, false };
    int rc = sel_tagger_tag_span(run->ck->tag_src, run->ctx, run->r->src.text, m->start, m->end, true, keep_nested, &n);
    *out = n.best;
    *found = rc == SEL_OK && n.found;
    return rc;
}

int check_bead_terms(struct check_run *run, size_t b)
{
    const struct sel_bead *bd = &run->r->alignment.beads[b];
    const struct sel_align_doc *src = &run->r->src, *tgt = &run->r->tgt;
    size_t s0 = run->src.first[bd->src], s1 = run->src.first[bd->src + bd->n_src];
    size_t t0 = run->tgt.first[bd->tgt], t1 = run->tgt.first[bd->tgt + bd->n_tgt];
    bool untranslated = false;
    for (size_t k = bd->tgt; k < bd->tgt + bd->n_tgt; k++)
        untranslated |= run->tgt_untranslated[k];
    int rc = deprecated_in_bead(run, b, s0, s1, t0, t1);
    size_t tgt_start = bd->n_tgt ? tgt->sentences[bd->tgt].start : 0;
    size_t tgt_end = bd->n_tgt ? tgt->sentences[bd->tgt + bd->n_tgt - 1].end : 0;
    for (size_t i = s0; rc == SEL_OK && i < s1; i++) {
        const struct sel_term_match *m = &run->src.v[i].m;
        run->r->term_occurrences++;
        if (untranslated || run->src_one_sided[run->src.v[i].sentence])
            continue; // the sentence is reported whole
        bool any = false, gloss = glossed(m->concept, tgt->text, tgt_start, tgt_end);
        for (size_t k = t0; rc == SEL_OK && k < t1; k++) {
            const struct check_match *t = &run->tgt.v[k];
            if (t->m.concept != m->concept)
                continue;
            any = true; // a deprecated one is reported where it stands
            if (t->m.term->status != SEL_STATUS_DEPRECATED && consistency_matters(m) && !gloss &&
                !inside_longer(&run->tgt, t0, t1, &t->m))
                rc = add_rendering(run, &(struct rendering){ m->concept, t->m.term, i, b, t->m.start, t->m.end, "" });
        }
        if (any || rc != SEL_OK)
            continue;
        if (!is_term(m))
            continue;
        const char *written = slice(run, src->text, m->start, m->end);
        bool left = false;
        if (check_has_word(tgt->text, tgt_start, tgt_end, written, strlen(written))) {
            // Names and acronyms are written alike in both languages; a lower-case word the English
            // dictionary does not know is Indonesian left in the target.
            if (!not_english(run, written))
                continue;
            left = true;
        } else {
            bool whole = false;
            const struct sel_term *e = loosely_confirmed(m->concept, tgt->text, tgt_start, tgt_end, &whole, false);
            // an equivalent the analysis missed ("Democratic People's Republic of Korea's") is a
            // rendering all the same
            if (e && whole && consistency_matters(m) && !gloss)
                rc = add_rendering(run, &(struct rendering){ m->concept, e, i, b, tgt_start, tgt_start, "" });
            if (e || rc != SEL_OK || left_out_by_rule(run, b, i))
                continue;
            // a verb phrase rendered freely around its noun is rendered; else the noun is what is missing
            struct sel_term_match noun;
            bool has_noun;
            if ((rc = noun_inside(run, m, &noun, &has_noun)) != SEL_OK)
                break;
            if (has_noun) {
                bool rendered = false;
                for (size_t k = t0; k < t1 && !rendered; k++)
                    rendered = run->tgt.v[k].m.concept == noun.concept;
                if (rendered || loosely_confirmed(noun.concept, tgt->text, tgt_start, tgt_end, NULL, false))
                    continue;
                written = slice(run, src->text, noun.start, noun.end);
                struct sel_finding f = {
                    .kind = SEL_CHECK_MISSING_TERM, .bead = b, .src = run->src.v[i].sentence, .n_src = 1,
                    .tgt = bd->tgt, .n_tgt = bd->n_tgt, .src_start = noun.start, .src_end = noun.end,
                    .tgt_start = tgt_start, .tgt_end = tgt_start, .source_term = written,
                    .expected = check_approved(run, noun.concept, "en"),
                    .found = check_sentences_text(run, tgt, bd->tgt, bd->n_tgt), .concept_id = noun.concept->id,
                };
                rc = check_add(run, &f);
                continue;
            }
        }
        struct sel_finding f = {
            .kind = left ? SEL_CHECK_UNTRANSLATED : SEL_CHECK_MISSING_TERM, .bead = b,
            .src = run->src.v[i].sentence, .n_src = 1, .tgt = bd->tgt, .n_tgt = bd->n_tgt,
            .src_start = m->start, .src_end = m->end, .tgt_start = tgt_start, .tgt_end = tgt_start,
            .source_term = written, .expected = check_approved(run, m->concept, "en"),
            .found = left ? written : check_sentences_text(run, tgt, bd->tgt, bd->n_tgt),
            .concept_id = m->concept->id,
        };
        rc = check_add(run, &f);
    }
    return rc;
}

/* ---- consistency ------------------------------------------------------------------------- */

static int cmp_rendering(const void *a, const void *b)
{
    const struct rendering *x = a, *y = b;
    int c = strcmp(x->concept->id, y->concept->id);
    if (c)
        return c;
    return x->occ < y->occ ? -1 : x->occ > y->occ;
}

// An acronym or a short form may alternate with the full form in any good translation
// ("the United Nations ... the UN"): only full forms, variants and phrases count as renderings.
static bool counts(const struct sel_term *t)
{
    return t->type != SEL_TYPE_ACRONYM && t->type != SEL_TYPE_ABBREVIATION && t->type != SEL_TYPE_SHORT_FORM;
}

enum { KEY_WORDS = 16 };

// The space-separated stems of a key, each as a pointer and a length.
static size_t key_words(const char *key, const char *w[KEY_WORDS], size_t len[KEY_WORDS])
{
    size_t n = 0;
    for (const char *p = key; *p && n < KEY_WORDS;) {
        size_t k = strcspn(p, " ");
        w[n] = p;
        len[n++] = k;
        p += k + (p[k] == ' ');
    }
    return n;
}

// Whether the stems from @p i of @p a match those from @p j of @p b to the end, a stem of two to
// five letters matching as many words of the other by their initials ("UN" = "United Nations").
static bool words_match(const char *const *a, const size_t *la, size_t na, size_t i, const char *const *b,
                        const size_t *lb, size_t nb, size_t j)
{
    if (i == na || j == nb)
        return i == na && j == nb;
    if (la[i] == lb[j] && strncmp(a[i], b[j], la[i]) == 0 && words_match(a, la, na, i + 1, b, lb, nb, j + 1))
        return true;
    for (int side = 0; side < 2; side++) {
        const char *const *x = side ? b : a, *const *y = side ? a : b;
        const size_t *lx = side ? lb : la;
        size_t ny = side ? na : nb, xi = side ? j : i, yi = side ? i : j;
        size_t k = lx[xi];
        if (k < 2 || k > 4 || yi + k > ny) // four-letter stems: "NATO" is its own word
            continue;
        bool initials = true;
        for (size_t m = 0; m < k && initials; m++)
            initials = x[xi][m] == y[yi + m][0];
        if (initials && (side ? words_match(a, la, na, i + k, b, lb, nb, j + 1)
                              : words_match(a, la, na, i + 1, b, lb, nb, j + k)))
            return true;
    }
    return false;
}

// Whether every stem of key @p a is one of @p b's.
static bool stems_within(const char *a, const char *b)
{
    const char *wa[KEY_WORDS], *wb[KEY_WORDS];
    size_t la[KEY_WORDS], lb[KEY_WORDS];
    size_t na = key_words(a, wa, la), nb = key_words(b, wb, lb);
    for (size_t i = 0; i < na; i++) {
        bool found = false;
        for (size_t j = 0; j < nb && !found; j++)
            found = la[i] == lb[j] && strncmp(wa[i], wb[j], la[i]) == 0;
        if (!found)
            return false;
    }
    return true;
}

// Two renderings are one when one's content words are among the other's, in any order ("Commission
// I" and "House Commission I", "Defence Ministry" and "Ministry of Defence", "Sudan" and
// "Sudanese"), or when one spells out the other's acronym ("UN Security Council" and "United
// Nations Security Council") (check_rendering_key()).
static bool same_rendering(const char *a, const char *b)
{
    const char *wa[KEY_WORDS], *wb[KEY_WORDS];
    size_t la[KEY_WORDS], lb[KEY_WORDS];
    size_t na = key_words(a, wa, la), nb = key_words(b, wb, lb);
    return stems_within(a, b) || stems_within(b, a) || words_match(wa, la, na, 0, wb, lb, nb, 0);
}

// The renderings [from, to) of one concept: the equivalent used most (the preferred one, then the
// first seen, on a tie), then
// each occurrence none of whose renderings is that one.
static int check_concept(struct check_run *run, size_t from, size_t to)
{
    const struct rendering *best = NULL;
    size_t best_n = 0, kinds = 0;
    for (size_t i = from; i < to; i++) {
        if (!counts(run->rend[i].term))
            continue;
        // occurrences rendered so, each counted once however many matches its target has
        size_t n = 0, last = SIZE_MAX;
        bool first = true;
        for (size_t j = from; j < to; j++) {
            if (!same_rendering(run->rend[j].key, run->rend[i].key))
                continue;
            first &= j >= i;
            n += run->rend[j].occ != last;
            last = run->rend[j].occ;
        }
        kinds += first;
        // on a tie, the termbase's order: a preferred term before an admitted one
        if (n > best_n || (n == best_n && best && run->rend[i].term->status < best->term->status)) {
            best = &run->rend[i];
            best_n = n;
        }
    }
    if (kinds < 2)
        return SEL_OK;
    int rc = SEL_OK;
    for (size_t i = from; rc == SEL_OK && i < to;) {
        size_t j = i;
        bool ok = false, counted = false;
        for (; j < to && run->rend[j].occ == run->rend[i].occ; j++) {
            ok |= same_rendering(run->rend[j].key, best->key) || !counts(run->rend[j].term);
            counted |= counts(run->rend[j].term);
        }
        if (!ok && counted) {
            const struct rendering *x = &run->rend[i];
            const struct sel_term_match *m = &run->src.v[x->occ].m;
            const struct sel_bead *bd = &run->r->alignment.beads[x->bead];
            struct sel_finding f = {
                .kind = SEL_CHECK_INCONSISTENT, .bead = x->bead, .src = run->src.v[x->occ].sentence, .n_src = 1,
                .tgt = bd->tgt, .n_tgt = bd->n_tgt, .src_start = m->start, .src_end = m->end,
                .tgt_start = x->tgt_start, .tgt_end = x->tgt_end,
                .source_term = slice(run, run->r->src.text, m->start, m->end), .expected = best->term->text,
                .found = x->tgt_end > x->tgt_start ? slice(run, run->r->tgt.text, x->tgt_start, x->tgt_end)
                                                    : x->term->text,
                .concept_id = x->concept->id,
            };
            rc = check_add(run, &f);
        }
        i = j;
    }
    return rc;
}

int check_consistency(struct check_run *run)
{
    if (run->n_rend > 1)
        qsort(run->rend, run->n_rend, sizeof(*run->rend), cmp_rendering);
    int rc = SEL_OK;
    for (size_t i = 0; rc == SEL_OK && i < run->n_rend;) {
        size_t j = i;
        while (j < run->n_rend && run->rend[j].concept == run->rend[i].concept)
            j++;
        rc = check_concept(run, i, j);
        i = j;
    }
    return rc;
}
