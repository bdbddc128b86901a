check check/entity.xlf
