-- Yearly population (1 January) and employment (by place of work, all industries; all, private and public
-- sector) in $fra..$til for each member of a region ($kommuner, comma-separated 2024 codes; gruppe
-- 'medlem'), the counties in $fylker (comma-separated) and Norway, in the columns of vekst_serie.sql.
-- The region's own sum is made from the members by stadkraft/beregning/region.py (`regionsum`), with the
-- build's rule for groups: NULL in a year when any member is missing.
WITH medlem AS (SELECT unnest(string_split($kommuner, ',')) AS kode),
fylker AS (SELECT unnest(string_split($fylker, ',')) AS kode),
enkeltvis AS (
    SELECT 10 AS rekkefolge, 'medlem' AS gruppe, k.kommunenummer AS kode, k.navn
    FROM kommune k JOIN medlem m ON m.kode = k.kommunenummer
),
verdier AS (
    SELECT 'befolkning' AS maal, kommunenummer, aar, folkemengde AS verdi, kilde
    FROM befolkning WHERE aar BETWEEN $fra AND $til
    UNION ALL
    SELECT CASE sektor WHEN 'alle' THEN 'sysselsetting' ELSE 'sysselsetting_' || sektor END,
           kommunenummer, aar, sysselsatte, kilde
    FROM sysselsetting
    WHERE naering = '00-99' AND sektor IN ('alle', 'privat', 'offentlig') AND aar BETWEEN $fra AND $til
),
maal_aar AS (SELECT DISTINCT maal, aar FROM verdier)
SELECT ma.maal, e.rekkefolge, e.gruppe, e.kode, e.navn, ma.aar, v.verdi::BIGINT AS verdi,
       (v.kilde = 'estimat')::INTEGER AS n_estimat, (v.verdi IS NULL)::INTEGER AS n_mangler, 1 AS n_kommuner
FROM enkeltvis e
CROSS JOIN maal_aar ma
LEFT JOIN verdier v ON v.maal = ma.maal AND v.aar = ma.aar AND v.kommunenummer = e.kode
UNION ALL
SELECT g.maal, CASE g.gruppe WHEN 'fylke' THEN 2 ELSE 5 END, g.gruppe, g.kode,
       CASE WHEN g.gruppe = 'fylke' THEN g.navn || ' (fylke)' ELSE g.navn END,
       g.aar, g.verdi, g.n_estimat, g.n_mangler, g.n_kommuner
FROM gruppeverdi g
WHERE ((g.gruppe = 'fylke' AND g.kode IN (SELECT kode FROM fylker)) OR g.gruppe = 'land')
  AND g.aar BETWEEN $fra AND $til
  AND g.maal IN ('befolkning', 'sysselsetting', 'sysselsetting_privat', 'sysselsetting_offentlig')
ORDER BY maal, rekkefolge, navn, aar
