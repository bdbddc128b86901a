check --presegmented -f json check/errors.id.txt check/errors.en.txt
