-- The 2024 municipality an older municipality number became (the largest share where it was split),
-- for a link or bookmark made before the reform: ?kommune=1620 opens Frøya (5014).
SELECT kommunenummer
FROM kodeendring
WHERE kommunenummer_original = $kode
GROUP BY kommunenummer
ORDER BY max(aar) DESC, max(vekt) DESC, kommunenummer
LIMIT 1
