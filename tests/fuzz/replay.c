// SPDX-License-Identifier: MIT
// Runs a fuzz target over files, without libFuzzer: every argument is a file or a folder of files
// (read in name order). This makes each target an ordinary test over tests/fuzz/corpus/, and lets
// a crash found by the fuzzer be replayed in any build (gcc, Valgrind).
#include "tests/fuzz/fuzz.h"

#include <dirent.h>
#include <sys/stat.h>

static int replay_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        perror(path);
        return 1;
    }
    uint8_t *buf = NULL;
    size_t cap = 0, len = 0, got;
    bool ok;
    while ((ok = SEL_ARRAY_RESERVE(buf, cap, len + 4096) == SEL_OK) && (got = fread(buf + len, 1, cap - len, fp)) > 0)
        len += got;
    fclose(fp);
    if (!ok) {
        free(buf);
        fprintf(stderr, "%s: out of memory\n", path);
        return 1;
    }
    // An exact-size copy, so that AddressSanitizer sees a read past the input's end.
    uint8_t *input = malloc(len ? len : 1);
    memcpy(input, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(input, len);
    free(input);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay(const char *path, size_t *count)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        ++*count;
        return replay_file(path);
    }
    DIR *dir = opendir(path);
    if (!dir) {
        perror(path);
        return 1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int failed = 0;
    for (struct dirent *e; (e = readdir(dir));) {
        if (e->d_name[0] == '.')
            continue;
        if (SEL_ARRAY_RESERVE(names, cap, n + 1) != SEL_OK)
            break;
        size_t size = strlen(path) + strlen(e->d_name) + 2;
        if ((names[n] = malloc(size)))
            snprintf(names[n++], size, "%s/%s", path, e->d_name);
    }
    closedir(dir);
    qsort(names, n, sizeof(*names), by_name);
    for (size_t i = 0; i < n; i++) {
        failed |= replay(names[i], count);
        free(names[i]);
    }
    free(names);
    return failed;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
        return 2;
    }
    size_t count = 0;
    int failed = 0;
    for (int i = 1; i < argc; i++)
        failed |= replay(argv[i], &count);
    printf("%s: %zu inputs replayed\n", argv[0], count);
    return failed || count == 0;
}
