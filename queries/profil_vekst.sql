-- Growth over the last 1, 5 and 10 years up to $til for a municipality, its county and Norway.
-- A group's growth is NULL when any member is missing at either end (a sum over holes is not a figure).
WITH perioder AS (SELECT unnest([1, 5, 10]) AS aar_tilbake),
     valgt AS (SELECT kommunenummer, fylkesnummer, fylkesnavn, navn FROM kommune WHERE kommunenummer = $kommune),
     enheter AS (
        SELECT 'kommune' AS niva, navn AS enhet, kommunenummer AS kode FROM valgt
        UNION ALL SELECT 'fylke', fylkesnavn, fylkesnummer FROM valgt
        UNION ALL SELECT 'land', 'Norge', NULL),
     medlem AS (
        SELECT e.niva, e.enhet, k.kommunenummer FROM enheter e JOIN kommune k
          ON (e.niva = 'kommune' AND k.kommunenummer = e.kode)
          OR (e.niva = 'fylke' AND k.fylkesnummer = e.kode)
          OR e.niva = 'land'),
     summer AS (
        SELECT m.niva, m.enhet, p.aar_tilbake,
               sum(b0.folkemengde) AS start, sum(b1.folkemengde) AS slutt,
               bool_or(b0.kilde = 'mangler' OR b1.kilde = 'mangler' OR b0.kilde IS NULL) AS mangler,
               bool_or(b0.kilde = 'estimat' OR b1.kilde = 'estimat') AS estimat
        FROM medlem m CROSS JOIN perioder p
        LEFT JOIN befolkning b0 ON b0.kommunenummer = m.kommunenummer AND b0.aar = $til - p.aar_tilbake
        LEFT JOIN befolkning b1 ON b1.kommunenummer = m.kommunenummer AND b1.aar = $til
        GROUP BY ALL)
SELECT niva, enhet, aar_tilbake, $til - aar_tilbake AS fra, $til AS til,
       CASE WHEN mangler THEN NULL ELSE start END AS start,
       CASE WHEN mangler THEN NULL ELSE slutt END AS slutt,
       CASE WHEN mangler THEN NULL ELSE 100.0 * (slutt - start) / start END AS vekst_prosent,
       estimat, mangler
FROM summer
ORDER BY aar_tilbake, CASE niva WHEN 'kommune' THEN 1 WHEN 'fylke' THEN 2 ELSE 3 END
