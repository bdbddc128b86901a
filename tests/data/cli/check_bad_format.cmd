check -f xml check/good.id.txt check/good.en.txt
