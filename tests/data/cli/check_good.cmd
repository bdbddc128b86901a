check --presegmented check/good.id.txt check/good.en.txt
