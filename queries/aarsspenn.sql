-- The years the population series covers.
SELECT min(aar) AS forste, max(aar) AS siste FROM befolkning
