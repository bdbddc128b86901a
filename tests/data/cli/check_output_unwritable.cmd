check -o check/no-such-dir/report.txt --presegmented check/good.id.txt check/good.en.txt
