-- What the database holds for the Vekst page: years per table, industries, immigration split.
SELECT 'befolkning' AS tabell, min(aar) AS forste, max(aar) AS siste, count(DISTINCT aar) AS antall_aar,
       NULL::BIGINT AS antall_naeringer, NULL::BOOLEAN AS har_innvandring
FROM befolkning
UNION ALL
SELECT 'sysselsetting', min(aar), max(aar), count(DISTINCT aar),
       count(DISTINCT naering) FILTER (WHERE naering <> '00-99'), NULL
FROM sysselsetting WHERE sektor = 'alle' AND (naering = '00-99' OR naering SIMILAR TO '[0-9]{2}(-[0-9]{2})?')
UNION ALL
SELECT 'befolkningsendring', min(aar), max(aar), count(DISTINCT aar), NULL,
       coalesce(bool_or(innvandring IS NOT NULL AND utvandring IS NOT NULL), false)
FROM befolkningsendring
