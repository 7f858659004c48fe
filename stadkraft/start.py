"""Start the dashboard: `python -m stadkraft.start [streamlit options]`.

Streamlit treats a `pages/` folder beside the entry script as a legacy multipage app until the
first run calls `st.navigation`; a first visit straight to a deep link such as `/vekst` would
then run the page without the shared frame, and keep doing so. Our `pages/` holds
`st.navigation` pages, so switch the legacy mode off before the server starts.
"""
import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from .stier import ROT


def main() -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(ROT / "dashboard.py"), *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
