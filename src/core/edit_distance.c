// SPDX-License-Identifier: MIT
// Damerau-Levenshtein distance (the optimal-string-alignment form: a swap of two neighbouring
// bytes costs one, as a typist's slip does), with a limit so that a scan over thousands of
// candidates stops early on the hopeless ones.
#include "src/core/core.h"

#include <stdint.h>
#include <string.h>

// Longer strings are not compared: nothing that is looked up or typed as a command comes near.
enum { MAX_LEN = 120 };

size_t sel_edit_distance(const char *a, const char *b, size_t limit)
{
    size_t far = limit < SIZE_MAX ? limit + 1 : SIZE_MAX; // what "more than limit" is returned as
    size_t la = strlen(a), lb = strlen(b);
    if ((la > lb ? la - lb : lb - la) > limit || la > MAX_LEN || lb > MAX_LEN)
        return far;
    // Three rows of the matrix: the one before the previous is needed for the swap.
    size_t rows[3][MAX_LEN + 1];
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        size_t row_min = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            size_t v = prev[j - 1] + (a[i - 1] != b[j - 1]); // keep or substitute
            if (prev[j] + 1 < v)
                v = prev[j] + 1; // delete
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1; // insert
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < v)
                v = prev2[j - 2] + 1; // swap
            cur[j] = v;
            if (v < row_min)
                row_min = v;
        }
        if (row_min > limit) // every later row is at least as far
            return far;
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb] > limit ? far : prev[lb];
}
