-- Components of population change for $kommune, events of the years $fra .. $til - 1 (they explain
-- the change from 1 Jan $fra to 1 Jan $til), in long form for stacked bars. Deaths are negative so
-- the bars add up to the change. Each year shows the finest split its source has:
--   births and deaths apart where they are counted, else the natural increase (births - deaths);
--   domestic migration and net immigration apart where immigration is counted (SSB 01223), else
--   all net migration, domestic and from abroad together (a 06913 export, or the balances 2003-2016).
-- `balanse` says the bar is a balance, not counted events.
WITH e AS (SELECT * FROM befolkningsendring WHERE kommunenummer = $kommune AND aar >= $fra AND aar < $til)
SELECT aar, komponent, rekkefolge, verdi, kilde, balanse FROM (
    SELECT aar, 'Fødte' AS komponent, 1 AS rekkefolge, fodte AS verdi, kilde, false AS balanse
    FROM e WHERE fodte IS NOT NULL AND dode IS NOT NULL
    UNION ALL
    SELECT aar, 'Døde', 2, -dode, kilde, false FROM e WHERE fodte IS NOT NULL AND dode IS NOT NULL
    UNION ALL
    SELECT aar, 'Fødselsoverskudd (fødte minus døde)', 1, fodselsoverskudd, kilde, true
    FROM e WHERE (fodte IS NULL OR dode IS NULL) AND fodselsoverskudd IS NOT NULL
    UNION ALL
    SELECT aar, 'Netto innenlandsk flytting', 3, innflytting - utflytting, kilde, false
    FROM e WHERE innvandring IS NOT NULL
    UNION ALL
    SELECT aar, 'Netto innvandring', 4, innvandring - utvandring, kilde, false FROM e WHERE innvandring IS NOT NULL
    UNION ALL
    SELECT aar, 'Netto flytting (innenlands og utland)', 3, coalesce(nettoinnflytting, innflytting - utflytting),
           kilde, innflytting IS NULL
    FROM e WHERE innvandring IS NULL AND coalesce(nettoinnflytting, innflytting - utflytting) IS NOT NULL
)
ORDER BY aar, rekkefolge
