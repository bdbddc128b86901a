check -f tsv check/units.tmx
