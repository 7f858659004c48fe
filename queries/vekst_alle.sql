-- Every municipality's population and employment (all industries, all sectors) at $fra and $til,
-- and the period's sums of population change (events of the years $fra .. $til - 1, which explain
-- the change from 1 Jan $fra to 1 Jan $til): net immigration (where immigration is counted apart),
-- all net migration (nettoinnflytting: domestic and international together) and the natural
-- increase. A sum is NULL unless every year of the period has it.
-- *_mangler: a year of the period is missing or an end has no value. *_estimat: an end value is an
-- estimate (endring_estimat: an estimated year entered the sums).
WITH b AS (
    SELECT kommunenummer,
           max(folkemengde) FILTER (WHERE aar = $fra) AS folk_fra,
           max(folkemengde) FILTER (WHERE aar = $til) AS folk_til,
           bool_or(folkemengde IS NULL OR kilde = 'mangler') AS hull,
           coalesce(bool_or(kilde = 'estimat') FILTER (WHERE aar IN ($fra, $til)), false) AS estimat
    FROM befolkning WHERE aar BETWEEN $fra AND $til GROUP BY kommunenummer),
s AS (
    SELECT kommunenummer,
           max(sysselsatte) FILTER (WHERE aar = $fra) AS syss_fra,
           max(sysselsatte) FILTER (WHERE aar = $til) AS syss_til,
           bool_or(sysselsatte IS NULL OR kilde = 'mangler') AS hull,
           coalesce(bool_or(kilde = 'estimat') FILTER (WHERE aar IN ($fra, $til)), false) AS estimat
    FROM sysselsetting WHERE naering = '00-99' AND sektor = 'alle' AND aar BETWEEN $fra AND $til GROUP BY kommunenummer),
e AS (
    SELECT kommunenummer,
           sum(innvandring - utvandring) AS netto_innvandring, count(innvandring - utvandring) AS n_innvandring,
           sum(nettoinnflytting) AS netto_innflytting, count(nettoinnflytting) AS n_innflytting,
           sum(fodselsoverskudd) AS fodselsoverskudd, count(fodselsoverskudd) AS n_fodsel,
           bool_or(kilde = 'estimat') AS estimat
    FROM befolkningsendring WHERE aar >= $fra AND aar < $til GROUP BY kommunenummer)
SELECT k.kommunenummer, k.navn, k.fylkesnavn, k.sentralitetsklasse,
       b.folk_fra, b.folk_til,
       coalesce(b.hull OR b.folk_fra IS NULL OR b.folk_til IS NULL, true) AS folk_mangler,
       coalesce(b.estimat, false) AS folk_estimat,
       s.syss_fra, s.syss_til,
       coalesce(s.hull OR s.syss_fra IS NULL OR s.syss_til IS NULL, true) AS syss_mangler,
       coalesce(s.estimat, false) AS syss_estimat,
       CASE WHEN e.n_innvandring = $til - $fra THEN e.netto_innvandring END AS netto_innvandring,
       CASE WHEN e.n_innflytting = $til - $fra THEN e.netto_innflytting END AS netto_innflytting,
       CASE WHEN e.n_fodsel = $til - $fra THEN e.fodselsoverskudd END AS fodselsoverskudd,
       coalesce(e.estimat, false) AS endring_estimat
FROM kommune k
LEFT JOIN b USING (kommunenummer)
LEFT JOIN s USING (kommunenummer)
LEFT JOIN e USING (kommunenummer)
ORDER BY k.kommunenummer
