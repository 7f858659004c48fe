"""The workshop engine: live sessions that a room of people answers from their phones.

It knows no tool by name: a tool describes itself through the contract in `verktoy.py` and
registers there (tools live in `stadkraft.verktoy`). A session has a tool type, a unit, title,
date, a short join code, a facilitator token (stored hashed) and a phase; answers are keyed by
(session, participant, item); participants may belong to a group; consensus is stored per
level (a group or the plenary); an action list per session. The rules are in `regler.py`, the
store and its migrations in `lager/`, the Streamlit views in `ui/` and `sider.py`.
"""
from . import regler
from .feil import IngenTilgang, OktStengt, ResultatSkjult, UgyldigSvar, UkjentOkt, UlovligFase, WorkshopFeil
from .lager import DuckLager, Lager, PgLager, lager_fra_miljo
from .modell import (
    ENHETSTYPER,
    ROLLER,
    Enhet,
    NyOkt,
    Okt,
    Skaar,
    Tiltak,
    normaliser_kode,
    ny_deltaker_id,
)
from .regler import FASETEKST, MIN_SVAR, PLENUM, Fase
from .verktoy import Element, Verktoy, registrer, verktoy

registrer_verktoy = registrer

__all__ = [
    "DuckLager", "ENHETSTYPER", "Element", "Enhet", "FASETEKST", "Fase", "IngenTilgang", "Lager", "MIN_SVAR",
    "NyOkt", "Okt", "OktStengt", "PLENUM", "PgLager", "ROLLER", "ResultatSkjult", "Skaar", "Tiltak",
    "UgyldigSvar", "UkjentOkt", "UlovligFase", "Verktoy", "WorkshopFeil", "lager_fra_miljo",
    "normaliser_kode", "ny_deltaker_id", "registrer", "registrer_verktoy", "regler", "verktoy",
]
