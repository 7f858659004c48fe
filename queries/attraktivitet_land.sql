-- Norway's net immigration per year, with the population it is measured against (1 January).
SELECT aar, folkemengde, nettoinnvandring FROM nettoinnvandring_land ORDER BY aar
