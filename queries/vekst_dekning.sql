-- What the database holds for the Vekst page: the years of each series, industries, and which
-- kind of population-change figures cover which years:
--   befolkningsendring                      any figure (at least the balances)
--   endring_fodte                           births and deaths apart
--   endring_innvandring                     immigration and emigration apart (SSB 01223)
--   endring_flytting                        in- and out-migration counted, no immigration apart (06913)
--   endring_balanser                        only the balances (natural increase, net migration)
-- sysselsetting_<sektor>: total employment (all industries) per sector.
SELECT 'befolkning' AS tabell, min(aar) AS forste, max(aar) AS siste, count(DISTINCT aar) AS antall_aar,
       NULL::BIGINT AS antall_naeringer, NULL::BOOLEAN AS har_innvandring
FROM befolkning
UNION ALL
SELECT 'sysselsetting', min(aar), max(aar), count(DISTINCT aar) FILTER (WHERE naering = '00-99'),
       count(DISTINCT naering) FILTER (WHERE naering <> '00-99'), NULL
FROM sysselsetting WHERE sektor = 'alle' AND (naering = '00-99' OR naering SIMILAR TO '[0-9]{2}(-[0-9]{2})?')
UNION ALL
SELECT 'sysselsetting_' || s.sektor, min(aar), max(aar), count(DISTINCT aar), NULL, NULL
FROM (SELECT unnest(['privat', 'offentlig']) AS sektor) s
LEFT JOIN sysselsetting y ON y.sektor = s.sektor AND y.naering = '00-99' AND y.sysselsatte IS NOT NULL
GROUP BY s.sektor
UNION ALL
SELECT 'befolkningsendring', min(aar), max(aar), count(DISTINCT aar), NULL,
       coalesce(bool_or(innvandring IS NOT NULL AND utvandring IS NOT NULL), false)
FROM befolkningsendring
UNION ALL
SELECT 'endring_' || d.del, min(e.aar), max(e.aar), count(DISTINCT e.aar), NULL, NULL
FROM (SELECT unnest(['fodte', 'innvandring', 'flytting', 'balanser']) AS del) d
LEFT JOIN befolkningsendring e ON CASE d.del
    WHEN 'fodte' THEN e.fodte IS NOT NULL AND e.dode IS NOT NULL
    WHEN 'innvandring' THEN e.innvandring IS NOT NULL AND e.utvandring IS NOT NULL
    WHEN 'flytting' THEN e.innflytting IS NOT NULL AND e.innvandring IS NULL
    ELSE e.fodte IS NULL AND e.innflytting IS NULL AND e.nettoinnflytting IS NOT NULL END
GROUP BY d.del
