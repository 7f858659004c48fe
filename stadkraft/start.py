"""Start the dashboard: `python -m stadkraft.start [streamlit options]`.

Streamlit treats a `pages/` folder beside the entry script as a legacy multipage app until the
first run calls `st.navigation`; a first visit straight to a deep link such as `/vekst` would
then run the page without the shared frame, and keep doing so. Our `pages/` holds
`st.navigation` pages, so switch the legacy mode off before the server starts.
"""
import contextlib
import sys

from streamlit import net_util
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from .stier import ROT


def forbered() -> None:
    """Settings that must be in place before Streamlit's server starts."""
    PagesManager.uses_pages_directory = False
    # A headless server asks checkip.amazonaws.com for its «External URL»; nothing may leave the machine.
    net_util.get_external_ip = lambda: None


def main() -> None:
    forbered()
    # The app with the server's own routes and compression (stadkraft/tjener.py), around dashboard.py.
    sys.argv = ["streamlit", "run", str(ROT / "stadkraft" / "tjener.py"), *sys.argv[1:]]
    cli.main()


@contextlib.contextmanager
def navigasjon_i_apptest():
    """The same for AppTest (tests, benchmark), which resets the legacy mode on every run: without
    this, a page reached with `switch_page` would run without `dashboard.py` around it."""
    opphavleg = PagesManager.__init__

    def init(self, *args, **kwargs):
        opphavleg(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    try:
        yield
    finally:
        PagesManager.__init__ = opphavleg


if __name__ == "__main__":
    main()
