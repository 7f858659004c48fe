-- Every municipality for the comparison picker; those that share a border with $kommune first.
SELECT k.kommunenummer, k.navn, (n.nabo IS NOT NULL) AS er_nabo
FROM kommune k
LEFT JOIN nabo n ON n.kommunenummer = $kommune AND n.nabo = k.kommunenummer
WHERE k.kommunenummer <> $kommune
ORDER BY er_nabo DESC, k.navn
