-- What the employment series counts in each year and sector (sysselsetting_serie): its definition,
-- the table it comes from, and `brudd`, a sentence when the change from the year before is
-- (partly) a change of definition. The page marks those years and names its sources from `tabell`.
SELECT aar, sektor, definisjon, tabell, brudd
FROM sysselsetting_serie
ORDER BY sektor, aar
