-- Employment by place of work for each member of a region ($kommuner, comma-separated), every industry
-- group and the total, every year, for the restructuring screen of the region and of each member
-- (stadkraft/beregning/region.py `naeringssum` sums the members; a missing member cell makes the sum missing).
SELECT s.kommunenummer, s.aar, s.naering, s.sysselsatte, s.kilde
FROM sysselsetting s
WHERE s.kommunenummer IN (SELECT unnest(string_split($kommuner, ','))) AND s.sektor = 'alle'
  AND (s.naering = '00-99' OR s.naering SIMILAR TO '[0-9]{2}(-[0-9]{2})?')
ORDER BY s.kommunenummer, s.naering, s.aar
