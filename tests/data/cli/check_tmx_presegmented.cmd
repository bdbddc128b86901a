check --presegmented check/units.tmx
