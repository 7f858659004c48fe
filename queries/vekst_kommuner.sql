-- Every municipality for the comparison picker; those that share a border with $kommune first.
-- lat/lon: each municipality's point inside its boundary; fra_lat/fra_lon: $kommune's own point
-- (NULL without a boundary). The distances are computed in stadkraft.beregning.naboer.
SELECT k.kommunenummer, k.navn, (n.nabo IS NOT NULL) AS er_nabo,
       g.senter_lat AS lat, g.senter_lon AS lon, egen.senter_lat AS fra_lat, egen.senter_lon AS fra_lon
FROM kommune k
LEFT JOIN nabo n ON n.kommunenummer = $kommune AND n.nabo = k.kommunenummer
LEFT JOIN kommunegrense g ON g.kommunenummer = k.kommunenummer
LEFT JOIN kommunegrense egen ON egen.kommunenummer = $kommune
WHERE k.kommunenummer <> $kommune
ORDER BY er_nabo DESC, k.navn
