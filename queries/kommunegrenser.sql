-- Simplified boundaries (built once by the data build) with names, for the map.
SELECT g.kommunenummer, k.navn, k.fylkesnummer, g.geometri,
       g.min_lon, g.min_lat, g.max_lon, g.max_lat, g.senter_lon, g.senter_lat
FROM kommunegrense g JOIN kommune k USING (kommunenummer)
ORDER BY g.kommunenummer
