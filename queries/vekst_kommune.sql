-- The selected municipality and the keys of its comparison groups.
SELECT kommunenummer, navn, fylkesnummer, fylkesnavn, sentralitetsklasse, ba_region, ba_regionnavn
FROM kommune
WHERE kommunenummer = $kommune
