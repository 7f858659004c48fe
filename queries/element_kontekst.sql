-- The figures a priority-tool item can show beside it, for one municipality: population now and
-- ten years before; jobs by place of work at the last year and ten years before, or from the last
-- break in the series if that is later (a change of definition is not growth); and employed
-- residents working in another municipality against all employed residents, in the last year.
WITH b AS (SELECT aar, folkemengde AS verdi FROM befolkning
           WHERE kommunenummer = $kommune AND folkemengde IS NOT NULL),
     s AS (SELECT aar, sysselsatte AS verdi FROM sysselsetting
           WHERE kommunenummer = $kommune AND naering = '00-99' AND sektor = 'alle' AND sysselsatte IS NOT NULL),
     p AS (SELECT aar, sum(sysselsatte) FILTER (WHERE arbeidskommune <> bostedskommune) AS ut,
                  sum(sysselsatte) AS alle
           FROM pendling WHERE bostedskommune = $kommune GROUP BY aar),
     bt AS (SELECT max(aar) AS til FROM b),
     st AS (SELECT max(aar) AS til,
                   greatest(max(aar) - 10, coalesce((SELECT max(aar) FROM sysselsetting_serie
                       WHERE sektor = 'alle' AND brudd IS NOT NULL AND aar <= (SELECT max(aar) FROM s)), 0)) AS fra
            FROM s),
     pt AS (SELECT max(aar) AS til FROM p)
SELECT 'befolkning' AS maal, bt.til - 10 AS fra, bt.til AS til,
       (SELECT verdi FROM b WHERE aar = bt.til - 10) AS start, (SELECT verdi FROM b WHERE aar = bt.til) AS slutt
FROM bt
UNION ALL
SELECT 'sysselsetting', st.fra, st.til, (SELECT verdi FROM s WHERE aar = st.fra),
       (SELECT verdi FROM s WHERE aar = st.til)
FROM st
UNION ALL
SELECT 'pendling', pt.til, pt.til, (SELECT ut FROM p WHERE aar = pt.til), (SELECT alle FROM p WHERE aar = pt.til)
FROM pt
