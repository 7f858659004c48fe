"""The statistics database's tables. One place for the schema; the build and the tests use it.

`kilde` on a cell is one of KILDE_SSB, KILDE_ESTIMAT, KILDE_MANGLER, carried from the source flags.
"""

KILDE_SSB = "ssb"
KILDE_ESTIMAT = "estimat"
KILDE_MANGLER = "mangler"

# The code used for "all industries" in `sysselsetting.naering` (SN2007 total).
NAERING_ALLE = "00-99"
# `sysselsetting.sektor`: all jobs, private jobs, public jobs (all minus private, on 2024 codes).
SEKTOR_ALLE, SEKTOR_PRIVAT, SEKTOR_OFFENTLIG = "alle", "privat", "offentlig"

DDL = """
CREATE TABLE kommune (
    kommunenummer VARCHAR PRIMARY KEY,      -- 4 digits, 2024 structure
    navn VARCHAR NOT NULL,
    fylkesnummer VARCHAR NOT NULL,          -- 2 digits
    fylkesnavn VARCHAR NOT NULL,
    sentralitetsklasse INTEGER,             -- 1 (most central) .. 6
    sentralitetsindeks INTEGER,             -- 0 .. 1000
    ba_region VARCHAR,                      -- housing and labour market region code, where known
    ba_regionnavn VARCHAR
);
CREATE TABLE befolkning (
    kommunenummer VARCHAR NOT NULL,
    aar INTEGER NOT NULL,
    folkemengde BIGINT,                     -- 1 January; NULL when kilde = 'mangler'
    kilde VARCHAR NOT NULL,
    PRIMARY KEY (kommunenummer, aar)
);
-- National totals as the source states them (for validation), when the source has them.
CREATE TABLE befolkning_land (
    aar INTEGER PRIMARY KEY,
    folkemengde BIGINT NOT NULL
);
CREATE TABLE sysselsetting (
    kommunenummer VARCHAR NOT NULL,
    aar INTEGER NOT NULL,                   -- 4th quarter of the year
    naering VARCHAR NOT NULL,               -- SN2007 code or group; '00-99' = all industries
    sektor VARCHAR NOT NULL,                -- alle | privat | offentlig (= alle - privat)
    sysselsatte BIGINT,                     -- by place of work
    kilde VARCHAR NOT NULL,
    PRIMARY KEY (kommunenummer, aar, naering, sektor)
);
-- What the employment series counts in each year and sector. `brudd` says why the change from
-- the year before is (partly) a change of definition, not of jobs: the app marks those years.
CREATE TABLE sysselsetting_serie (
    aar INTEGER NOT NULL,
    sektor VARCHAR NOT NULL,
    definisjon VARCHAR NOT NULL,
    tabell VARCHAR NOT NULL,
    brudd VARCHAR,
    PRIMARY KEY (aar, sektor)
);
-- Employed persons 15-74 by municipality of residence, and residents 15-74 (SSB 11618).
CREATE TABLE sysselsatte_bosted (
    kommunenummer VARCHAR NOT NULL,
    aar INTEGER NOT NULL,                   -- 4th quarter of the year
    sysselsatte BIGINT,
    befolkning_15_74 BIGINT,
    kilde VARCHAR NOT NULL,
    PRIMARY KEY (kommunenummer, aar)
);
CREATE TABLE befolkningsendring (
    kommunenummer VARCHAR NOT NULL,
    aar INTEGER NOT NULL,
    fodte BIGINT, dode BIGINT,
    innflytting BIGINT, utflytting BIGINT,  -- domestic
    innvandring BIGINT, utvandring BIGINT,
    -- The balances. From a source with the parts they are derived from them; a source with only
    -- balances (2003-2016) fills these alone. fodselsoverskudd = births - deaths; nettoinnflytting =
    -- all net migration, domestic and international; folketilvekst = the change during the year.
    folketilvekst BIGINT, fodselsoverskudd BIGINT, nettoinnflytting BIGINT,
    folketilvekst_eksakt BOOLEAN,           -- false: derived from a published rate (rounding)
    kilde VARCHAR NOT NULL,
    PRIMARY KEY (kommunenummer, aar)
);
-- Norway's net immigration per year (needed for relative net migration).
CREATE TABLE nettoinnvandring_land (
    aar INTEGER PRIMARY KEY,
    folkemengde BIGINT,                     -- 1 January
    nettoinnvandring BIGINT NOT NULL,
    prosent DOUBLE                          -- of the population, as published
);
-- Commuting: employed 15-74 by municipality of residence and of work, 4th quarter (SSB 03321).
CREATE TABLE pendling (
    aar INTEGER NOT NULL,
    bostedskommune VARCHAR NOT NULL,
    arbeidskommune VARCHAR NOT NULL,
    sysselsatte BIGINT NOT NULL,
    kilde VARCHAR NOT NULL,
    PRIMARY KEY (aar, bostedskommune, arbeidskommune)
);
-- Municipal reform mapping: a code valid in a year -> its 2024 municipality, with a weight for splits.
CREATE TABLE kodeendring (
    kommunenummer_original VARCHAR NOT NULL,
    aar INTEGER NOT NULL,
    kommunenummer VARCHAR NOT NULL,
    vekt DOUBLE NOT NULL
);
-- Boundaries, simplified at build time so the app never re-simplifies.
CREATE TABLE kommunegrense (
    kommunenummer VARCHAR PRIMARY KEY,
    geometri VARCHAR NOT NULL,              -- GeoJSON geometry (lon/lat, WGS84)
    senter_lon DOUBLE, senter_lat DOUBLE,   -- a point inside the polygon
    min_lon DOUBLE, min_lat DOUBLE, max_lon DOUBLE, max_lat DOUBLE
);
CREATE TABLE fylkesgrense (
    fylkesnummer VARCHAR PRIMARY KEY,
    fylkesnavn VARCHAR NOT NULL,
    geometri VARCHAR NOT NULL
);
-- Municipalities that share a border (both directions stored).
CREATE TABLE nabo (
    kommunenummer VARCHAR NOT NULL,
    nabo VARCHAR NOT NULL,
    PRIMARY KEY (kommunenummer, nabo)
);
-- A user's own tables exported from Statistikkbanken, in long form.
CREATE TABLE egen_tabell (
    tabell VARCHAR NOT NULL,
    tittel VARCHAR,
    kommunenummer VARCHAR NOT NULL,
    aar INTEGER NOT NULL,
    variabel VARCHAR NOT NULL,
    verdi DOUBLE
);
CREATE TABLE metadata (
    noekkel VARCHAR PRIMARY KEY,
    verdi VARCHAR
);
CREATE TABLE gruppeverdi (
    maal VARCHAR NOT NULL,           -- see GRUPPEMAAL
    gruppe VARCHAR NOT NULL,         -- fylke | sentralitet | region | land
    kode VARCHAR NOT NULL,
    navn VARCHAR NOT NULL,
    aar INTEGER NOT NULL,
    verdi BIGINT,                    -- NULL when a member has no figure that year
    n_estimat INTEGER NOT NULL,
    n_mangler INTEGER NOT NULL,
    n_kommuner INTEGER NOT NULL,
    PRIMARY KEY (maal, gruppe, kode, aar)
);
"""

# Comparison groups summed once at build time (the figures never change while the app runs).
# A group's value is NULL in a year when any member lacks a figure ('mangler' or no row): a sum
# over holes is not a figure; Norway's population is SSB's national figure when the source has it.
# Only years in which the measure has data at all get rows.
GRUPPEVERDI = """
INSERT INTO gruppeverdi
WITH medlem AS (
    SELECT 'fylke' AS gruppe, fylkesnummer AS kode, fylkesnavn AS navn, kommunenummer FROM kommune
    UNION ALL
    SELECT 'sentralitet', sentralitetsklasse::VARCHAR, 'Sentralitetsklasse ' || sentralitetsklasse, kommunenummer
    FROM kommune WHERE sentralitetsklasse IS NOT NULL
    UNION ALL
    SELECT 'region', ba_region, 'BA-region ' || coalesce(ba_regionnavn, ba_region), kommunenummer
    FROM kommune WHERE ba_region IS NOT NULL
    UNION ALL
    SELECT 'land', 'Norge', 'Norge', kommunenummer FROM kommune
),
verdier AS (
    SELECT 'befolkning' AS maal, kommunenummer, aar, folkemengde AS verdi, kilde FROM befolkning
    UNION ALL
    SELECT CASE sektor WHEN 'alle' THEN 'sysselsetting' ELSE 'sysselsetting_' || sektor END,
           kommunenummer, aar, sysselsatte, kilde FROM sysselsetting WHERE naering = '00-99'
    UNION ALL
    SELECT 'sysselsatte_bosted', kommunenummer, aar, sysselsatte, kilde FROM sysselsatte_bosted
    UNION ALL
    SELECT 'befolkning_15_74', kommunenummer, aar, befolkning_15_74, kilde FROM sysselsatte_bosted
    UNION ALL
    SELECT 'folketilvekst', kommunenummer, aar, folketilvekst, kilde FROM befolkningsendring
    UNION ALL
    SELECT 'fodselsoverskudd', kommunenummer, aar, fodselsoverskudd, kilde FROM befolkningsendring
    UNION ALL
    SELECT 'nettoinnflytting', kommunenummer, aar, nettoinnflytting, kilde FROM befolkningsendring
),
maal_aar AS (SELECT DISTINCT maal, aar FROM verdier WHERE verdi IS NOT NULL),
storleik AS (SELECT gruppe, kode, navn, count(*) AS n_kommuner FROM medlem GROUP BY ALL),
summer AS (
    SELECT v.maal, m.gruppe, m.kode, v.aar, sum(v.verdi) AS sum_verdi, count(v.verdi) AS n_verdier,
           count(*) FILTER (WHERE v.kilde = 'estimat') AS n_estimat
    FROM medlem m JOIN verdier v USING (kommunenummer)
    GROUP BY ALL
)
SELECT ma.maal, st.gruppe, st.kode, st.navn, ma.aar,
       -- SSB's own national figure where the source has it (it exists where members have holes)
       CASE WHEN l.folkemengde IS NOT NULL THEN l.folkemengde
            WHEN su.n_verdier = st.n_kommuner THEN su.sum_verdi END,
       -- A split's estimated parts add up to the parent's real figure, and a split stays within
       -- one county: county and national sums of estimated cells are exact.
       CASE WHEN st.gruppe IN ('fylke', 'land') THEN 0 ELSE coalesce(su.n_estimat, 0) END,
       st.n_kommuner - coalesce(su.n_verdier, 0), st.n_kommuner
FROM storleik st
CROSS JOIN maal_aar ma
LEFT JOIN summer su ON su.maal = ma.maal AND su.gruppe = st.gruppe AND su.kode = st.kode AND su.aar = ma.aar
LEFT JOIN befolkning_land l ON st.gruppe = 'land' AND ma.maal = 'befolkning' AND l.aar = ma.aar
"""

# The measures gruppeverdi sums per group (`maal`): population, jobs by place of work (all,
# private, public), employed and residents 15-74 by residence, and the balances of change.
GRUPPEMAAL = ("befolkning", "sysselsetting", "sysselsetting_privat", "sysselsetting_offentlig",
              "sysselsatte_bosted", "befolkning_15_74", "folketilvekst", "fodselsoverskudd", "nettoinnflytting")

# The components of change that are counts of events, and the balances derived from them.
ENDRING_DELER = ["fodte", "dode", "innflytting", "utflytting", "innvandring", "utvandring"]
ENDRING_BALANSER = ["folketilvekst", "fodselsoverskudd", "nettoinnflytting"]

# Column order of the canonical frames that source readers return.
KOLONNER = {
    "befolkning": ["kommunenummer", "aar", "folkemengde", "kilde"],
    "befolkning_land": ["aar", "folkemengde"],
    "sysselsetting": ["kommunenummer", "aar", "naering", "sektor", "sysselsatte", "kilde"],
    "sysselsetting_serie": ["aar", "sektor", "definisjon", "tabell", "brudd"],
    "sysselsatte_bosted": ["kommunenummer", "aar", "sysselsatte", "befolkning_15_74", "kilde"],
    "befolkningsendring": ["kommunenummer", "aar", *ENDRING_DELER, *ENDRING_BALANSER, "folketilvekst_eksakt",
                           "kilde"],
    "nettoinnvandring_land": ["aar", "folkemengde", "nettoinnvandring", "prosent"],
    "pendling": ["aar", "bostedskommune", "arbeidskommune", "sysselsatte", "kilde"],
    "kodeendring": ["kommunenummer_original", "aar", "kommunenummer", "vekt"],
    "egen_tabell": ["tabell", "tittel", "kommunenummer", "aar", "variabel", "verdi"],
}
# The keys of each table's cells (what a later source replaces, and what the snapshot sorts by).
NOEKLER = {
    "kommune": ["kommunenummer"],
    "befolkning": ["kommunenummer", "aar"],
    "befolkning_land": ["aar"],
    "sysselsetting": ["kommunenummer", "aar", "naering", "sektor"],
    "sysselsetting_serie": ["aar", "sektor"],
    "sysselsatte_bosted": ["kommunenummer", "aar"],
    "befolkningsendring": ["kommunenummer", "aar"],
    "nettoinnvandring_land": ["aar"],
    "pendling": ["aar", "bostedskommune", "arbeidskommune"],
    "kodeendring": ["kommunenummer_original", "aar", "kommunenummer"],
    "kommunegrense": ["kommunenummer"],
    "fylkesgrense": ["fylkesnummer"],
    "nabo": ["kommunenummer", "nabo"],
    "egen_tabell": ["tabell", "kommunenummer", "aar", "variabel"],
}
