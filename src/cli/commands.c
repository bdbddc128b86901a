// SPDX-License-Identifier: MIT
// The table of subcommands. Synopses follow the contract in shared/guide/product.md; a test
// checks that each one also appears in docs/selaras.1.
#include "src/cli/cli.h"

#include <stdlib.h>
#include <string.h>

#define COMMON_HELP "  -h, --help          show this help and exit\n"

const struct cli_command cli_commands[] = {
    { "segment", cmd_segment, "Split text into sentences, marking boilerplate",
      "selaras segment [--lang L] [--format text|jsonl] [--drop-boilerplate] [--jobs N] [FILE...]\n"
      "\n"
      "  -l, --lang L            language of the input (BCP-47; default id)\n"
      "  -f, --format F          text (one sentence per line) or jsonl\n"
      "      --drop-boilerplate  leave out lines flagged as boilerplate\n"
      "  -j, --jobs N            files segmented by N threads at once (default: the processors\n"
      "                          available); output in input order, the same as with 1\n" COMMON_HELP },
    { "analyze", cmd_analyze, "Tokenize and give each word its lemma and root",
      "selaras analyze [--lang L] [--jobs N] [FILE...]\n"
      "\n"
      "  -l, --lang L        language of the input (default id)\n"
      "  -j, --jobs N        files analysed by N threads at once (default: the processors\n"
      "                      available); output in input order, the same as with 1\n" COMMON_HELP },
    { "lookup", cmd_lookup, "Find the approved equivalent of a word or phrase in any form",
      "selaras lookup [--from id|en] [--format text|tsv|json] [--limit N] [--context SENTENCE] QUERY...\n"
      "\n"
      "      --from L        language of the queries (id or en; default id)\n"
      "  -f, --format F      text, tsv or json\n"
      "  -n, --limit N       at most N matches per query (default 5)\n"
      "      --context S     the sentence the query comes from: the sense it points to comes first\n"
      "      --db PATH       user database to consult besides the bundled termbase\n"
      "\n"
      "With no QUERY, reads one query per line from standard input. Exit status 1 when some\n"
      "query matched nothing (suggestions go to standard error).\n" COMMON_HELP },
    { "tag", cmd_tag, "Find termbase terms in text without storing anything",
      "selaras tag [--lang L] [--lines] [--include-boilerplate] [--format tsv|jsonl] [--jobs N] [FILE...]\n"
      "\n"
      "  -l, --lang L        language of the input (default id)\n"
      "      --lines         every input line is one sentence\n"
      "      --include-boilerplate  also tag boilerplate lines and site datelines (skipped by default)\n"
      "  -f, --format F      tsv or jsonl\n"
      "  -j, --jobs N        files tagged by N threads at once (default: the processors\n"
      "                      available); output in input order, the same as with 1\n"
      "      --db PATH       the database whose user terms to find too (default: the default\n"
      "                      database, when there is one)\n" COMMON_HELP },
    { "align", cmd_align, "Align a document with its translation, sentence by sentence",
      "selaras align [--presegmented] [--format tsv|tmx|moses|jsonl|text] [-o FILE_OR_PREFIX] SRC_FILE TGT_FILE\n"
      "\n"
      "      --presegmented  one sentence per line in both files\n"
      "  -f, --format F      tsv, tmx, moses, jsonl or text\n"
      "  -o, --output F      tmx: the file (default standard output); moses: PREFIX for PREFIX.id and PREFIX.en\n" COMMON_HELP },
    { "check", cmd_check, "Check a finished translation's terms, numbers and completeness against the termbase",
      "selaras check [--presegmented] [--format text|tsv|json|html] [-o FILE] SRC_FILE TGT_FILE\n"
      "selaras check [--format text|tsv|json|html] [-o FILE] FILE.tmx|FILE.xlf\n"
      "selaras check [--jobs N] [--format text|tsv|json] [-o FILE] FILE.tmx|FILE.xlf...\n"
      "selaras check [--jobs N] [--presegmented] [--format text|tsv|json] [-o FILE] --pairs-from LIST\n"
      "selaras check [--format text|tsv|json|html] [-o FILE] [--db PATH] --document ID\n"
      "\n"
      "      --presegmented  one sentence per line in both files\n"
      "  -f, --format F      text (by sentence pair), tsv or json (a finding per row) or html (a report\n"
      "                      with both texts side by side)\n"
      "  -o, --output FILE   write the report to FILE instead of standard output\n"
      "      --db PATH       the database whose user terms to check too (default: the default\n"
      "                      database, when there is one)\n"
      "      --document ID   a document stored by ingest --translation in that database (its\n"
      "                      number as ingest reports it), checked with the alignment stored with it\n"
      "      --pairs-from LIST  check the SRC<TAB>TGT pairs LIST names, one a line\n"
      "  -j, --jobs N        worker threads for several inputs (default: the processors available);\n"
      "                      the reports come in input order, the same as with --jobs 1\n"
      "\n"
      "A TMX or XLIFF (1.2, 2.0) file's units are taken as the sentence pairs.\n"
      "Findings: not-a-translation, missing-term, deprecated-term, inconsistent, number, untranslated,\n"
      "one-sided. Exit status 0 when there are none, 1 when there are, 2 on errors.\n"
      "Several inputs: text under a header line each, TSV and JSON with a file field first.\n" COMMON_HELP },
    { "ingest", cmd_ingest, "Store documents, sentences, terms (and translations) in the database",
      "selaras ingest [--lang L] [--jobs N] [--translation TGT_FILE] [--title T] [--format auto|text|tmx] FILE...\n"
      "selaras ingest [--lang L] [--jobs N] [--format auto|text|tmx] --files-from LIST\n"
      "selaras ingest [--lang L] [--jobs N] --pairs-from LIST\n"
      "\n"
      "  -l, --lang L            language of the documents (default id)\n"
      "  -t, --translation F     the English translation of the (single) document\n"
      "  -f, --format F          text, or tmx: a translation memory, each unit with an L and an en\n"
      "                          segment stored as an aligned pair (auto, the default: tmx for *.tmx)\n"
      "      --title T           document title\n"
      "      --files-from LIST   read the documents from LIST, one per line (- for stdin): a path, or\n"
      "                          SRC<TAB>TGT for a document and its English translation\n"
      "      --pairs-from LIST   read SRC<TAB>TGT pairs from LIST, one per line\n"
      "  -j, --jobs N            worker threads that analyse and align (default: the processors\n"
      "                          available); one writer stores in input order, the same as with 1\n"
      "  -q, --quiet             no report on standard error\n"
      "      --db PATH           database file (default $SELARAS_DB, else\n"
      "                          $XDG_DATA_HOME/selaras/selaras.db, else ~/.local/share/selaras/selaras.db)\n"
      "\n"
      "Each document is stored in one transaction, whole or not at all. Identical content is not\n"
      "stored twice; a changed file replaces its old version.\n" COMMON_HELP },
    { "merge", cmd_merge, "Combine shard databases built by separate ingests into one", cmd_merge_usage },
    { "retag", cmd_retag, "Tag the stored documents again with the current termbase",
      "selaras retag [--lang L] [--db PATH] [-q]\n"
      "\n"
      "  -l, --lang L        language of the documents to tag again (default id)\n"
      "  -q, --quiet         no report on standard error\n"
      "      --db PATH       database file\n"
      "\n"
      "The term occurrences of every stored document are found again with the bundled and the\n"
      "user's terms, and their confirmations recomputed from the stored translations, in one\n"
      "transaction. `term add`, `term deprecate` and `term remove` run it unless --no-retag.\n" COMMON_HELP },
    { "glossary", cmd_glossary, "Print the corpus glossary from the database",
      "selaras glossary [--subject S] [--min-count N] [--sort freq|alpha] [--format text|tsv|json]\n"
      "\n"
      "      --subject S     only concepts of subject field S\n"
      "      --min-count N   only concepts seen at least N times\n"
      "      --sort K        by frequency (freq, the default) or alphabetically (alpha)\n"
      "  -f, --format F      text, tsv or json\n"
      "      --db PATH       database file\n" COMMON_HELP },
    { "discover", cmd_discover, "Propose new terms and their English equivalents from aligned documents",
      "selaras discover [--min-count N] [--limit N] [--subject-hint S] [--format text|tsv|json]\n"
      "\n"
      "      --min-count N     only candidates seen at least N times (default 3)\n"
      "  -n, --limit N         at most N candidates, the best first\n"
      "      --subject-hint S  rank higher the candidates seen beside terms of subject field S\n"
      "  -f, --format F        text, tsv (id_term, en_equivalents, score, count, example) or json\n"
      "      --db PATH         database file\n"
      "\n"
      "Candidates of 1 to 5 words from the Indonesian side of the aligned documents, not in the\n"
      "termbase nor rejected, ranked by termhood, with up to three English equivalents found by word\n"
      "alignment. Review the TSV and give it to `selaras term accept`. Exit status 1 when there is\n"
      "nothing to propose.\n" COMMON_HELP },
    { "concordance", cmd_concordance, "Show a term in context, with aligned translations",
      "selaras concordance [--lang L] [--context N] TERM\n"
      "\n"
      "  -l, --lang L        language of TERM (default id)\n"
      "  -c, --context N     characters of context on each side (default 40)\n"
      "      --db PATH       database file\n" COMMON_HELP },
    { "export", cmd_export, "Write glossaries (TBX, CSV, TSV, JSON) and parallel data (TMX, Moses, ...)",
      "selaras export glossary --format tbx|tbx3|csv|tsv|json [-o FILE] [--source lexicon|corpus|all] [--subject S] [--min-count N] [--confirmed-only]\n"
      "selaras export parallel --format tmx|moses|tsv|jsonl [-o FILE_OR_PREFIX] [--drop-boilerplate] [--drop-empty] [--min-score X] [--max-ratio R] [--dedup] [--term-factors]\n"
      "\n"
      "  -f, --format F        output format\n"
      "  -o, --output PATH     file (or prefix, for moses: PREFIX.id, PREFIX.en) instead of standard output\n"
      "      --db PATH         database file\n"
      "glossary:\n"
      "      --source S        lexicon (termbase and user entries), corpus (concepts found in ingested\n"
      "                        documents, with counts) or all (default; lexicon with corpus counts)\n"
      "      --subject S       only concepts of subject field S\n"
      "      --min-count N     only concepts seen at least N times in the corpus\n"
      "      --confirmed-only  only concepts with an equivalent confirmed in an aligned translation\n"
      "parallel (cleaning for MT; stderr says how many pairs each filter removed):\n"
      "      --drop-boilerplate  drop pairs with a sentence flagged as boilerplate\n"
      "      --drop-empty      drop 0-sided beads (a sentence with no counterpart)\n"
      "      --min-score X     drop pairs aligned with a score below X (0..1)\n"
      "      --max-ratio R     drop pairs whose longer side has more than R times the characters\n"
      "      --dedup           drop exact duplicate pairs after the first\n"
      "      --term-factors    source with inline term factors (Dinu et al. 2019; moses, tsv, jsonl)\n" COMMON_HELP },
    { "lexicon", cmd_lexicon, "Check, count and import termbase entries",
      "selaras lexicon check [FILE|DIR...]\n"
      "selaras lexicon stats [FILE|DIR...]\n"
      "selaras lexicon import --format tsv|csv|tbx|dictd [--reverse] [--curated] [--prefix P] FILE...\n"
      "selaras lexicon compile [-o FILE]\n"
      "\n"
      "  check    validate termbase source files (default: the bundled termbase) and report\n"
      "           every problem as FILE:LINE: message; exit 1 if there are any\n"
      "  stats    concepts and terms per subject field and language, acronym coverage\n"
      "  import   add glossary entries to the user's database (--db PATH), all files or none;\n"
      "           --reverse turns a dictd eng-ind dictionary into ind-eng entries; entries are\n"
      "           general vocabulary unless --curated (formats: docs/formats.md); a file's\n"
      "           concept ids stay its own (FILE.ID when another file has ID, --prefix P: P.ID);\n"
      "           bad entries are skipped with a warning: exit 1 if any were, 2 if none imported\n"
      "  compile  write the analysed keys of the bundled termbase, for fast start-up (the build\n"
      "           does this; a stale or missing file only makes start-up slower)\n" COMMON_HELP },
    { "term", cmd_term, "Add, deprecate, remove, list the user's own terms; accept or reject discovered ones",
      "selaras term add [--concept ID] [--subject S] [--note T] [--definition D] [--no-retag] ID_TERM EN_TERM\n"
      "selaras term deprecate [--concept ID] [--lang id|en] [--note T] [--no-retag] TERM\n"
      "selaras term remove [--concept ID] [--lang id|en] [--no-retag] TERM|CONCEPT_ID\n"
      "selaras term list [--format text|tsv|json]\n"
      "selaras term accept [--subject S] [--no-retag] CANDIDATES.tsv|ID_TERM EN_TERM\n"
      "selaras term reject ID_TERM...\n"
      "\n"
      "  add        a new concept (user.TERM) with ID_TERM and EN_TERM preferred, or with --concept\n"
      "             ID the two terms added to that concept (a bundled one: your entry, with its\n"
      "             terms and yours, then stands for it)\n"
      "  deprecate  mark a bundled or user term as wrong, for this database's user: it is no\n"
      "             longer proposed and check reports it in a translation\n"
      "  remove     take back a verdict, a user term, or a whole user concept (by its id)\n"
      "  list       the user's concepts (added, imported with --curated, discovered) and verdicts;\n"
      "             exit 1 when there are none\n"
      "  accept     make discovered candidates user terms (origin \"discovered\", with their evidence):\n"
      "             the lines of a reviewed `selaras discover --format tsv`, its first equivalent\n"
      "             preferred, or one ID_TERM EN_TERM; all or nothing\n"
      "  reject     never propose these candidates again (any inflected form)\n"
      "      --db PATH       the user's database (default $SELARAS_DB, else\n"
      "                      $XDG_DATA_HOME/selaras/selaras.db)\n"
      "      --no-retag      leave the documents already ingested as they were tagged (by default\n"
      "                      add, deprecate and remove tag them again, as `selaras retag` does, in\n"
      "                      the same transaction as the change)\n"
      "\n"
      "User terms are matched in every inflected form, like bundled ones, by tag, ingest, check,\n"
      "lookup, glossary, concordance and the exports.\n" COMMON_HELP },
    { "help", cmd_help, "Show help for a command",
      "selaras help [COMMAND]\n" },
    { NULL, NULL, NULL, NULL },
};

const struct cli_command *cli_find_command(const char *name)
{
    for (const struct cli_command *c = cli_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

const char *cli_suggest_command(const char *name)
{
    size_t len = strlen(name);
    size_t limit = len <= 4 ? 2 : len / 2;
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (const struct cli_command *c = cli_commands; c->name; c++) {
        size_t d = sel_edit_distance(name, c->name, limit);
        // A prefix ("seg", "conc") is as good a hint as a typo.
        if (strncmp(c->name, name, strlen(name)) == 0 && strlen(name) >= 2)
            d = 1;
        if (d < best_d) {
            best_d = d;
            best = c->name;
        }
    }
    return best_d <= limit ? best : NULL;
}
