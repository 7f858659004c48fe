-- Yearly population (1 January) and employment (by place of work, all industries) in $fra..$til for
-- $kommune, its comparison groups (county, centrality class, BA region, Norway = the sum of all
-- municipalities) and the municipalities listed in $andre (comma-separated codes, '' for none).
-- A group's value is NULL in a year when any member is missing ('mangler' or no row): a sum over
-- holes is not a figure. n_estimat counts the member cells that are estimates.
-- Only years in which the measure has data at all are returned.
WITH valgt AS (SELECT * FROM kommune WHERE kommunenummer = $kommune),
andre AS (SELECT unnest(string_split($andre, ',')) AS kode),
grupper AS (
    SELECT 1 AS rekkefolge, 'kommune' AS gruppe, v.kommunenummer AS kode, v.navn, v.kommunenummer AS medlem
    FROM valgt v
    UNION ALL
    SELECT 2, 'fylke', v.fylkesnummer, v.fylkesnavn, k.kommunenummer
    FROM valgt v JOIN kommune k USING (fylkesnummer)
    UNION ALL
    SELECT 3, 'sentralitet', v.sentralitetsklasse::VARCHAR, 'Sentralitetsklasse ' || v.sentralitetsklasse, k.kommunenummer
    FROM valgt v JOIN kommune k USING (sentralitetsklasse)
    UNION ALL
    SELECT 4, 'region', v.ba_region, 'BA-region ' || coalesce(v.ba_regionnavn, v.ba_region), k.kommunenummer
    FROM valgt v JOIN kommune k USING (ba_region)
    UNION ALL
    SELECT 5, 'land', 'Norge', 'Norge', k.kommunenummer FROM kommune k
    UNION ALL
    SELECT 6, 'annen', k.kommunenummer, k.navn, k.kommunenummer
    FROM kommune k JOIN andre a ON a.kode = k.kommunenummer
    WHERE k.kommunenummer <> $kommune
),
verdier AS (
    SELECT 'befolkning' AS maal, kommunenummer, aar, folkemengde AS verdi, kilde
    FROM befolkning WHERE aar BETWEEN $fra AND $til
    UNION ALL
    SELECT 'sysselsetting', kommunenummer, aar, sysselsatte, kilde
    FROM sysselsetting WHERE naering = '00-99' AND aar BETWEEN $fra AND $til
),
maal_aar AS (SELECT DISTINCT maal, aar FROM verdier)
SELECT ma.maal, g.rekkefolge, g.gruppe, g.kode, g.navn, ma.aar,
       CASE WHEN count(*) FILTER (WHERE v.verdi IS NULL) = 0 THEN sum(v.verdi) END AS verdi,
       count(*) FILTER (WHERE v.kilde = 'estimat') AS n_estimat,
       count(*) FILTER (WHERE v.verdi IS NULL) AS n_mangler,
       count(*) AS n_kommuner
FROM grupper g
CROSS JOIN maal_aar ma
LEFT JOIN verdier v ON v.maal = ma.maal AND v.aar = ma.aar AND v.kommunenummer = g.medlem
GROUP BY ma.maal, g.rekkefolge, g.gruppe, g.kode, g.navn, ma.aar
ORDER BY ma.maal, g.rekkefolge, g.navn, ma.aar
