SELECT noekkel, verdi FROM metadata
