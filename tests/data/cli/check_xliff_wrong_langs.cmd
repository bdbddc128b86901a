check check/wrong-langs.xlf
