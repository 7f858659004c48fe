"""The launcher: no legacy pages/ mode, and no request to the internet when the server starts."""
import socket
import urllib.request

import pytest
from streamlit import net_util
from streamlit.runtime.pages_manager import PagesManager

from stadkraft import start


def test_ingen_forespørsel_om_ekstern_adresse(monkeypatch):
    def ingen_nett(*a, **kw):
        raise AssertionError("Stadkraft prøvde å nå internett")

    monkeypatch.setattr(urllib.request, "urlopen", ingen_nett)
    monkeypatch.setattr(socket, "create_connection", ingen_nett)
    monkeypatch.setattr(net_util, "get_external_ip", net_util.get_external_ip)  # restored afterwards
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    start.forbered()
    assert net_util.get_external_ip() is None
    assert PagesManager.uses_pages_directory is False


def test_uten_forbered_ville_streamlit_spurt_etter_ekstern_adresse(monkeypatch):
    # The check above means something: Streamlit's own function does go to the network.
    kall = []
    monkeypatch.setattr(net_util, "_external_ip", None, raising=False)
    monkeypatch.setattr(net_util, "_make_blocking_http_get", lambda url, timeout=5: kall.append(url), raising=False)
    net_util.get_external_ip()
    if not kall:
        pytest.skip("this Streamlit version looks the address up differently")
    assert any("checkip" in u or "http" in u for u in kall)
