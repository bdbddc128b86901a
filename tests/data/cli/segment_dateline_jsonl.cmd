segment --format jsonl
