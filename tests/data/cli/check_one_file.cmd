check check/errors.id.txt
