"""Errors raised while reading sources. Messages are Norwegian and say what to do."""


class KildeFeil(Exception):
    """A source file or response that cannot be used.

    Names the file (or URL), the row when known, and what is wrong, so the person running
    the build can fix the source and try again.
    """

    def __init__(self, fil, melding: str, rad: int | None = None):
        self.fil = str(fil)
        self.rad = rad
        self.melding = melding
        super().__init__(str(self))

    def __str__(self) -> str:
        sted = f"{self.fil}, rad {self.rad}" if self.rad is not None else self.fil
        return f"{sted}: {self.melding}"


class ValideringsFeil(Exception):
    """The newly built database breaks a rule; the previous database is kept."""
