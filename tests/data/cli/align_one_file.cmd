align cli/align_small.id.txt
