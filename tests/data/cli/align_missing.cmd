align cli/align_small.id.txt cli/align_missing.en.txt
