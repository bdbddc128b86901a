# SPDX-License-Identifier: MIT
# shellcheck shell=sh
# Sourced (after ../shared_data.sh) by the tests that read a file in pieces and compare with a
# whole read (stream_pieces.sh, ingest_stream.sh): the texts they both read.
# piece_inputs DIR DEV_LINES: writes into DIR our corpus as one file, the same with a BOM and
# CR LF line ends, and where ../shared is there the seeds and the first DEV_LINES dev lines; sets
# $inputs to their paths.
piece_inputs() {
    cat "$SEL_SOURCE_ROOT"/corpus/*.id.txt >"$1/corpus.txt"
    { printf '\357\273\277'; sed 's/$/\r/' "$1/corpus.txt"; } >"$1/corpus-bom-crlf.txt"
    inputs="$1/corpus.txt $1/corpus-bom-crlf.txt"
    if shared_has seeds/000_03af0ad443b15418.txt; then
        cat "$SHARED"/seeds/*.txt >"$1/seeds.txt"
        inputs="$inputs $1/seeds.txt"
    fi
    if shared_has data/panl-int-dev/id.txt; then
        head -n "$2" "$SHARED/data/panl-int-dev/id.txt" >"$1/dev.txt"
        inputs="$inputs $1/dev.txt"
    fi
}
