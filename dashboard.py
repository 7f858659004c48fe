"""Stadkraft: entry point. Page config, navigation, the shared frame, then the chosen page."""
import streamlit as st

from stadkraft.ui import kjoringer, ramme

with kjoringer.plass():  # runs take turns (a room's burst; see stadkraft.ui.kjoringer)
    presentasjon = ramme.presentasjonsmodus()
    # A participant's phone gets its page alone: no navigation to the dashboard (and no icon font to fetch).
    deltaker = ramme.sidesti() in ramme.DELTAKERSIDER
    st.set_page_config(page_title="Stadkraft", page_icon=ramme.ikon(), layout="wide",
                       initial_sidebar_state="collapsed" if presentasjon or deltaker else "auto")
    ramme.stil(presentasjon)

    # Only pages that work are listed. The hidden ones are old addresses that bookmarks, printed QR
    # codes and shared links still point to (the same views under their former paths).
    sider = ramme.sider(lambda: [
        st.Page("pages/oversikt.py", title="Oversikt", icon=":material/map:", default=True),  # served at /
        st.Page("pages/vekst.py", title="Vekst", icon=":material/trending_up:", url_path="vekst"),
        st.Page("pages/attraktivitet.py", title="Attraktivitet", icon=":material/scatter_plot:", url_path="attraktivitet"),
        st.Page("pages/kapasitet.py", title="Kapasitetsdiamanten", icon=":material/diamond:", url_path="kapasitet"),
        st.Page("pages/prioritering.py", title="Prioriteringsverktøyet", icon=":material/grid_view:",
                url_path="prioritering"),
        st.Page("pages/bli_med.py", title="Bli med i workshop", icon=":material/smartphone:", url_path="bli-med"),
        st.Page("pages/kapasitet_leiar.py", title="Kapasitetsdiamanten", url_path="kapasitet-leiar", visibility="hidden"),
        st.Page("pages/kapasitet_delta.py", title="Bli med i workshop", url_path="kapasitet-delta", visibility="hidden"),
    ])
    WORKSHOPSIDER = ("kapasitet", "prioritering", "bli-med", "kapasitet-leiar", "kapasitet-delta")  # they use no statistics
    side = st.navigation(sider, position="hidden" if presentasjon or deltaker else "top")
    # Workshop pages use no statistics: no municipality list in the sidebar (every phone's run
    # would build and send 357 options).
    if not presentasjon and side.url_path not in WORKSHOPSIDER:
        st.sidebar.markdown("### Stadkraft")
        ramme.kommunevelger()
        ramme.regionvelger()
        st.sidebar.caption("Legg til ?modus=presentasjon i lenken for storskjerm.")
    side.run()
    if side.url_path not in WORKSHOPSIDER:  # the statistics' sources; workshops use none
        ramme.bunntekst()
