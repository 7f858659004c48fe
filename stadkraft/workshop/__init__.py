"""The workshop engine: live sessions that a room of people answers from their phones.

Shared by the capacity diamond (`stadkraft.kapasitet`) and, later, the priority tool. A session
has a kind (tool), a unit, title, date, a short join code, a facilitator token (stored hashed)
and a phase; answers are keyed by (session, participant, item); consensus and an action list
are stored per session. See `lager.py` for the store and its two back ends.
"""
from .feil import IngenTilgang, OktStengt, ResultatSkjult, UgyldigSvar, UkjentOkt, UlovligFase, WorkshopFeil
from .lager import DuckLager, Lager, PgLager, lager_fra_miljo
from .modell import (
    EININGSTYPAR,
    FASETEKST,
    MIN_SVAR,
    ROLLER,
    Eining,
    Fase,
    NyOkt,
    Okt,
    Skaar,
    Tiltak,
    Verktoy,
    normaliser_kode,
    ny_deltakar_id,
    registrer_verktoy,
    verktoy,
)

__all__ = [
    "DuckLager", "EININGSTYPAR", "Eining", "FASETEKST", "Fase", "IngenTilgang", "Lager", "MIN_SVAR",
    "NyOkt", "Okt", "OktStengt", "PgLager", "ROLLER", "ResultatSkjult", "Skaar", "Tiltak",
    "UgyldigSvar", "UkjentOkt", "UlovligFase", "Verktoy", "WorkshopFeil", "lager_fra_miljo",
    "normaliser_kode", "ny_deltakar_id", "registrer_verktoy", "verktoy",
]
