-- Commuting flows (employed 15-74, 4th quarter), summed over every year the database has, per
-- municipality of residence and of work: the model's weights are shares of these sums, so years
-- with more figures weigh no more than others in a share. `aar_fra`/`aar_til` say which years.
SELECT bostedskommune, arbeidskommune, sum(sysselsatte) AS sysselsatte,
       (SELECT min(aar) FROM pendling) AS aar_fra, (SELECT max(aar) FROM pendling) AS aar_til
FROM pendling
GROUP BY bostedskommune, arbeidskommune
ORDER BY bostedskommune, arbeidskommune
