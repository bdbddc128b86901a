align --format tmx cli/align_small.id.txt cli/align_small.en.txt
