// SPDX-License-Identifier: MIT
// The few closed word classes the lexical evidence needs beside the termbase: function words
// (never evidence), month and weekday names (dates: "15/8" = "August 15"), number words and
// magnitudes ("tiga juta" = "three million"). Small and closed, so they live here rather than in
// the language data folders.
#include "align/align_internal.h"

#include <stdlib.h>
#include <string.h>

// Sorted (strcmp order): looked up with bsearch.
static const char *const id_stop[] = {
    "adalah", "agar", "akan", "amat", "antara", "apa", "atas", "atau", "bagi", "bahwa",
    "beberapa", "begitu", "belum", "berbagai", "bisa", "dalam", "dan", "dapat", "dari", "demikian",
    "dengan", "di", "dia", "hal", "hanya", "harus", "ia", "ini", "itu", "jika", "juga", "kami",
    "kata", "katanya", "ke", "kepada", "kita", "lagi", "lain", "lalu", "masih", "mereka", "namun",
    "oleh", "pada", "para", "saat", "sampai", "sang", "saya", "se", "sebagai", "sebuah", "sedang",
    "sehingga", "sejak", "seorang", "seperti", "serta", "setelah", "si", "sudah", "telah",
    "tentang", "tersebut", "tetapi", "untuk", "yaitu", "yang",
};
static const char *const en_stop[] = {
    "a", "about", "after", "all", "also", "an", "and", "are", "as", "at", "be", "been", "being",
    "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he",
    "her", "his", "i", "if", "in", "into", "is", "it", "its", "may", "more", "most", "not", "of",
    "on", "or", "our", "said", "says", "she", "should", "so", "such", "than", "that", "the",
    "their", "them", "there", "these", "they", "this", "those", "to", "was", "we", "were",
    "which", "while", "who", "will", "with", "would",
};
static const char *const id_months[] = { "januari", "februari", "maret", "april", "mei", "juni",
                                         "juli", "agustus", "september", "oktober", "november",
                                         "desember" };
static const char *const en_months[] = { "january", "february", "march", "april", "may", "june",
                                         "july", "august", "september", "october", "november",
                                         "december" };
static const char *const id_days[] = { "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu" };
static const char *const en_days[] = { "monday", "tuesday", "wednesday", "thursday", "friday",
                                       "saturday", "sunday" };
static const char *const id_numerals[] = { "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh",
                                           "delapan", "sembilan", "sepuluh", "sebelas", "duabelas" };
static const char *const en_numerals[] = { "one", "two", "three", "four", "five", "six", "seven",
                                           "eight", "nine", "ten", "eleven", "twelve" };
static const char *const id_magnitudes[] = { "ratus", "ribu", "juta", "miliar", "triliun" };
static const char *const en_magnitudes[] = { "hundred", "thousand", "million", "billion", "trillion" };

static const struct lang_words tables[] = {
    { "id", id_stop, sizeof(id_stop) / sizeof(*id_stop), id_months, id_days, id_numerals, id_magnitudes },
    { "en", en_stop, sizeof(en_stop) / sizeof(*en_stop), en_months, en_days, en_numerals, en_magnitudes },
};
static const struct lang_words none = { "", NULL, 0, NULL, NULL, NULL, NULL };

const struct lang_words *sel_lang_words(const char *code)
{
    for (size_t i = 0; i < sizeof(tables) / sizeof(*tables); i++)
        if (strcmp(tables[i].code, code) == 0)
            return &tables[i];
    return &none;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool sel_lang_words_is_stop(const struct lang_words *lw, const char *lower)
{
    return lw->stop && bsearch(&lower, lw->stop, lw->n_stop, sizeof(*lw->stop), cmp_str) != NULL;
}

static int find(const char *const *list, size_t n, const char *lower)
{
    if (!list)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], lower) == 0)
            return (int)i + 1;
    return 0;
}

int sel_lang_words_month(const struct lang_words *lw, const char *lower)
{
    return find(lw->months, 12, lower);
}

int sel_lang_words_weekday(const struct lang_words *lw, const char *lower)
{
    return find(lw->weekdays, 7, lower);
}

int sel_lang_words_numeral(const struct lang_words *lw, const char *lower)
{
    return find(lw->numerals, 12, lower);
}

int sel_lang_words_magnitude(const struct lang_words *lw, const char *lower)
{
    return find(lw->magnitudes, 5, lower);
}
