-- Components of population change for $kommune, events of the years $fra .. $til - 1 (they explain
-- the change from 1 Jan $fra to 1 Jan $til), in long form for stacked bars. Deaths are negative so
-- the bars add up to the change. When the source has no immigration split (a 06913 export), the
-- migration bar is all migration, domestic and from abroad, and is named so.
WITH e AS (SELECT * FROM befolkningsendring WHERE kommunenummer = $kommune AND aar >= $fra AND aar < $til)
SELECT aar, komponent, rekkefolge, verdi, kilde FROM (
    SELECT aar, 'Fødte' AS komponent, 1 AS rekkefolge, fodte AS verdi, kilde FROM e
    UNION ALL
    SELECT aar, 'Døde', 2, -dode, kilde FROM e
    UNION ALL
    SELECT aar, CASE WHEN innvandring IS NULL THEN 'Netto flytting (innenlands og utland)'
                     ELSE 'Netto innenlandsk flytting' END,
           3, innflytting - utflytting, kilde FROM e
    UNION ALL
    SELECT aar, 'Netto innvandring', 4, innvandring - utvandring, kilde FROM e WHERE innvandring IS NOT NULL
)
ORDER BY aar, rekkefolge
