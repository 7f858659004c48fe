"""A live count under each reason field: «123 av 500 tegn», in bold with what to do when over.

A field inside a form tells the server nothing until «Send svar», and a browser limit
(`max_chars`) would cut a long paste without a word (issue 13). So the count is the browser's:
one listener on the page counts every field whose label says it has a limit, as the user types.
The store still refuses an over-long reason, with the same words, and keeps the text.
"""
from __future__ import annotations

import streamlit as st

from ..modell import MAKS_BEGRUNNELSE

MERKE = "Kort begrunnelse"      # how the reason fields' labels begin (stadkraft.workshop.ui.skjema)

JS = """
export default function ({ data }) {
    const { maks, merke } = data;
    const tegn = (s) => [...s.trim()].length;   // characters, as the store counts them (trimmed)
    function tell(felt) {
        const boks = felt.closest('[data-testid="stTextInput"]');
        const etikett = boks && boks.querySelector('label');
        if (!etikett || !etikett.textContent.trim().startsWith(merke)) return;
        let teller = boks.querySelector('.stadkraft-teller');
        const n = tegn(felt.value);
        if (!teller) {
            if (n === 0) return;
            // Read with the field (not on every keystroke, as a live region would be).
            teller = document.createElement('div');
            teller.className = 'stadkraft-teller';
            teller.id = `${felt.id || Math.random().toString(36).slice(2)}-teller`;
            felt.setAttribute('aria-describedby', teller.id);
            boks.appendChild(teller);
        }
        const over = n - maks;
        teller.textContent = over > 0
            ? `${n} av ${maks} tegn: ${over} for mange. Kort ned før du sender.`
            : `${n} av ${maks} tegn`;
        teller.classList.toggle('stadkraft-for-lang', over > 0);
    }
    // One listener per page, however often Streamlit runs this again (a theme change, a redraw).
    if (window.__stadkraftTeller) document.removeEventListener('input', window.__stadkraftTeller, true);
    const vedSkriving = (e) => { if (e.target instanceof HTMLInputElement) tell(e.target); };
    window.__stadkraftTeller = vedSkriving;
    document.addEventListener('input', vedSkriving, true);
    document.querySelectorAll('[data-testid="stTextInput"] input').forEach(tell);
    return () => {
        document.removeEventListener('input', vedSkriving, true);
        if (window.__stadkraftTeller === vedSkriving) window.__stadkraftTeller = null;
    };
}
"""

# In the page's own colours (both themes); over the limit it says so in words, in bold.
CSS = """
.stadkraft-teller {font-size: 0.875rem; opacity: 0.8; margin-top: 0.25rem;}
.stadkraft-teller.stadkraft-for-lang {opacity: 1; font-weight: 600;}
"""

# Not isolated: the count sits beside Streamlit's field, outside the component's own box.
_teller = st.components.v2.component("stadkraft.tegnteller", js=JS, css=CSS, isolate_styles=False)


def vis() -> None:
    """Count the reason fields on this page (drawn with the form; no value, so inside it too)."""
    _teller(data={"maks": MAKS_BEGRUNNELSE, "merke": MERKE})
