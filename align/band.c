// SPDX-License-Identifier: MIT
// The band: the part of the (source position, target position) lattice the search visits. It
// follows a guide path (the diagonal, or the path of a first pass) at a fixed half-width, so the
// number of nodes is about (n + m) * (2w + 1): linear in the length of the documents.
#include "align/align_internal.h"

#include <stdint.h>
#include <stdlib.h>

int sel_align_band_around(struct align_band *out, size_t n, size_t m, const size_t *path_i,
                          const size_t *path_j, size_t n_path, size_t w)
{
    *out = (struct align_band){ .n = n, .m = m };
    out->lo = malloc((n + 1) * sizeof(size_t));
    out->hi = malloc((n + 1) * sizeof(size_t));
    out->off = malloc((n + 2) * sizeof(size_t));
    if (!out->lo || !out->hi || !out->off) {
        sel_align_band_finish(out);
        return SEL_ENOMEM;
    }
    for (size_t i = 0; i <= n; i++) {
        out->lo[i] = SIZE_MAX;
        out->hi[i] = 0;
    }
    // Every row between two consecutive guide nodes covers the target positions between them.
    for (size_t k = 0; k < n_path; k++) {
        size_t i1 = path_i[k], j1 = path_j[k];
        size_t i2 = k + 1 < n_path ? path_i[k + 1] : i1, j2 = k + 1 < n_path ? path_j[k + 1] : j1;
        for (size_t r = i1; r <= i2 && r <= n; r++) {
            if (j1 < out->lo[r])
                out->lo[r] = j1;
            if (j2 > out->hi[r])
                out->hi[r] = j2;
        }
    }
    size_t total = 0;
    for (size_t i = 0; i <= n; i++) {
        if (out->lo[i] == SIZE_MAX) // a row the guide skipped: cannot happen with a real path
            out->lo[i] = out->hi[i] = i * m / (n ? n : 1);
        out->lo[i] = out->lo[i] > w ? out->lo[i] - w : 0;
        out->hi[i] = out->hi[i] + w < m ? out->hi[i] + w : m;
        out->off[i] = total;
        total += out->hi[i] - out->lo[i] + 1;
    }
    out->off[n + 1] = total;
    return SEL_OK;
}

void sel_align_band_finish(struct align_band *b)
{
    free(b->lo);
    free(b->hi);
    free(b->off);
    *b = (struct align_band){ 0 };
}
