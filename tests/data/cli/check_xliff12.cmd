check check/units12.xlf
