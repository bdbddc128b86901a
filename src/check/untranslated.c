// SPDX-License-Identifier: MIT
// Indonesian left in the English target. A sentence is Indonesian when its function words are:
// names, numbers and terms are shared by both languages, but "yang", "dan", "di", "tidak" are
// not English, and "the", "of", "and", "to" are not Indonesian. Lists of closed-class words, so
// no dictionary is consulted.
#include "src/check/check_internal.h"

#include <string.h>

enum { WORD_MAX = 24 };

// Frequent Indonesian function words that are not English words too (no "di" vs "DI", no "data").
static const char *const ID_WORDS[] = {
    "adalah", "agar", "akan", "antara", "atas", "atau", "bagi", "bahwa", "banyak", "belum", "berada", "berbagai",
    "bersama", "besar", "beberapa", "bukan", "dalam", "dan", "dari", "dengan", "di", "dia", "ia", "ini", "itu",
    "jika", "juga", "kami", "karena", "kata", "ke", "kepada", "ketika", "kita", "lain", "lebih", "masih", "mereka",
    "namun", "oleh", "pada", "para", "pihak", "saat", "sebagai", "sebelum", "sedang", "sejak", "sementara",
    "sendiri", "serta", "setelah", "sudah", "tak", "telah", "tengah", "tentang", "terhadap", "tersebut", "tidak",
    "untuk", "yaitu", "yakni", "yang", NULL,
};

// Frequent English function words that are not Indonesian words.
static const char *const EN_WORDS[] = {
    "a", "about", "after", "also", "an", "and", "are", "as", "at", "be", "been", "but", "by", "could", "for",
    "from", "had", "has", "have", "he", "his", "in", "into", "is", "it", "its", "not", "of", "on", "or", "said",
    "says", "she", "that", "the", "their", "they", "this", "to", "was", "we", "were", "which", "who", "will",
    "with", "would", NULL,
};

static bool in_list(const char *const *list, const char *w)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], w) == 0)
            return true;
    return false;
}

static bool is_word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

bool check_is_indonesian(const char *text, size_t start, size_t end)
{
    size_t id = 0, en = 0;
    for (size_t i = start; i < end;) {
        if (!is_word_char((unsigned char)text[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < end && is_word_char((unsigned char)text[j]))
            j++;
        if (j - i < WORD_MAX) {
            char w[WORD_MAX];
            for (size_t k = 0; k < j - i; k++)
                w[k] = (char)(text[i + k] >= 'A' && text[i + k] <= 'Z' ? text[i + k] - 'A' + 'a' : text[i + k]);
            w[j - i] = '\0';
            id += in_list(ID_WORDS, w);
            en += in_list(EN_WORDS, w);
        }
        i = j;
    }
    // An English sentence quoting an Indonesian name ("Pasukan Pengamanan Presiden") has one or two.
    return id >= 3 && id > 2 * en;
}

bool check_has_word(const char *text, size_t start, size_t end, const char *word, size_t len)
{
    if (!len || len > end - start)
        return false;
    for (size_t i = start; i + len <= end; i++) {
        if (i > start && is_word_char((unsigned char)text[i - 1]))
            continue;
        if (i + len < end && is_word_char((unsigned char)text[i + len]))
            continue;
        size_t k = 0;
        while (k < len) {
            char a = text[i + k], b = word[k];
            if (a >= 'A' && a <= 'Z')
                a = (char)(a - 'A' + 'a');
            if (b >= 'A' && b <= 'Z')
                b = (char)(b - 'A' + 'a');
            if (a != b)
                break;
            k++;
        }
        if (k == len)
            return true;
    }
    return false;
}
