// SPDX-License-Identifier: MIT
// Streaming: `selaras segment`, `tag`, `analyze` and `ingest` on 5 MB and on 500 MB of text (the
// shared dev data, repeated, each line numbered so that no two are alike) must peak at about the
// same memory, because input is read in pieces of whole lines (ingest stores each piece before it
// reads the next, into a new database, removed after each run). The caches are bounded so that
// they fill early: the analyses kept (32,000 forms) within the first 4 MiB piece here, ingest's
// SQLite page cache (16 MiB) mostly by 5 MB. 50 MB is measured too, to show where any growth
// happens. Each run is a child process, so its peak (getrusage ru_maxrss) is its own; `wc -l`
// over the same file is the bare reference for the time a pass over the bytes takes. Prints
// sizes, wall and CPU times, MB/s, peak memory and the 500 MB / 5 MB and 500 MB / 50 MB ratios of
// the peaks. SEL_BENCH_STREAM_MB sets the large size (default 500). The same text is also
// ingested as files of about 100 kB (`--files-from`, on the default jobs), as a corpus usually
// comes: the analyses kept are bounded between documents as between pieces.
#include "tests/bench/bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

// Runs @p argv with standard output to /dev/null; exits the benchmark if it fails.
static struct bench_run run_child(char *const argv[])
{
    struct bench_run r = bench_run(argv, NULL, NULL, false);
    if (r.status != 0) {
        fprintf(stderr, "bench: %s %s failed\n", argv[0], argv[1]);
        exit(1);
    }
    return r;
}

// Writes @p mb megabytes of the dev text to @p path, each line prefixed with its number.
static void write_input(const char *path, const struct sel_text *dev, size_t mb)
{
    FILE *fp = fopen(path, "w");
    if (!fp) {
        fprintf(stderr, "bench: cannot write %s\n", path);
        exit(1);
    }
    size_t written = 0, n = 0;
    while (written < mb << 20) {
        for (const char *line = dev->data, *next; line < dev->data + dev->len && written < mb << 20; line = next) {
            next = strchr(line, '\n');
            next = next ? next + 1 : dev->data + dev->len;
            int k = fprintf(fp, "%zu. %.*s", ++n, (int)(next - line), line);
            written += k > 0 ? (size_t)k : 0;
        }
    }
    if (fclose(fp) != 0) {
        fprintf(stderr, "bench: cannot write %s\n", path);
        exit(1);
    }
}

// Cuts @p path into files of about @p size bytes at line ends, beside it, and lists them in @p list.
static void split_into_files(const char *path, const char *list, size_t size)
{
    FILE *in = fopen(path, "r"), *names = fopen(list, "w"), *out = NULL;
    if (!in || !names) {
        fprintf(stderr, "bench: cannot split %s\n", path);
        exit(1);
    }
    char line[65536], name[128];
    size_t in_file = 0, n = 0;
    while (fgets(line, sizeof(line), in)) {
        if (!out || in_file >= size) {
            if (out)
                fclose(out);
            snprintf(name, sizeof(name), "%s.%05zu", path, n++);
            if (!(out = fopen(name, "w"))) {
                fprintf(stderr, "bench: cannot write %s\n", name);
                exit(1);
            }
            fprintf(names, "%s\n", name);
            in_file = 0;
        }
        fputs(line, out);
        in_file += strlen(line);
    }
    if (out)
        fclose(out);
    fclose(in);
    if (fclose(names) != 0)
        exit(1);
}

// Removes the files split_into_files() listed in @p list, and the list.
static void remove_files(const char *list)
{
    FILE *names = fopen(list, "r");
    char name[128];
    while (names && fgets(name, sizeof(name), names)) {
        name[strcspn(name, "\n")] = '\0';
        remove(name);
    }
    if (names)
        fclose(names);
    remove(list);
}

int main(void)
{
    const char *shared = bench_shared(), *selaras = getenv("SELARAS");
    if (!shared || !selaras) {
        fprintf(stderr, "bench: SEL_SHARED and SELARAS must be set\n");
        return 77;
    }
    struct sel_text dev;
    bench_read_dev(shared, "id", &dev);
    const char *big_env = getenv("SEL_BENCH_STREAM_MB");
    size_t big = big_env && atoi(big_env) > 5 ? (size_t)atoi(big_env) : 500;
    size_t sizes[3] = { 5, 50, big };
    int n_sizes = big > 50 ? 3 : 2;
    if (n_sizes == 2)
        sizes[1] = big;
    char dir[] = "/tmp/selaras-bench-stream-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    const char *commands[] = { "segment", "tag", "analyze", "ingest", "ingest --files-from" };
    enum { N_COMMANDS = 5, INGEST_FILES = 4 };
    long peaks[N_COMMANDS][3];
    for (int s = 0; s < n_sizes; s++) {
        char path[64];
        snprintf(path, sizeof(path), "%s/in-%zu.txt", dir, sizes[s]);
        write_input(path, &dev, sizes[s]);
        struct bench_run ref = run_child((char *const[]){ "wc", "-l", path, NULL });
        printf("%zu MB: wc -l (bare reference) %.2f s wall, %.0f MB/s, peak %.1f MB\n", sizes[s], ref.wall,
               (double)sizes[s] / ref.wall, (double)ref.peak_kb / 1024);
        char db[80], side[96], list[80];
        snprintf(db, sizeof(db), "%s/ingest.db", dir);
        snprintf(list, sizeof(list), "%s/files.txt", dir);
        split_into_files(path, list, 100000);
        for (int c = 0; c < N_COMMANDS; c++) {
            bool ingest = strncmp(commands[c], "ingest", 6) == 0;
            char *const ingest_argv[] = { (char *)selaras, "ingest", "-q", "--db", db, path, NULL };
            char *const files_argv[] = { (char *)selaras, "ingest", "-q", "--db", db, "--files-from", list, NULL };
            char *const other_argv[] = { (char *)selaras, (char *)commands[c], path, NULL };
            struct bench_run r = run_child(c == INGEST_FILES ? files_argv : ingest ? ingest_argv : other_argv);
            for (int k = 0; ingest && k < 4; k++) { // the database and what SQLite keeps beside it
                snprintf(side, sizeof(side), "%s%s", db, (const char *const[]){ "", "-wal", "-shm", "-journal" }[k]);
                remove(side);
            }
            peaks[c][s] = r.peak_kb;
            printf("%zu MB: selaras %-19s %.2f s wall, %.2f s CPU, %.1f MB/s (CPU), peak %.1f MB\n", sizes[s],
                   commands[c], r.wall, r.cpu, (double)sizes[s] / r.cpu, (double)r.peak_kb / 1024);
        }
        remove(path);
        remove_files(list);
    }
    int last = n_sizes - 1;
    for (int c = 0; c < N_COMMANDS; c++) {
        printf("selaras %-19s peak memory %zu MB -> %zu MB of input: %.1f MB -> %.1f MB (%.2fx)", commands[c],
               sizes[0], sizes[last], (double)peaks[c][0] / 1024, (double)peaks[c][last] / 1024,
               (double)peaks[c][last] / (double)peaks[c][0]);
        if (n_sizes == 3)
            printf("; %zu MB -> %zu MB: %.2fx", sizes[1], sizes[2], (double)peaks[c][2] / (double)peaks[c][1]);
        putchar('\n');
    }
    rmdir(dir);
    sel_text_finish(&dev);
    return 0;
}
