align segment/cases/invalid.txt cli/align_small.en.txt
