check segment/cases/invalid.txt check/good.en.txt
