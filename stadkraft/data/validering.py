"""Checks a newly built database must pass before it replaces the old one."""
from __future__ import annotations

from pathlib import Path

import duckdb

from .feil import ValideringsFeil

# Each check is a query returning rows that break the rule, and a message for the first row.
SJEKKER = [
    ("SELECT kommunenummer FROM kommune WHERE NOT regexp_full_match(kommunenummer, '\\d{4}')",
     "Kommunenummer {0} er ikke firesifret."),
    ("SELECT b.kommunenummer FROM befolkning b ANTI JOIN kommune k USING (kommunenummer) LIMIT 1",
     "Befolkning har kommunenummer {0}, som ikke finnes i kommuneregisteret (2024-struktur)."),
    ("""SELECT k.kommunenummer, a.aar FROM kommune k
        CROSS JOIN (SELECT DISTINCT aar FROM befolkning) a
        ANTI JOIN befolkning b ON b.kommunenummer = k.kommunenummer AND b.aar = a.aar LIMIT 1""",
     "Befolkning mangler kommune {0} for år {1}; hvert år må ha alle kommuner."),
    ("""SELECT aar FROM (SELECT DISTINCT aar FROM befolkning) a
        WHERE aar < (SELECT max(aar) FROM befolkning)
          AND aar + 1 NOT IN (SELECT DISTINCT aar FROM befolkning) LIMIT 1""",
     "Befolkning hopper over året etter {0}; tidsserien må være sammenhengende."),
    ("SELECT kommunenummer, aar FROM befolkning WHERE folkemengde < 0 LIMIT 1",
     "Negativ folkemengde for {0} i {1}."),
    ("SELECT kommunenummer, aar FROM befolkning WHERE (folkemengde IS NULL) <> (kilde = 'mangler') LIMIT 1",
     "Folkemengde for {0} i {1} mangler uten å være merket som manglende (eller omvendt)."),
    ("""SELECT kommunenummer, aar FROM sysselsetting WHERE sysselsatte < 0
        UNION ALL SELECT kommunenummer, aar FROM befolkningsendring
        WHERE least(fodte, dode, innflytting, utflytting, innvandring, utvandring) < 0 LIMIT 1""",
     "Negativt antall for {0} i {1} (sysselsetting eller befolkningsendring)."),
    ("""SELECT kommunenummer FROM (SELECT kommunenummer FROM sysselsetting UNION
        SELECT kommunenummer FROM befolkningsendring UNION SELECT kommunenummer FROM sysselsatte_bosted
        UNION SELECT bostedskommune FROM pendling UNION SELECT arbeidskommune FROM pendling)
        ANTI JOIN kommune USING (kommunenummer) LIMIT 1""",
     "Kommunenummer {0} i sysselsetting, befolkningsendring eller pendling finnes ikke i 2024-strukturen."),
    ("""SELECT kommunenummer, aar FROM sysselsatte_bosted WHERE least(sysselsatte, befolkning_15_74) < 0
        UNION ALL SELECT bostedskommune, aar FROM pendling WHERE sysselsatte < 0 LIMIT 1""",
     "Negativt antall for {0} i {1} (sysselsatte etter bosted eller pendling)."),
    ("""SELECT DISTINCT s.aar, s.sektor FROM sysselsetting s
        ANTI JOIN sysselsetting_serie d ON d.aar = s.aar AND d.sektor = s.sektor
        WHERE s.naering = '00-99' LIMIT 1""",
     "Sysselsettingen for {0} ({1}) har ingen definisjon i sysselsetting_serie; appen kan ikke vise brudd i serien."),
    ("""SELECT l.aar, l.folkemengde, sum(b.folkemengde) FROM befolkning_land l
        JOIN befolkning b USING (aar) GROUP BY l.aar, l.folkemengde
        HAVING count(*) FILTER (WHERE b.kilde <> 'ssb') = 0 AND sum(b.folkemengde) <> l.folkemengde LIMIT 1""",
     "Summen av kommunene i {0} er {2}, men landstallet er {1}."),
    ("SELECT kommunenummer FROM kommune ANTI JOIN kommunegrense USING (kommunenummer) LIMIT 1",
     "Kommune {0} mangler kartgrense."),
    ("SELECT kommunenummer FROM kommune WHERE sentralitetsklasse IS NULL LIMIT 1",
     "Kommune {0} mangler sentralitetsklasse."),
]


# National totals per year: checkable only where the source states them and every municipality
# has SSB's own figure (a missing one has none; an estimated split need not add up to the unit).
LANDSTALL = """SELECT count(*) FILTER (WHERE kontrollert), count(*) FILTER (WHERE NOT kontrollert),
                      min(aar) FILTER (WHERE kontrollert), max(aar) FILTER (WHERE kontrollert)
               FROM (SELECT l.aar, count(b.aar) > 0 AND count(*) FILTER (WHERE b.kilde <> 'ssb') = 0 AS kontrollert
                     FROM befolkning_land l LEFT JOIN befolkning b USING (aar) GROUP BY l.aar)"""


def kontroll_landstall(con) -> str:
    """In words, whether the sum check against national totals ran; a folder has no totals to check."""
    kontrollert, ikke, fra, til = con.execute(LANDSTALL).fetchone()
    if kontrollert == 0 and ikke == 0:
        return ("ikke kontrollert – kilden har ikke landstall for folkemengden, så summen av kommunene er ikke "
                "sammenlignet med et landstall. Bygg med --kilde ssb for å få denne kontrollen")
    if kontrollert == 0:
        return "ikke kontrollert – alle år med landstall mangler tall for minst én kommune, eller har anslag"
    tekst = f"kontrollert – summen av kommunene er lik landstallet for {kontrollert} år ({fra}–{til})"
    if ikke:
        tekst += f"; {ikke} år med manglende eller anslåtte kommunetall er ikke kontrollert"
    return tekst


def valider(sti: Path, forventet_antall: int) -> dict[str, str]:
    """Raise ValideringsFeil on the first broken rule; return notes for the metadata table."""
    con = duckdb.connect(str(sti), read_only=True)
    try:
        antall = con.execute("SELECT count(*) FROM kommune").fetchone()[0]
        if antall != forventet_antall:
            raise ValideringsFeil(f"Fant {antall} kommuner, forventet {forventet_antall} (2024-strukturen).")
        if con.execute("SELECT count(*) FROM befolkning").fetchone()[0] == 0:
            raise ValideringsFeil("Befolkningstabellen er tom.")
        for sql, melding in SJEKKER:
            rad = con.execute(sql).fetchone()
            if rad:
                raise ValideringsFeil(melding.format(*rad))
        return {"kontroll_landstall": kontroll_landstall(con)}
    finally:
        con.close()
