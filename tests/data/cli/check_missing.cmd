check check/nothing.id.txt check/good.en.txt
