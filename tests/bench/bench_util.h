// SPDX-License-Identifier: MIT
// Small helpers shared by the benchmark programs: a monotonic clock and medians.
#ifndef SEL_BENCH_UTIL_H
#define SEL_BENCH_UTIL_H

#include <stdlib.h>
#include <time.h>

static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/** Median of @p n samples (sorts them in place). */
static inline double bench_median(double *samples, size_t n)
{
    qsort(samples, n, sizeof(*samples), bench_cmp_double);
    return n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
}

#endif
