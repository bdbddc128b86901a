check -f json check/units20.xlf
