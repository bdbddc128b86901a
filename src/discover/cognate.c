// SPDX-License-Identifier: MIT
// Loanword cognates: an Indonesian word and an English word that are one word borrowed (`konvoi`
// and `convoy`, `operasi` and `operation`, `otoritas` and `authority`), recognised by reducing
// both to a common spelling skeleton. Indonesian took much of the vocabulary of politics and war
// from English and Dutch with regular spelling changes; the rules below undo them.
//
// These rules are for the pair Indonesian -> English only: another language pair needs a table of
// its own (the language data folders hold one language each, and these rules belong to neither
// alone, so they live here beside the aligner's anchors that use them).
#include "src/discover/discover_internal.h"

#include <string.h>

// English endings and what Indonesian makes of them, tried longest first at the end of an English
// word; the letter rules below then apply to both languages alike.
static const struct {
    const char *en, *id;
} endings[] = {
    { "ical", "is" },  // political -> politis, technical -> teknis, critical -> kritis
    { "tion", "si" },  // operation -> operasi, coalition -> koalisi
    { "sion", "si" },  // television -> televisi, mission -> misi
    { "ity", "itas" }, // authority -> otoritas, capacity -> kapasitas, stability -> stabilitas
    { "acy", "asi" },  // legitimacy -> legitimasi, democracy -> demokrasi, diplomacy -> diplomasi
    { "ics", "ik" },   // politics -> politik, logistics -> logistik
    { "ive", "if" },   // offensive -> ofensif, negative -> negatif
    { "ary", "er" },   // military -> militer, primary -> primer
    { "ist", "is" },   // terrorist -> teroris, activist -> aktivis
    { "ent", "en" },   // president -> presiden, incident -> insiden, instrument -> instrumen
    { "ure", "ur" },   // structure -> struktur, infrastructure -> infrastruktur
    { "ic", "ik" },    // public -> publik, electronic -> elektronik
    { "ct", "k" },     // conflict -> konflik, product -> produk, contact -> kontak
};

// Letter groups written differently, for both languages (an Indonesian word rarely holds the
// English ones, so applying them to it changes little): tried in order at each position.
static const struct {
    const char *from, *to;
} letters[] = {
    { "ph", "f" },  // phase -> fase
    { "th", "t" },  // method -> metode, authority -> otoritas
    { "ch", "k" },  // technology -> teknologi, mechanism -> mekanisme
    { "kh", "k" },  // khusus and the like: Indonesian kh, often k in speech and spelling
    { "ck", "k" },  // blockade -> blokade
    { "qu", "kw" }, // a sound, not a letter, in both
    { "ce", "se" }, // soft c before e, i, y: police -> polisi, province -> provinsi, specific -> spesifik
    { "ci", "si" },
    { "cy", "si" },
    { "c", "k" },   // hard c elsewhere: convoy -> konvoi, sector -> sektor
    { "q", "k" },
    { "x", "ks" },  // taxi -> taksi, complex -> kompleks
    { "y", "i" },   // convoy -> konvoi; Indonesian y (kampanye) is an i-glide too
    { "z", "s" },   // organization -> organisasi
    { "tion", "sion" }, // inside a word: national -> nasional, international -> internasional
};

// False friends the rules above make alike (English and Indonesian lemma).
static const struct {
    const char *id, *en;
} false_friends[] = {
    { "polisi", "policy" }, // polisi is the police; the policy is kebijakan
};

static bool ends_with(const char *s, size_t len, const char *end)
{
    size_t n = strlen(end);
    return len >= n && memcmp(s + len - n, end, n) == 0;
}

bool cognate_skeleton(const char *word, bool english, char *out, size_t cap)
{
    char w[COGNATE_MAX + 8];
    size_t len = strlen(word);
    if (len < COGNATE_MIN || len > COGNATE_MAX || cap < 2 * COGNATE_MAX + 1)
        return false;
    for (size_t i = 0; i < len; i++)
        if (word[i] < 'a' || word[i] > 'z')
            return false; // a capital, a digit, a hyphen or a letter beyond ASCII: no loanword rule knows it
    memcpy(w, word, len + 1);
    if (english) {
        for (size_t i = 0; i < sizeof(endings) / sizeof(*endings); i++)
            if (ends_with(w, len, endings[i].en) && len - strlen(endings[i].en) >= 3) {
                len -= strlen(endings[i].en);
                memcpy(w + len, endings[i].id, strlen(endings[i].id) + 1);
                len += strlen(endings[i].id);
                break;
            }
        if (w[0] == 'a' && w[1] == 'u') { // authority -> otoritas, automatic -> otomatis
            memmove(w, w + 1, len--);
            w[0] = 'o';
        }
    }
    // the letter rules, then doubled letters single (satellite -> satelit, commission -> komisi)
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        size_t k = 0;
        while (k < sizeof(letters) / sizeof(*letters) && strncmp(w + i, letters[k].from, strlen(letters[k].from)) != 0)
            k++;
        const char *put = k < sizeof(letters) / sizeof(*letters) ? letters[k].to : NULL;
        size_t put_len = put ? strlen(put) : 1;
        for (size_t q = 0; q < put_len; q++) {
            char ch = put ? put[q] : w[i];
            if (n && out[n - 1] == ch)
                continue;
            out[n++] = ch;
        }
        i += put ? strlen(letters[k].from) : 1;
    }
    // a final vowel either language adds (patroli -> patrol, police -> polisi): off both
    if (n > 4 && (out[n - 1] == 'e' || out[n - 1] == 'i'))
        n--;
    out[n] = '\0';
    return n >= 4;
}

bool cognates(const char *id_word, const char *en_word)
{
    char a[2 * COGNATE_MAX + 1], b[2 * COGNATE_MAX + 1];
    if (!cognate_skeleton(id_word, false, a, sizeof(a)) || !cognate_skeleton(en_word, true, b, sizeof(b)))
        return false;
    return strcmp(a, b) == 0 && !cognate_false_friends(id_word, en_word);
}

bool cognate_false_friends(const char *id_word, const char *en_word)
{
    for (size_t i = 0; i < sizeof(false_friends) / sizeof(*false_friends); i++)
        if (strcmp(id_word, false_friends[i].id) == 0 && strcmp(en_word, false_friends[i].en) == 0)
            return true;
    return false;
}
