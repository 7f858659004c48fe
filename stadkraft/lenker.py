"""Every URL parameter name, in one place: the view lives in the URL, so a copied link opens the same view.

Names are bokmål, one form each. A name that has been renamed keeps its old forms in GAMLE, and a
link with an old form is still read (`les`).
"""
from __future__ import annotations

from collections.abc import Mapping

# The frame and the statistics pages.
KOMMUNE = "kommune"          # ?kommune=5014, the shared municipality picker
MODUS = "modus"              # ?modus=presentasjon, for projectors
PRESENTASJON = "presentasjon"
INDIKATOR = "indikator"      # the overview map's indicator
FRA, TIL = "fra", "til"      # a period: 1 January fra -> 1 January til
SAMMENLIGN = "sammenlign"    # municipalities added to the growth page's lines (comma-separated)
SEKTOR = "sektor"            # employment: alle, privat, offentlig
MAAL = "maal"                # the ranking's measure
ANDEL, PERSONER = "andel", "personer"  # the restructuring screen's two thresholds
# The attractiveness page's filters (the municipalities it labels are `sammenlign`, as on the growth page).
FYLKE = "fylke"              # a county number, e.g. ?fylke=50
SENTRALITET = "sentralitet"  # a centrality class 1-6
BA_REGION = "ba"             # the attractiveness page's BA-region filter (a BA code; was ?region=)
# A region as the unit of the statistics pages (stadkraft/region.py): ?region=fylke-50, ba-018,
# regionraad-hallingdal, or egen with its members and name (?region=egen&kommuner=3320,3322&navn=...).
REGION = "region"
KOMMUNER = "kommuner"        # an own group's members (comma-separated 2024 codes)
NAVN = "navn"                # an own group's name
LIKNENDE = "liknende"        # the comparison group of similar municipalities, when edited (comma-separated)
STORRELSE = "storrelse"      # the least population shown: 0, 1000, 3000, 10000
UTVALG = "utvalg"            # the attractiveness page's municipalities: all, or ?utvalg=liknende

# The workshops.
KODE = "kode"                # a session's join code
TOKEN = "token"              # the facilitator's key
DELTAKER = "d"               # a phone's anonymous id

# Old forms still read: links, bookmarks and printed QR codes from before a rename.
GAMLE_SAMMENLIGN = ("samanlikn",)
GAMLE_DELTAKER = ("deltaker", "deltakar")
GAMLE: dict[str, tuple[str, ...]] = {SAMMENLIGN: GAMLE_SAMMENLIGN, DELTAKER: GAMLE_DELTAKER}


def les(parametre: Mapping[str, str], navn: str, standard: str | None = None) -> str | None:
    """The value of `navn` in `parametre` (st.query_params), else of one of its old forms, else `standard`."""
    for n in (navn, *GAMLE.get(navn, ())):
        if n in parametre:
            return parametre.get(n)
    return standard
