"""A phone's watch for the facilitator's changes (open, close, reveal, new items, groups).

A room of phones waiting on a form must cost the server next to nothing. A script rerun every few
seconds per phone (`st.fragment(run_every=...)`) cost 39 % of a core for 200 idle phones (issue
14). Instead the phone's browser asks `stadkraft.tjener`'s `/api/okt/<kode>/tilstand` (one small
HTTP answer from the store's shared state, no script run) and reruns the page only when the
answer differs from the state the page was drawn with.

The address is signed per process, so it tells nothing about codes it was not handed out for:
guessing codes through it gets the same 404 as a wrong signature (the join page limits guesses).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

import streamlit as st

NOKKEL = secrets.token_bytes(32)       # this process's; a page from another process reruns and gets a new one
SEKUNDER = 3                            # how often a phone asks
ADRESSE = "/api/okt/{kode}/tilstand"

JS = """
export default function ({ data, setTriggerValue }) {
    const { adresse, tilstand, sekunder } = data;
    let ferdig = false, tidtaker = null;
    const vent = () => { tidtaker = setTimeout(sjekk, sekunder * 1000 * (0.8 + 0.4 * Math.random())); };
    async function sjekk() {
        if (ferdig) return;
        try {
            const svar = await fetch(adresse, { cache: "no-store", credentials: "same-origin" });
            // A new state, or an address this server does not know (restarted, another process): redraw.
            // (A redraw with the new state mounts a new watch; one that still shows the old asks again.)
            if (svar.status === 404 || (svar.ok && (await svar.text()) !== tilstand)) {
                setTriggerValue("endret", Date.now());
            }
        } catch (e) { /* offline a moment: ask again */ }
        vent();
    }
    vent();
    return () => { ferdig = true; clearTimeout(tidtaker); };
}
"""

_vakt = st.components.v2.component("stadkraft.endringsvakt", js=JS)


def signatur(kode: str) -> str:
    return hmac.new(NOKKEL, kode.encode("utf-8"), hashlib.sha256).hexdigest()[:24]


def gyldig(kode: str, sig: str) -> bool:
    return hmac.compare_digest(signatur(kode), sig or "")


def adresse(kode: str) -> str:
    return ADRESSE.format(kode=kode) + f"?s={signatur(kode)}"


def vent(kode: str, tilstand) -> None:
    """Rerun the page when the session's shared state is no longer `tilstand` (`Tilstand.nokkel`).

    No key: a keyed component's value is presented anew on every read of `st.session_state`
    (a tenth of the server's time when a room submits at once); a new state is a new component."""
    _vakt(data={"adresse": adresse(kode), "tilstand": tilstand.nokkel(), "sekunder": SEKUNDER},
          on_endret_change=lambda: None)
