// SPDX-License-Identifier: MIT
// Finding the bundled data with no environment set, from the build tree and after install.
#include "src/core/core.h"
#include "sel_config.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// Logical data sets: where each lives in the source tree and under the installed data dir.
static const struct {
    const char *name;
    const char *source_dir; // relative to the source tree, or to the build tree if in_build
    const char *install_dir;
    bool in_build;          // generated at build time
} data_sets[] = {
    { "lexicon", "lexicon/data", "lexicon", false },
    { "lang", "src/text/lang", "lang", false },
    { "keys", "src/cli/termbase.keys", "lexicon/termbase.keys", true },
    { "general", "lexicon/general", "general", false },
};

static bool from_build_tree;
static pthread_once_t from_build_tree_once = PTHREAD_ONCE_INIT;

static void find_whether_from_build_tree(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0)
        return;
    exe[n] = '\0';
    char root[PATH_MAX];
    if (!realpath(SEL_BUILD_ROOT, root))
        return;
    size_t len = strlen(root);
    from_build_tree = strncmp(exe, root, len) == 0 && exe[len] == '/';
}

// True when /proc/self/exe lies inside the build tree this binary was configured in. Tests and
// the quick start run from there and must see the sources, not an older installed copy. Found
// once a process: a lookup asks for several data paths, and each answer took a readlink() per
// component of the build tree's path.
static bool running_from_build_tree(void)
{
    pthread_once(&from_build_tree_once, find_whether_from_build_tree);
    return from_build_tree;
}

char *sel_data_path(const char *what)
{
    for (size_t i = 0; i < sizeof(data_sets) / sizeof(data_sets[0]); i++) {
        if (strcmp(what, data_sets[i].name) != 0)
            continue;
        const char *env = getenv("SELARAS_DATADIR");
        const char *base, *rel;
        if (env && *env) {
            base = env;
            rel = data_sets[i].install_dir;
        } else if (running_from_build_tree()) {
            base = data_sets[i].in_build ? SEL_BUILD_ROOT : SEL_SOURCE_ROOT;
            rel = data_sets[i].source_dir;
        } else {
            base = SEL_INSTALL_DATADIR;
            rel = data_sets[i].install_dir;
        }
        size_t size = strlen(base) + 1 + strlen(rel) + 1;
        char *path = malloc(size);
        if (path)
            snprintf(path, size, "%s/%s", base, rel);
        return path;
    }
    return NULL;
}
