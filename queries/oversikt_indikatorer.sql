-- One row per municipality with the raw figures behind every overview indicator for the period
-- $fra -> $til (the percentages are computed in stadkraft/beregning/indikatorer.py with stadkraft/beregning/vekst.py):
--   folk_fra, folkemengde          population 1 January $fra and $til
--   syss_fra, syss_til             employment by place of work (all industries and sectors), Q4 $fra and $til
--   sysselsatte, sysselsatte_aar   employment in the latest year the database has
--   nettoinnflytting, fodselsoverskudd   sums over the events of $fra .. $til - 1 (the change from
--                                  1 Jan $fra to 1 Jan $til); NULL unless every year is there
-- A figure is NULL when it is missing ('mangler'); *estimat says an estimated cell entered it
-- (estimat: population growth; folkemengde_estimat: the $til figure; syss_vekst_estimat: employment
-- growth; sysselsatte_estimat: the latest employment; endring_estimat: the sums of change).
WITH start AS (SELECT kommunenummer, folkemengde, kilde FROM befolkning WHERE aar = $fra AND kilde <> 'mangler'),
     slutt AS (SELECT kommunenummer, folkemengde, kilde FROM befolkning WHERE aar = $til AND kilde <> 'mangler'),
     syss AS (
        SELECT kommunenummer,
               max(sysselsatte) FILTER (WHERE aar = $fra AND kilde <> 'mangler') AS syss_fra,
               max(sysselsatte) FILTER (WHERE aar = $til AND kilde <> 'mangler') AS syss_til,
               coalesce(bool_or(kilde = 'estimat'), false) AS estimat
        FROM sysselsetting
        WHERE naering = '00-99' AND sektor = 'alle' AND aar IN ($fra, $til) GROUP BY kommunenummer),
     siste AS (
        SELECT kommunenummer, sysselsatte, aar, kilde FROM sysselsetting
        WHERE naering = '00-99' AND sektor = 'alle'
          AND aar = (SELECT max(aar) FROM sysselsetting WHERE naering = '00-99' AND sektor = 'alle')),
     endring AS (
        SELECT kommunenummer,
               CASE WHEN count(nettoinnflytting) = $til - $fra THEN sum(nettoinnflytting) END AS nettoinnflytting,
               CASE WHEN count(fodselsoverskudd) = $til - $fra THEN sum(fodselsoverskudd) END AS fodselsoverskudd,
               coalesce(bool_or(kilde = 'estimat'), false) AS estimat
        FROM befolkningsendring WHERE aar >= $fra AND aar < $til GROUP BY kommunenummer)
SELECT k.kommunenummer, k.navn, k.fylkesnavn, k.sentralitetsklasse,
       start.folkemengde AS folk_fra,
       slutt.folkemengde AS folkemengde,
       slutt.kilde = 'estimat' AS folkemengde_estimat,
       (start.kilde = 'estimat' OR slutt.kilde = 'estimat') AS estimat,
       syss.syss_fra, syss.syss_til, syss.estimat AS syss_vekst_estimat,
       siste.sysselsatte, siste.aar AS sysselsatte_aar, siste.kilde = 'estimat' AS sysselsatte_estimat,
       endring.nettoinnflytting, endring.fodselsoverskudd,
       (endring.estimat OR start.kilde = 'estimat') AS endring_estimat
FROM kommune k
LEFT JOIN start USING (kommunenummer)
LEFT JOIN slutt USING (kommunenummer)
LEFT JOIN syss USING (kommunenummer)
LEFT JOIN siste USING (kommunenummer)
LEFT JOIN endring USING (kommunenummer)
ORDER BY k.kommunenummer
