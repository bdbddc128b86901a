align --presegmented --format jsonl cli/align_small.id.txt cli/align_small.en.txt
