lookup --format tsv --limit 1 --context 'Dewan Keamanan PBB menuntut gencatan senjata segera di Sudan.' menuntut
