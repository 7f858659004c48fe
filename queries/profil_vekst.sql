-- Population at both ends of the last 1, 5 and 10 years up to $til for a municipality, its county and
-- Norway (the growth in % is computed by stadkraft/beregning/vekst.py, periodevekst).
-- County and Norway come summed from the build (table gruppeverdi): a group's growth is NULL when
-- any member is missing at either end (a sum over holes is not a figure).
WITH perioder AS (SELECT unnest([1, 5, 10]) AS aar_tilbake),
     valgt AS (SELECT kommunenummer, fylkesnummer, navn FROM kommune WHERE kommunenummer = $kommune),
     enheter AS (
        SELECT 1 AS orden, 'kommune' AS niva, v.navn AS enhet, b.aar, b.folkemengde AS verdi,
               b.kilde = 'estimat' AS estimat, b.folkemengde IS NULL OR b.kilde = 'mangler' AS mangler
        FROM valgt v JOIN befolkning b USING (kommunenummer)
        UNION ALL
        SELECT CASE g.gruppe WHEN 'fylke' THEN 2 ELSE 3 END, g.gruppe, g.navn, g.aar, g.verdi,
               g.n_estimat > 0, g.verdi IS NULL
        FROM gruppeverdi g JOIN valgt v
          ON (g.gruppe = 'fylke' AND g.kode = v.fylkesnummer) OR g.gruppe = 'land'
        WHERE g.maal = 'befolkning'),
     ender AS (
        SELECT e.orden, e.niva, e.enhet, p.aar_tilbake,
               any_value(e.verdi) FILTER (WHERE e.aar = $til - p.aar_tilbake) AS start,
               any_value(e.verdi) FILTER (WHERE e.aar = $til) AS slutt,
               coalesce(bool_or(e.estimat), false) AS estimat,
               count(*) < 2 OR bool_or(e.mangler) AS mangler
        FROM perioder p JOIN enheter e ON e.aar IN ($til - p.aar_tilbake, $til)
        GROUP BY ALL)
SELECT niva, enhet, aar_tilbake, $til - aar_tilbake AS fra, $til AS til,
       CASE WHEN mangler THEN NULL ELSE start END AS start,
       CASE WHEN mangler THEN NULL ELSE slutt END AS slutt,
       estimat, mangler
FROM ender
ORDER BY aar_tilbake, orden
