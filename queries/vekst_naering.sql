-- Employment by place of work for $kommune, every industry group and the total, every year
-- (the restructuring screen picks its 3-year windows from these).
SELECT aar, naering, sysselsatte, kilde
FROM sysselsetting
WHERE kommunenummer = $kommune AND sektor = 'alle' AND (naering = '00-99' OR naering SIMILAR TO '[0-9]{2}(-[0-9]{2})?')
ORDER BY naering, aar
