-- The profile card's facts for one municipality, population at $til.
SELECT k.kommunenummer, k.navn, k.fylkesnavn, k.sentralitetsklasse, k.sentralitetsindeks,
       k.ba_region, k.ba_regionnavn, b.folkemengde, b.kilde, b.aar
FROM kommune k LEFT JOIN befolkning b ON b.kommunenummer = k.kommunenummer AND b.aar = $til
WHERE k.kommunenummer = $kommune
