check -f tsv ../../corpus/01-asean-defence.id.txt ../../corpus/02-unsc-ceasefire.en.txt
