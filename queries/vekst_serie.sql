-- Yearly population (1 January) and employment (by place of work, all industries; all jobs,
-- private and public sector) in $fra..$til for $kommune, its comparison groups (county,
-- centrality class, BA region, Norway = the sum of all municipalities) and the municipalities
-- listed in $andre (comma-separated codes, '' for none). maal: befolkning, sysselsetting (all
-- sectors), sysselsetting_privat, sysselsetting_offentlig (the names of gruppeverdi.maal).
-- The groups come summed from the build (table gruppeverdi, same rules): a value is NULL in a year
-- when any member is missing ('mangler' or no row), n_estimat counts the member cells that are
-- estimates. Only years in which the measure has data at all are returned.
-- A county named like a listed municipality (Oslo) is labelled 'Oslo (fylke)', so the legend and
-- the alt text never list the same name twice (BA regions come prefixed 'BA-region' already).
WITH valgt AS (SELECT * FROM kommune WHERE kommunenummer = $kommune),
andre AS (SELECT unnest(string_split($andre, ',')) AS kode),
enkeltvis AS (
    SELECT 1 AS rekkefolge, 'kommune' AS gruppe, kommunenummer AS kode, navn FROM valgt
    UNION ALL
    SELECT 6, 'annen', k.kommunenummer, k.navn
    FROM kommune k JOIN andre a ON a.kode = k.kommunenummer
    WHERE k.kommunenummer <> $kommune
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
SELECT g.maal, CASE g.gruppe WHEN 'fylke' THEN 2 WHEN 'sentralitet' THEN 3 WHEN 'region' THEN 4 ELSE 5 END,
       g.gruppe, g.kode,
       CASE WHEN g.gruppe = 'fylke' AND g.navn IN (SELECT navn FROM enkeltvis) THEN g.navn || ' (fylke)'
            ELSE g.navn END AS navn,
       g.aar, g.verdi, g.n_estimat, g.n_mangler, g.n_kommuner
FROM gruppeverdi g JOIN valgt v
  ON (g.gruppe = 'fylke' AND g.kode = v.fylkesnummer)
  OR (g.gruppe = 'sentralitet' AND g.kode = v.sentralitetsklasse::VARCHAR)
  OR (g.gruppe = 'region' AND g.kode = v.ba_region)
  OR g.gruppe = 'land'
WHERE g.aar BETWEEN $fra AND $til
  AND g.maal IN ('befolkning', 'sysselsetting', 'sysselsetting_privat', 'sysselsetting_offentlig')
ORDER BY maal, rekkefolge, navn, aar
