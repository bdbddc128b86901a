check check/units.tmx
