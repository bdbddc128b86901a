lookup --format tsv --limit 1 --context 'RSF menilai kebebasan pers di Indonesia memburuk, dengan banyak wartawan diintimidasi.' RSF
