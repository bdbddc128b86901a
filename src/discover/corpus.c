// SPDX-License-Identifier: MIT
// The aligned beads of the database as word ids: each side's content sentences (boilerplate left
// out) analysed into lowercased lemmas, the Indonesian side with the termbase's terms marked,
// the English side with the confirmed translations of those terms marked; then the word aligner
// trained on them, with every confirmed termbase pair added as an anchor pair of its own.
#include "src/discover/discover_internal.h"

#include <stdlib.h>
#include <string.h>

int vocab_init(struct vocab *v)
{
    memset(v, 0, sizeof(*v));
    return sel_strmap_new(&v->map);
}

void vocab_finish(struct vocab *v)
{
    sel_strmap_free(v->map);
    free(v->words);
    sel_arena_finish(&v->arena);
    memset(v, 0, sizeof(*v));
}

uint32_t vocab_id(struct vocab *v, const char *s, size_t len)
{
    uintptr_t got = (uintptr_t)sel_strmap_get(v->map, s, len);
    if (got)
        return (uint32_t)(got - 1);
    char *copy = sel_arena_strndup(&v->arena, s, len);
    if (!copy || SEL_ARRAY_RESERVE(v->words, v->cap, v->n + 1) != SEL_OK ||
        sel_strmap_put(v->map, s, len, (void *)(uintptr_t)(v->n + 1)) != SEL_OK)
        return UINT32_MAX;
    v->words[v->n] = copy;
    return (uint32_t)v->n++;
}

// A growable byte buffer for one side's text.
struct buf {
    char *data;
    size_t len, cap;
};

static int buf_add(struct buf *b, const char *s, size_t len)
{
    if (SEL_ARRAY_RESERVE(b->data, b->cap, b->len + len + 1) != SEL_OK)
        return SEL_ENOMEM;
    memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
    return SEL_OK;
}

// The content sentences of one side joined by a space; ranges[k] = start, end of sentence k. A
// bead holds one or two sentences a side (a translation-memory unit a few more); past eight the
// rest of a side is left out, as no aligned bead has them.
static int side_text(struct buf *b, size_t *ranges, size_t *n_ranges, const struct sel_bead_sentence *s, size_t n)
{
    b->len = 0;
    *n_ranges = 0;
    int rc = buf_add(b, "", 0);
    for (size_t k = 0; k < n && rc == SEL_OK; k++) {
        if (s[k].boilerplate || *n_ranges >= 8)
            continue;
        if (b->len)
            rc = buf_add(b, " ", 1);
        ranges[2 * *n_ranges] = b->len;
        if (rc == SEL_OK)
            rc = buf_add(b, s[k].text, s[k].len);
        ranges[2 * (*n_ranges)++ + 1] = b->len;
    }
    return rc;
}

struct reader {
    struct corpus *c;
    sel_ctx *ctx;
    const struct general *g, *en_words;
    const struct sel_discover_options *opts;
    sel_tagger *tagger;
    sel_analyzer *en;
    struct buf src, tgt;
    // the tokens of the current sentence: their index among the side's stored tokens, or -1
    long *stored;
    size_t stored_cap;
    struct bead *bead;
    uint32_t matches;     // termbase matches in the bead so far
    const struct sel_token *sent_tokens;
    int rc;
    bool pending_break;
    struct token *en_tokens; // an English text analysed on its own (an anchor's translation)
    size_t n_en, en_cap;
    bool en_to_corpus;       // en_push() stores into the corpus, not en_tokens
};

// The one word every number is to the alignment model (no lemma holds a control character).
#define NUMBER_WORD "\x01number"

static int lower_id(struct vocab *v, const char *lemma, uint32_t *id)
{
    char low[256];
    sel_text_lowercase(lemma, low, sizeof(low));
    *id = vocab_id(v, low, strlen(low));
    return *id == UINT32_MAX ? SEL_ENOMEM : SEL_OK;
}

static bool has_digit(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return true;
    return false;
}

// Whether a lemma is a verb derived from its root by meN-, di-, ber- or ter- (`menyerukan`,
// `ditutup`, `berencana`, `terlibat`), or a di- passive.
static bool verbal(const char *lemma, const char *root, unsigned flags)
{
    if (flags & SEL_TOK_PASSIVE)
        return true;
    if (!root || strcmp(lemma, root) == 0)
        return false;
    static const char *const prefixes[] = { "me", "di", "ber", "ter", NULL };
    for (size_t i = 0; prefixes[i]; i++)
        if (strncmp(lemma, prefixes[i], strlen(prefixes[i])) == 0)
            return true;
    return false;
}

static bool mark_match(void *user, const struct sel_term_match *m)
{
    struct reader *r = user;
    r->matches++;
    for (size_t k = m->first_token; k < m->first_token + m->n_tokens; k++) {
        long at = r->stored[k];
        if (at < 0)
            continue;
        struct token *t = &r->c->src[r->bead->src + (size_t)at];
        t->match = (uint16_t)(r->matches > UINT16_MAX ? UINT16_MAX : r->matches);
        t->flags |= TOK_ANCHOR;
    }
    if (r->opts->subject_hint && m->concept->subject && strcmp(m->concept->subject, r->opts->subject_hint) == 0)
        r->bead->subject = true;
    return true;
}

// The Indonesian sentence [start, end) of the bead's source text.
static int read_src_sentence(struct reader *r, size_t start, size_t end)
{
    struct corpus *c = r->c;
    const struct sel_token *toks;
    size_t n;
    int rc = sel_tagger_tokens(r->tagger, r->ctx, r->src.data, start, end, &toks, &n);
    if (rc != SEL_OK)
        return rc;
    if (SEL_ARRAY_RESERVE(r->stored, r->stored_cap, n + 1) != SEL_OK ||
        SEL_ARRAY_RESERVE(c->src, c->src_cap, c->n_src + n) != SEL_OK)
        return SEL_ENOMEM;
    bool brk = true;
    for (size_t k = 0; k < n; k++) {
        const struct sel_token *tk = &toks[k];
        r->stored[k] = -1;
        if (tk->word.flags & SEL_TOK_PUNCT) {
            // the hyphen inside a compound split into its words (`al-Assad`) joins, it does not break
            bool joins = tk->end == tk->start + 1 && r->src.data[tk->start] == '-' && k > 0 &&
                         toks[k - 1].end == tk->start && k + 1 < n && toks[k + 1].start == tk->end;
            brk = brk || !joins;
            continue;
        }
        struct token t = { .start = (uint32_t)tk->start, .end = (uint32_t)tk->end };
        bool number = (tk->word.flags & SEL_TOK_NUM) || has_digit(r->src.data + tk->start, tk->end - tk->start);
        // every number is one word to the alignment model: it need not learn each (nor hold a
        // table row for each beside every English word of its sentence)
        if ((rc = lower_id(&c->id_vocab, number ? NUMBER_WORD : tk->word.lemma, &t.id)) != SEL_OK)
            return rc;
        const char *low = c->id_vocab.words[t.id];
        t.flags = (uint16_t)(general_flags(r->g, low) | (brk ? TOK_BREAK : 0));
        if (number || strlen(low) < 2)
            t.flags |= TOK_FUNCTION;
        if (tk->word.flags & SEL_TOK_PROPER)
            t.flags |= TOK_PROPER;
        if (verbal(low, tk->word.root, tk->word.flags))
            t.flags |= TOK_VERBAL;
        if (tk->start > 0 && r->src.data[tk->start - 1] == '-')
            t.flags |= TOK_GLUED_LEFT;
        if (r->src.data[tk->end] == '-')
            t.flags |= TOK_GLUED_RIGHT;
        unsigned char first = (unsigned char)r->src.data[tk->start];
        if (first >= 'A' && first <= 'Z' && k > 0)
            t.flags |= TOK_TITLE;
        brk = false;
        r->stored[k] = (long)(c->n_src - r->bead->src);
        c->src[c->n_src++] = t;
        if (SEL_ARRAY_RESERVE(c->id_freq, c->id_freq_cap, c->id_vocab.n) != SEL_OK)
            return SEL_ENOMEM;
        while (c->id_freq_n < c->id_vocab.n)
            c->id_freq[c->id_freq_n++] = 0;
        c->id_freq[t.id]++;
    }
    return sel_term_index_match(sel_tagger_index(r->tagger), r->ctx, r->src.data, toks, n, mark_match, r);
}

static bool en_push(void *user, const char *text, const struct sel_token *tk)
{
    struct reader *r = user;
    struct corpus *c = r->c;
    if (tk->word.flags & SEL_TOK_PUNCT) {
        r->pending_break = true;
        return true;
    }
    struct token t = { .start = (uint32_t)tk->start, .end = (uint32_t)tk->end };
    bool number = (tk->word.flags & SEL_TOK_NUM) || has_digit(text + tk->start, tk->end - tk->start);
    if ((r->rc = lower_id(&c->en_vocab, number ? NUMBER_WORD : tk->word.lemma, &t.id)) != SEL_OK)
        return false;
    if (r->pending_break)
        t.flags |= TOK_BREAK;
    while (c->en_class_n < c->en_vocab.n) { // each English word is looked up once
        if (SEL_ARRAY_RESERVE(c->en_class, c->en_class_cap, c->en_class_n + 1) != SEL_OK)
            return (r->rc = SEL_ENOMEM), false;
        c->en_class[c->en_class_n] =
            (uint16_t)(general_flags(r->en_words, c->en_vocab.words[c->en_class_n]) & (TOK_FUNCTION | TOK_EDGE));
        c->en_class_n++;
    }
    t.flags |= c->en_class[t.id];
    if (number)
        t.flags |= TOK_FUNCTION;
    if (tk->word.flags & SEL_TOK_PROPER)
        t.flags |= TOK_PROPER;
    r->pending_break = false;
    if (r->en_to_corpus) {
        if (SEL_ARRAY_RESERVE(c->tgt, c->tgt_cap, c->n_tgt + 1) != SEL_OK)
            return (r->rc = SEL_ENOMEM), false;
        c->tgt[c->n_tgt++] = t;
    } else {
        if (SEL_ARRAY_RESERVE(r->en_tokens, r->en_cap, r->n_en + 1) != SEL_OK)
            return (r->rc = SEL_ENOMEM), false;
        r->en_tokens[r->n_en++] = t;
    }
    return true;
}

// The confirmed translation @p target of a termbase occurrence at [start, end) of the bead's
// source: an anchor pair for training, and its words in the English side marked as taken.
static int anchor(struct reader *r, const struct sel_bead_view *v, const struct sel_bead_term *term,
                  uint32_t **ids, size_t *ids_cap)
{
    struct corpus *c = r->c;
    struct bead *b = r->bead;
    // the source tokens of the occurrence: those of the sentence whose bytes it covers
    long sent_start = v->src[term->sentence].start;
    size_t off = 0; // where that sentence starts in the bead's source text
    for (size_t k = 0; k < term->sentence; k++)
        if (!v->src[k].boilerplate)
            off += v->src[k].len + 1;
    if (v->src[term->sentence].boilerplate)
        return SEL_OK;
    size_t start = off + (size_t)(term->start - sent_start), end = off + (size_t)(term->end - sent_start);
    size_t n_ids = 0;
    for (uint32_t k = 0; k < b->n_src; k++) {
        const struct token *t = &c->src[b->src + k];
        if (t->start >= start && t->end <= end) {
            if (SEL_ARRAY_RESERVE(*ids, *ids_cap, n_ids + 1) != SEL_OK)
                return SEL_ENOMEM;
            (*ids)[n_ids++] = t->id;
        }
    }
    r->n_en = 0;
    r->en_to_corpus = false;
    int rc = sel_analyze_span(r->en, r->ctx, term->target, 0, strlen(term->target), en_push, r);
    if (rc == SEL_OK)
        rc = r->rc;
    if (rc != SEL_OK || !n_ids || !r->n_en)
        return rc;
    // the first unmarked place in the English side where the translation's lemmas stand
    for (uint32_t j = 0; j + r->n_en <= b->n_tgt; j++) {
        size_t k = 0;
        while (k < r->n_en && c->tgt[b->tgt + j + k].id == r->en_tokens[k].id &&
               !(c->tgt[b->tgt + j + k].flags & TOK_ANCHOR))
            k++;
        if (k == r->n_en) {
            for (k = 0; k < r->n_en; k++)
                c->tgt[b->tgt + j + k].flags |= TOK_ANCHOR;
            break;
        }
    }
    if (SEL_ARRAY_RESERVE(*ids, *ids_cap, n_ids + r->n_en) != SEL_OK)
        return SEL_ENOMEM;
    for (size_t k = 0; k < r->n_en; k++)
        (*ids)[n_ids + k] = r->en_tokens[k].id;
    // twice: a termbase pair weighs more than one bead of running text
    for (int twice = 0; twice < 2 && rc == SEL_OK; twice++)
        rc = sel_word_aligner_add(c->aligner, *ids, n_ids, *ids + n_ids, r->n_en);
    return rc;
}

// Whether two lowercased words are one and the same name as the two languages spell it: equal, or
// (both of five bytes or more) one letter apart (`kolombo` and `colombo`, `bagdad` and `baghdad`).
static bool spelt_alike(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la == lb && memcmp(a, b, la) == 0)
        return true;
    if (la < 5 || lb < 5 || (la > lb ? la - lb : lb - la) > 1)
        return false;
    size_t i = 0;
    while (i < la && i < lb && a[i] == b[i])
        i++;
    if (la == lb)
        return strcmp(a + i + 1, b + i + 1) == 0;
    return la > lb ? strcmp(a + i + 1, b + i) == 0 : strcmp(a + i, b + i + 1) == 0;
}

// The loanword skeleton ids of a vocabulary's words, computed once a word (the vocabulary grows as
// beads are read: the words not seen before get theirs).
static int skeletons_of(struct corpus *c, const struct vocab *v, bool english, uint32_t **skel, size_t *n,
                        size_t *cap)
{
    if (*n >= v->n)
        return SEL_OK;
    if (SEL_ARRAY_RESERVE(*skel, *cap, v->n) != SEL_OK)
        return SEL_ENOMEM;
    char out[2 * COGNATE_MAX + 1];
    for (; *n < v->n; ++*n) {
        (*skel)[*n] = UINT32_MAX;
        if (cognate_skeleton(v->words[*n], english, out, sizeof(out)) &&
            ((*skel)[*n] = vocab_id(&c->skeletons, out, strlen(out))) == UINT32_MAX)
            return SEL_ENOMEM;
    }
    return SEL_OK;
}

// A name the bead's two sides spell alike is an anchor pair of its own: the lexical model would
// otherwise have to learn from a handful of sightings what the spelling already says (a name seen
// three times may be linked to any word beside it). So is a loanword (`konvoi` and `convoy`,
// `otoritas` and `authority`, cognate.c): a lowercase content word whose skeleton an English word
// of the bead shares.
static int name_anchors(struct reader *r, const struct bead *b)
{
    struct corpus *c = r->c;
    int rc = SEL_OK;
    if (skeletons_of(c, &c->id_vocab, false, &c->id_skeleton, &c->id_skeleton_n, &c->id_skeleton_cap) != SEL_OK ||
        skeletons_of(c, &c->en_vocab, true, &c->en_skeleton, &c->en_skeleton_n, &c->en_skeleton_cap) != SEL_OK)
        return SEL_ENOMEM;
    for (uint32_t k = 0; k < b->n_src && rc == SEL_OK; k++) {
        const struct token *s = &c->src[b->src + k];
        if (s->flags & TOK_FUNCTION)
            continue;
        if (!(s->flags & (TOK_TITLE | TOK_PROPER))) {
            uint32_t sk = c->id_skeleton[s->id];
            if (sk == UINT32_MAX)
                continue;
            for (uint32_t j = 0; j < b->n_tgt; j++) {
                const struct token *t = &c->tgt[b->tgt + j];
                if (c->en_skeleton[t->id] == sk && !(t->flags & TOK_FUNCTION) &&
                    !cognate_false_friends(c->id_vocab.words[s->id], c->en_vocab.words[t->id])) {
                    rc = sel_word_aligner_add(c->aligner, &s->id, 1, &t->id, 1);
                    break;
                }
            }
            continue;
        }
        const char *sw = c->id_vocab.words[s->id];
        if (strlen(sw) < 3)
            continue;
        for (uint32_t j = 0; j < b->n_tgt; j++) {
            const struct token *t = &c->tgt[b->tgt + j];
            if (!(t->flags & TOK_FUNCTION) && spelt_alike(sw, c->en_vocab.words[t->id])) {
                rc = sel_word_aligner_add(c->aligner, &s->id, 1, &t->id, 1);
                break;
            }
        }
    }
    return rc;
}

static int read_bead(struct reader *r, const struct sel_bead_view *v, uint32_t **ids, size_t *ids_cap)
{
    struct corpus *c = r->c;
    size_t src_ranges[16], tgt_ranges[16], n_sr, n_tr;
    int rc = side_text(&r->src, src_ranges, &n_sr, v->src, v->n_src);
    if (rc == SEL_OK)
        rc = side_text(&r->tgt, tgt_ranges, &n_tr, v->tgt, v->n_tgt);
    if (rc != SEL_OK)
        return SEL_ENOMEM;
    if (!n_sr || !n_tr || r->src.len > UINT32_MAX / 2 || r->tgt.len > UINT32_MAX / 2)
        return SEL_OK; // one-sided or boilerplate only: nothing to learn from
    if (SEL_ARRAY_RESERVE(c->beads, c->beads_cap, c->n_beads + 1) != SEL_OK)
        return SEL_ENOMEM;
    struct bead *b = &c->beads[c->n_beads];
    *b = (struct bead){ .src = (uint32_t)c->n_src, .tgt = (uint32_t)c->n_tgt };
    r->bead = b;
    r->matches = 0;
    for (size_t k = 0; k < n_sr && rc == SEL_OK; k++)
        rc = read_src_sentence(r, src_ranges[2 * k], src_ranges[2 * k + 1]);
    b->n_src = (uint32_t)(c->n_src - b->src);
    r->en_to_corpus = true;
    for (size_t k = 0; k < n_tr && rc == SEL_OK; k++) {
        r->pending_break = true;
        rc = sel_analyze_span(r->en, r->ctx, r->tgt.data, tgt_ranges[2 * k], tgt_ranges[2 * k + 1], en_push, r);
        if (rc == SEL_OK)
            rc = r->rc;
    }
    b->n_tgt = (uint32_t)(c->n_tgt - b->tgt);
    if (rc != SEL_OK)
        return rc;
    if (!b->n_src || !b->n_tgt) {
        c->n_src = b->src;
        c->n_tgt = b->tgt;
        return SEL_OK;
    }
    for (size_t k = 0; k < v->n_terms && rc == SEL_OK; k++)
        if (v->terms[k].target)
            rc = anchor(r, v, &v->terms[k], ids, ids_cap);
    if (rc == SEL_OK)
        rc = name_anchors(r, b);
    if (rc != SEL_OK)
        return rc;
    // the bead itself
    if (SEL_ARRAY_RESERVE(*ids, *ids_cap, (size_t)b->n_src + b->n_tgt) != SEL_OK)
        return SEL_ENOMEM;
    for (uint32_t k = 0; k < b->n_src; k++)
        (*ids)[k] = c->src[b->src + k].id;
    for (uint32_t k = 0; k < b->n_tgt; k++)
        (*ids)[b->n_src + k] = c->tgt[b->tgt + k].id;
    if ((rc = sel_word_aligner_add(c->aligner, *ids, b->n_src, *ids + b->n_src, b->n_tgt)) != SEL_OK)
        return rc;
    // the texts, kept for examples and forms
    if (SEL_ARRAY_RESERVE(c->text, c->text_cap, c->n_text + r->src.len + r->tgt.len + 2) != SEL_OK)
        return SEL_ENOMEM;
    b->src_text = (uint32_t)c->n_text;
    memcpy(c->text + c->n_text, r->src.data, r->src.len + 1);
    c->n_text += r->src.len + 1;
    b->tgt_text = (uint32_t)c->n_text;
    memcpy(c->text + c->n_text, r->tgt.data, r->tgt.len + 1);
    c->n_text += r->tgt.len + 1;
    if (c->n_text > UINT32_MAX / 2)
        return SEL_ENOMEM; // offsets are 32-bit: some 2 GB of text is beyond one run
    c->n_beads++;
    return SEL_OK;
}

// How many termbase concepts hold each English lemma in their English terms: the vocabulary of
// the user's field, which a candidate's English equivalent shares when the candidate belongs to it.
static int domain_vocabulary(struct reader *r, const sel_termbase *tb)
{
    struct corpus *c = r->c;
    size_t n_concepts = sel_termbase_concept_count(tb);
    uint32_t *seen = NULL; // each concept's words, once each, concept after concept
    size_t seen_cap = 0, n_seen = 0;
    int rc = SEL_OK;
    for (size_t i = 0; i < n_concepts && rc == SEL_OK; i++) {
        const struct sel_concept *con = sel_termbase_concept(tb, i);
        size_t first = n_seen;
        for (size_t t = 0; t < con->n_terms && rc == SEL_OK; t++) {
            if (strcmp(con->terms[t].lang, "en") != 0 || con->terms[t].status == SEL_STATUS_AID)
                continue;
            r->n_en = 0;
            r->en_to_corpus = false;
            rc = sel_analyze_span(r->en, r->ctx, con->terms[t].text, 0, strlen(con->terms[t].text), en_push, r);
            if (rc == SEL_OK)
                rc = r->rc;
            for (size_t k = 0; k < r->n_en && rc == SEL_OK; k++) {
                uint32_t id = r->en_tokens[k].id;
                bool dup = false;
                for (size_t q = first; q < n_seen && !dup; q++)
                    dup = seen[q] == id;
                if (dup || (r->en_tokens[k].flags & TOK_FUNCTION))
                    continue;
                if (SEL_ARRAY_RESERVE(seen, seen_cap, n_seen + 1) != SEL_OK)
                    rc = SEL_ENOMEM;
                else
                    seen[n_seen++] = id;
            }
        }
    }
    c->en_domain_n = c->en_vocab.n;
    if (rc == SEL_OK && !(c->en_domain = calloc(c->en_domain_n + 1, sizeof(*c->en_domain))))
        rc = SEL_ENOMEM;
    for (size_t q = 0; q < n_seen && rc == SEL_OK; q++)
        c->en_domain[seen[q]]++;
    free(seen);
    return rc == SEL_ENOMEM ? sel_error(r->ctx, rc, "out of memory") : rc;
}

int corpus_read(struct corpus *c, sel_ctx *ctx, sel_store *st, const sel_termbase *tb, const struct general *g,
                const struct general *en, const struct sel_discover_options *opts)
{
    memset(c, 0, sizeof(*c));
    struct reader r = { .c = c, .ctx = ctx, .g = g, .en_words = en, .opts = opts };
    int rc;
    sel_lang *en_lang = NULL;
    sel_bead_cursor *cur = NULL;
    uint32_t *ids = NULL;
    size_t ids_cap = 0;
    if ((rc = vocab_init(&c->id_vocab)) != SEL_OK || (rc = vocab_init(&c->en_vocab)) != SEL_OK ||
        (rc = vocab_init(&c->skeletons)) != SEL_OK ||
        (rc = sel_word_aligner_new(&c->aligner)) != SEL_OK) {
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = sel_tagger_new(&c->tagger, ctx, tb, "id")) != SEL_OK || (rc = sel_lang_load(&en_lang, ctx, "en")) != SEL_OK ||
        (rc = sel_analyzer_new(&r.en, ctx, en_lang)) != SEL_OK)
        goto done;
    r.tagger = c->tagger;
    c->general = g;
    if ((rc = sel_bead_cursor_open(&cur, ctx, st, true)) != SEL_OK)
        goto done;
    size_t seen = 0;
    for (;;) {
        const struct sel_bead_view *v;
        if ((rc = sel_bead_cursor_next(cur, ctx, &v)) != SEL_OK || !v)
            break;
        if (v->n_src && v->n_tgt && (rc = read_bead(&r, v, &ids, &ids_cap)) != SEL_OK) {
            if (rc == SEL_ENOMEM)
                sel_error(ctx, rc, "out of memory while reading the beads");
            break;
        }
        if (opts->progress && ++seen % 10000 == 0)
            opts->progress(opts->progress_user, "reading beads", seen, 0);
    }
    sel_bead_cursor_close(cur);
    cur = NULL;
    if (rc != SEL_OK)
        goto done;
    if ((rc = domain_vocabulary(&r, tb)) != SEL_OK)
        goto done;
    if (opts->progress)
        opts->progress(opts->progress_user, "training the word alignment", c->n_beads, c->n_beads);
    rc = sel_word_aligner_train(c->aligner, ctx, opts->iterations);
done:
    sel_bead_cursor_close(cur);
    free(ids);
    free(r.src.data);
    free(r.tgt.data);
    free(r.stored);
    free(r.en_tokens);
    sel_analyzer_free(r.en);
    sel_lang_free(en_lang);
    return rc;
}

void corpus_finish(struct corpus *c)
{
    free(c->beads);
    free(c->src);
    free(c->tgt);
    free(c->text);
    free(c->id_freq);
    free(c->en_class);
    free(c->en_domain);
    vocab_finish(&c->id_vocab);
    vocab_finish(&c->en_vocab);
    vocab_finish(&c->skeletons);
    free(c->id_skeleton);
    free(c->en_skeleton);
    sel_word_aligner_free(c->aligner);
    sel_tagger_free(c->tagger);
    memset(c, 0, sizeof(*c));
}
