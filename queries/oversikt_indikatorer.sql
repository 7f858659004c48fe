-- One row per municipality with every overview indicator for the period $fra -> $til.
-- vekst_prosent is NULL when either end is missing; *_estimat says an estimated cell entered it.
WITH start AS (SELECT kommunenummer, folkemengde, kilde FROM befolkning WHERE aar = $fra),
     slutt AS (SELECT kommunenummer, folkemengde, kilde FROM befolkning WHERE aar = $til),
     syss AS (
        SELECT kommunenummer, sysselsatte, aar FROM sysselsetting
        WHERE naering = '00-99' AND aar = (SELECT max(aar) FROM sysselsetting WHERE naering = '00-99'))
SELECT k.kommunenummer, k.navn, k.fylkesnavn, k.sentralitetsklasse,
       slutt.folkemengde AS folkemengde,
       slutt.folkemengde - start.folkemengde AS endring,
       100.0 * (slutt.folkemengde - start.folkemengde) / nullif(start.folkemengde, 0) AS vekst_prosent,
       (start.kilde = 'estimat' OR slutt.kilde = 'estimat') AS estimat,
       syss.sysselsatte, syss.aar AS sysselsatte_aar
FROM kommune k
LEFT JOIN start USING (kommunenummer)
LEFT JOIN slutt USING (kommunenummer)
LEFT JOIN syss USING (kommunenummer)
ORDER BY k.kommunenummer
