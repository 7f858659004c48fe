-- What similar municipalities are found by (stadkraft/beregning/likhet.py): population on the latest 1 January,
-- the centrality index, jobs by place of work and employed residents in the latest year both exist, the
-- private share of jobs in the latest year with sectors, and the boundary (for the area).
WITH folk AS (SELECT kommunenummer, folkemengde FROM befolkning
              WHERE aar = (SELECT max(aar) FROM befolkning WHERE folkemengde IS NOT NULL)),
     felles_aar AS (SELECT max(s.aar) AS aar FROM sysselsetting s JOIN sysselsatte_bosted b USING (aar)
                    WHERE s.naering = '00-99' AND s.sektor = 'alle'),
     jobber AS (SELECT s.kommunenummer, s.sysselsatte AS jobber, b.sysselsatte AS bosatte_sysselsatte
                FROM sysselsetting s JOIN sysselsatte_bosted b USING (kommunenummer, aar)
                WHERE s.naering = '00-99' AND s.sektor = 'alle' AND s.aar = (SELECT aar FROM felles_aar)),
     privat AS (SELECT p.kommunenummer, p.sysselsatte::DOUBLE / nullif(a.sysselsatte, 0) AS privat_andel
                FROM sysselsetting p JOIN sysselsetting a USING (kommunenummer, aar, naering)
                WHERE p.naering = '00-99' AND p.sektor = 'privat' AND a.sektor = 'alle'
                  AND p.aar = (SELECT max(aar) FROM sysselsetting WHERE sektor = 'privat' AND sysselsatte IS NOT NULL))
SELECT k.kommunenummer, k.navn, k.sentralitetsindeks, folk.folkemengde, jobber.jobber, jobber.bosatte_sysselsatte,
       privat.privat_andel, g.geometri
FROM kommune k
LEFT JOIN folk USING (kommunenummer)
LEFT JOIN jobber USING (kommunenummer)
LEFT JOIN privat USING (kommunenummer)
LEFT JOIN kommunegrense g USING (kommunenummer)
ORDER BY k.kommunenummer
