align --presegmented cli/align_empty.id.txt cli/align_small.en.txt
