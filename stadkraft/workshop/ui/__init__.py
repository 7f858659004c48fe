"""Streamlit parts of the workshop views (the only `st.` calls in the engine), composed by
`stadkraft.workshop.sider`: `felles` (store, address, context), `skjema` (forms), `resultat`
(charts, tables, history), `okt` (a facilitator's session), `delta` (a participant's phone)."""
from .felles import (  # noqa: F401
    Kontekst, antall_tekst, app_adresse, dato_tekst, enhetsvelger, hent_lager, ny_skjemarunde,
    presentasjonsmodus, skjemarunde, stor_tabell, varsle_lokal_adresse,
)
