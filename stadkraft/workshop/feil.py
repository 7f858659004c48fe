"""Errors from the workshop engine. Each message is Norwegian (bokmål) and says what to do.

The pages show `str(feil)` as it is, so a message must make sense to a participant on a
phone or to a facilitator at the projector without any other context.
"""


class WorkshopFeil(Exception):
    """Base for every error the engine raises on purpose (never for a bug)."""


class UgyldigSvar(WorkshopFeil, ValueError):
    """A score, reason, role or form field that cannot be stored. Nothing was stored."""


class UkjentOkt(WorkshopFeil, LookupError):
    """No session has this join code (or it was deleted)."""

    def __init__(self, kode: str):
        self.kode = kode
        # Only what a code can hold, and never long: a crafted address must not put text on the page.
        vist = "".join(c for c in str(kode or "") if c.isascii() and c.isalnum())[:12] or "(tom)"
        super().__init__(
            f"Fant ingen økt med koden «{vist}» (eller økta ble avsluttet for en tid siden). Sjekk koden "
            "på storskjermen og prøv igjen, eller spør den som leder workshopen."
        )


class OktStengt(WorkshopFeil):
    """The session does not take answers in its current phase."""


class IngenTilgang(WorkshopFeil, PermissionError):
    """A facilitator action without the facilitator's secret link (token)."""

    def __init__(self, melding: str | None = None):
        super().__init__(
            melding
            or "Dette kan bare gjøres fra lederlenken til økta (lenken med token som ble vist da "
            "økta ble opprettet). Deltakerlenken kan ikke endre, stenge, vise eller slette noe."
        )


class UlovligFase(WorkshopFeil):
    """A phase change or action that the current phase does not allow."""


class ResultatSkjult(WorkshopFeil):
    """Results are not revealed yet, or too few have answered to show them anonymously."""
