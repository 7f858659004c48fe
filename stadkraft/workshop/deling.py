"""Join links and QR codes for a session (pure functions; the page supplies the app's address).

Participants of every tool open `<app>/bli-med?kode=XXXXX` (the join page reads the tool from
the session); the facilitator's own page is the tool's (`Verktoy.sider[0]`), e.g.
`<app>/<side>?kode=XXXXX&token=...`. The QR code is an SVG made without PIL, with a white
background so it scans from a projector in a dark theme too.
"""
from __future__ import annotations

import ipaddress
from urllib.parse import urlencode, urlsplit, urlunsplit

SIDE_BLI_MED = "bli-med"
STANDARD_BASE = "http://localhost:8501"


def kjente_sider() -> tuple[str, ...]:
    """The engine's join page and every registered tool's pages (old addresses included)."""
    from .verktoy import alle

    return (SIDE_BLI_MED, *[s for v in alle() for s in v.sider])


def app_base(url: str | None) -> str:
    """The app's root address from a page address: query, fragment and our page paths removed."""
    if not url:
        return STANDARD_BASE
    deler = urlsplit(url.strip())
    sti = deler.path.rstrip("/")
    for side in kjente_sider():
        if sti.endswith("/" + side) or sti == side:
            sti = sti[: -len(side)].rstrip("/")
    return urlunsplit((deler.scheme, deler.netloc, sti, "", "")).rstrip("/")


def er_lokal_adresse(url: str | None) -> bool:
    """True when the address points at this machine itself (localhost, 127.x, ::1, 0.0.0.0):
    a phone that opens it reaches itself, not the app."""
    try:
        vert = (urlsplit((url or "").strip()).hostname or "").rstrip(".")
    except ValueError:
        return False
    if vert == "localhost" or vert.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(vert)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified


def lenke(base: str, side: str, **parametre: str) -> str:
    return f"{base.rstrip('/')}/{side}?{urlencode(parametre)}"


def delta_lenke(base: str, kode: str) -> str:
    """The participants' link (the same join page for every tool)."""
    return lenke(base, SIDE_BLI_MED, kode=kode)


def leder_lenke(base: str, side: str, kode: str, token: str) -> str:
    """The facilitator's link to the tool's page `side` (`Verktoy.sider[0]`)."""
    return lenke(base, side, kode=kode, token=token)


def qr_svg(tekst: str) -> str:
    """A QR code as an SVG document (black on white, with a quiet zone)."""
    import qrcode
    import qrcode.image.svg

    bilde = qrcode.make(tekst, image_factory=qrcode.image.svg.SvgPathFillImage, border=2,
                        error_correction=qrcode.constants.ERROR_CORRECT_M)
    return bilde.to_string(encoding="unicode")
