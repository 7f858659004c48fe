-- Every municipality with the keys the attractiveness page filters and ranks by.
SELECT kommunenummer, navn, fylkesnummer, fylkesnavn, sentralitetsklasse, ba_region, ba_regionnavn
FROM kommune
ORDER BY kommunenummer
