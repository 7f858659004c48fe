-- The municipality register that regions are made from (stadkraft/region.py): county, BA region, centrality.
SELECT kommunenummer, navn, fylkesnummer, fylkesnavn, sentralitetsklasse, sentralitetsindeks, ba_region, ba_regionnavn
FROM kommune
ORDER BY kommunenummer
