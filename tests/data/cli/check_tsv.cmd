check --presegmented --format tsv check/errors.id.txt check/errors.en.txt
