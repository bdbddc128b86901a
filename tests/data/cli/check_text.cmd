check --presegmented check/errors.id.txt check/errors.en.txt
