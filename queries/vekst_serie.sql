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
maal_aar AS (SELECT DISTINCT maal, aar FROM verdier),
medlemmer AS (SELECT rekkefolge, gruppe, kode, navn, count(*) AS n_kommuner FROM grupper GROUP BY ALL),
-- Sum what is there per group and year; a group is whole when every member has a value.
summer AS (
    SELECT v.maal, g.rekkefolge, g.kode, v.aar, sum(v.verdi) AS sum_verdi, count(v.verdi) AS n_verdier,
           count(*) FILTER (WHERE v.kilde = 'estimat') AS n_estimat
    FROM grupper g JOIN verdier v ON v.kommunenummer = g.medlem
    GROUP BY ALL
)
SELECT ma.maal, m.rekkefolge, m.gruppe, m.kode, m.navn, ma.aar,
       CASE WHEN s.n_verdier = m.n_kommuner THEN s.sum_verdi END AS verdi,
       coalesce(s.n_estimat, 0) AS n_estimat,
       m.n_kommuner - coalesce(s.n_verdier, 0) AS n_mangler,
       m.n_kommuner
FROM medlemmer m
CROSS JOIN maal_aar ma
LEFT JOIN summer s ON s.maal = ma.maal AND s.rekkefolge = m.rekkefolge AND s.kode = m.kode AND s.aar = ma.aar
ORDER BY ma.maal, m.rekkefolge, m.navn, ma.aar
