lookup --format tsv --limit 1 --context 'Jaksa menuntut terdakwa 10 tahun penjara di pengadilan negeri.' menuntut
