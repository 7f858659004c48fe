-- One row per municipality with every overview indicator for the period $fra -> $til.
-- vekst_prosent is NULL when either end is missing; *estimat says an estimated cell entered the value
-- (estimat: the period's growth; folkemengde_estimat: the $til figure; sysselsatte_estimat: employment).
WITH start AS (SELECT kommunenummer, folkemengde, kilde FROM befolkning WHERE aar = $fra),
     slutt AS (SELECT kommunenummer, folkemengde, kilde FROM befolkning WHERE aar = $til),
     syss AS (
        SELECT kommunenummer, sysselsatte, aar, kilde FROM sysselsetting
        WHERE naering = '00-99' AND sektor = 'alle' AND aar = (SELECT max(aar) FROM sysselsetting WHERE naering = '00-99'))
SELECT k.kommunenummer, k.navn, k.fylkesnavn, k.sentralitetsklasse,
       slutt.folkemengde AS folkemengde,
       slutt.kilde = 'estimat' AS folkemengde_estimat,
       slutt.folkemengde - start.folkemengde AS endring,
       100.0 * (slutt.folkemengde - start.folkemengde) / nullif(start.folkemengde, 0) AS vekst_prosent,
       (start.kilde = 'estimat' OR slutt.kilde = 'estimat') AS estimat,
       syss.sysselsatte, syss.aar AS sysselsatte_aar, syss.kilde = 'estimat' AS sysselsatte_estimat
FROM kommune k
LEFT JOIN start USING (kommunenummer)
LEFT JOIN slutt USING (kommunenummer)
LEFT JOIN syss USING (kommunenummer)
ORDER BY k.kommunenummer
