-- The attractiveness model's yearly inputs per municipality (2024 structure, as built):
--   folkemengde         population 1 January aar (NULL where 'mangler')
--   folkemengde_neste   population 1 January aar + 1 (the change during aar is the difference)
--   fodselsoverskudd    births - deaths during aar
--   syss_alle, syss_privat, syss_offentlig   jobs by place of work, 4th quarter of aar, all industries
--   estimat             an estimated cell (a split municipality's share) entered the row
-- One row per municipality and year in which population or jobs exist.
WITH b AS (
    SELECT kommunenummer, aar,
           CASE WHEN kilde <> 'mangler' THEN folkemengde END AS folkemengde,
           kilde = 'estimat' AS estimat
    FROM befolkning),
s AS (
    SELECT kommunenummer, aar,
           max(sysselsatte) FILTER (WHERE sektor = 'alle' AND kilde <> 'mangler') AS syss_alle,
           max(sysselsatte) FILTER (WHERE sektor = 'privat' AND kilde <> 'mangler') AS syss_privat,
           max(sysselsatte) FILTER (WHERE sektor = 'offentlig' AND kilde <> 'mangler') AS syss_offentlig,
           bool_or(kilde = 'estimat') AS estimat
    FROM sysselsetting WHERE naering = '00-99' GROUP BY kommunenummer, aar),
e AS (
    SELECT kommunenummer, aar, CASE WHEN kilde <> 'mangler' THEN fodselsoverskudd END AS fodselsoverskudd,
           kilde = 'estimat' AS estimat
    FROM befolkningsendring)
SELECT k.kommunenummer, a.aar, b.folkemengde, neste.folkemengde AS folkemengde_neste, e.fodselsoverskudd,
       s.syss_alle, s.syss_privat, s.syss_offentlig,
       coalesce(b.estimat, false) OR coalesce(s.estimat, false) OR coalesce(e.estimat, false) AS estimat
FROM kommune k
JOIN (SELECT DISTINCT kommunenummer, aar FROM b UNION SELECT DISTINCT kommunenummer, aar FROM s) a
  USING (kommunenummer)
LEFT JOIN b ON b.kommunenummer = k.kommunenummer AND b.aar = a.aar
LEFT JOIN b neste ON neste.kommunenummer = k.kommunenummer AND neste.aar = a.aar + 1
LEFT JOIN s ON s.kommunenummer = k.kommunenummer AND s.aar = a.aar
LEFT JOIN e ON e.kommunenummer = k.kommunenummer AND e.aar = a.aar
ORDER BY k.kommunenummer, a.aar
