-- Per municipality: whether population (1 January) or employment (by place of work, all industries,
-- all sectors) lacks a figure in some year of $fra..$til, by the rule of vekst_serie.sql's n_mangler:
-- a year in which the measure has figures at all, and the municipality has none (NULL, as a
-- 'mangler' cell is, or no row). stadkraft/beregning/vekst.py (`med_hull`, `periodevekst`) turns a
-- hole into a missing growth figure, for the overview map and the ranking as for the key figures.
WITH verdier AS (
    SELECT 'befolkning' AS maal, kommunenummer, aar, folkemengde AS verdi
    FROM befolkning WHERE aar BETWEEN $fra AND $til
    UNION ALL
    SELECT 'sysselsetting', kommunenummer, aar, sysselsatte
    FROM sysselsetting WHERE naering = '00-99' AND sektor = 'alle' AND aar BETWEEN $fra AND $til
),
maal_aar AS (SELECT DISTINCT maal, aar FROM verdier)
SELECT k.kommunenummer,
       coalesce(bool_or(v.verdi IS NULL) FILTER (WHERE ma.maal = 'befolkning'), true) AS folk_mangler,
       coalesce(bool_or(v.verdi IS NULL) FILTER (WHERE ma.maal = 'sysselsetting'), true) AS syss_mangler
FROM kommune k
CROSS JOIN maal_aar ma
LEFT JOIN verdier v ON v.maal = ma.maal AND v.aar = ma.aar AND v.kommunenummer = k.kommunenummer
GROUP BY k.kommunenummer
ORDER BY k.kommunenummer
