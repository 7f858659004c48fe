"""The workshop's rules, defined once: phases and their transitions, who may see what and when,
how many answers must be in before anything is shown, which rounds are earlier.

Used by the store (which enforces them) and by the pages (which only offer what is allowed);
no page restates them. Pure Python.
"""
from __future__ import annotations

import enum

from .feil import UlovligFase


class Fase(str, enum.Enum):
    """A session's phase. Only `OPEN` takes answers from phones."""

    OPEN = "open"                # open for answers
    LIVE = "live"                # open for answers, the result shown as they come (once enough)
    STENGT = "stengt"            # closed: no new answers, results still hidden
    VIST = "vist"                # results revealed (when enough have answered)
    GRUPPE = "gruppe"            # tools with groups: each group agrees a placement on one device
    KONSENSUS = "konsensus"      # the room (plenary) agrees a score per item, and an action list

    @property
    def tekst(self) -> str:
        return FASETEKST[self]


FASETEKST = {
    Fase.OPEN: "Åpen for svar",
    Fase.LIVE: "Åpen, vises live",
    Fase.STENGT: "Stengt for svar",
    Fase.VIST: "Resultat vist",
    Fase.GRUPPE: "Gruppearbeid",
    Fase.KONSENSUS: "Felleskarakter",
}

# Allowed phase changes. Going back is allowed one step at a time (hide results again,
# reopen for a late participant) so a mistake at the projector can be undone.
# Live is a detour from open: back to open hides the result, forward closes and keeps it shown.
OVERGANGER: dict[Fase, frozenset[Fase]] = {
    Fase.OPEN: frozenset({Fase.STENGT, Fase.LIVE}),
    Fase.LIVE: frozenset({Fase.OPEN, Fase.VIST}),
    Fase.STENGT: frozenset({Fase.OPEN, Fase.VIST}),
    Fase.VIST: frozenset({Fase.STENGT, Fase.KONSENSUS}),
    Fase.KONSENSUS: frozenset({Fase.VIST}),
    Fase.GRUPPE: frozenset(),
}
# Tools with groups (individual -> group -> plenary) have the group stage between.
OVERGANGER_GRUPPER: dict[Fase, frozenset[Fase]] = {
    **OVERGANGER,
    Fase.VIST: frozenset({Fase.STENGT, Fase.GRUPPE}),
    Fase.GRUPPE: frozenset({Fase.VIST, Fase.KONSENSUS}),
    Fase.KONSENSUS: frozenset({Fase.GRUPPE}),
}

FASER_SVAR = frozenset({Fase.OPEN, Fase.LIVE})        # phones may submit
FASER_PAPIR = frozenset({Fase.OPEN, Fase.LIVE, Fase.STENGT})   # the facilitator may type in paper answers
FASER_VIST = frozenset({Fase.LIVE, Fase.VIST, Fase.GRUPPE, Fase.KONSENSUS})  # (enough) results may be shown
FASER_MOBIL_RESULTAT = FASER_VIST - FASER_SVAR         # the phone shows the result instead of its form
FASER_GRUPPE = frozenset({Fase.GRUPPE})                # groups agree their placements
FASER_KONSENSUS = frozenset({Fase.KONSENSUS})          # the plenary's agreed scores and actions are set
# Groups are formed while the result is shown and locked in the group stage: a member joining or
# leaving then would change the members' guide by exactly that person's scores.
FASER_VELG_GRUPPE = frozenset({Fase.VIST})

MIN_SVAR = 3  # fewer answers than this are never shown, so no single answer can be inferred
MIN_SVAR_EGEN = 1  # a self-assessment: one person's own scores, nobody joins

# Levels at which consensus is stored: the whole room (plenary) or one group.
PLENUM = "plenum"


def overganger(grupper: bool = False) -> dict[Fase, frozenset[Fase]]:
    return OVERGANGER_GRUPPER if grupper else OVERGANGER


def sjekk_overgang(fra: Fase, til: Fase, grupper: bool = False) -> None:
    lovlige = overganger(grupper)[fra]
    if til not in lovlige:
        lov = ", ".join(f"«{f.tekst}»" for f in sorted(lovlige, key=list(Fase).index))
        raise UlovligFase(
            f"Økta kan ikke gå fra «{fra.tekst}» til «{til.tekst}». Fra «{fra.tekst}» kan du gå "
            f"til {lov}."
        )


def er_egenvurdering(min_svar: int) -> bool:
    """Made by `Lager.egenvurdering`: one person's scores, no room to join."""
    return min_svar <= MIN_SVAR_EGEN


def kan_gjenaapnes(min_svar: int) -> bool:
    """Fewer than `MIN_SVAR` needed (a self-assessment) is never opened to phones: a second
    answer could be read off the first."""
    return min_svar >= MIN_SVAR


def nok_svar(antall: int, min_svar: int, papir: int = 0) -> bool:
    """Enough answers to show a result anonymously. Paper answers are typed by the facilitator,
    who knows them: they do not hide the phones' answers from the facilitator, so the phones must
    be none or at least `min_svar` themselves (1 phone and 2 paper answers would give it away)."""
    mobil = antall - papir
    return antall >= min_svar and (mobil == 0 or mobil >= min_svar)


def kan_vises(fase: Fase, antall: int, min_svar: int, papir: int = 0) -> bool:
    """Results (and the anonymous answers behind them) may be shown to anyone with the code."""
    return fase in FASER_VIST and nok_svar(antall, min_svar, papir)


def raasvar_synlige(fase: Fase, antall: int, min_svar: int, papir: int = 0) -> bool:
    """The facilitator's export of individual answers follows the results' rule (a
    self-assessment's one answer is the person's own)."""
    return er_egenvurdering(min_svar) or kan_vises(fase, antall, min_svar, papir)


def synlige_grupper(fordeling: dict, min_svar: int = MIN_SVAR) -> dict:
    """Counts per role (or group) as they may be shown: a role with fewer than `min_svar` people
    could be one known person, so those are counted together as «andre (færre enn 3 hver)».
    Keys are kept in order; '' (not given) stays as it is."""
    ut, sma = {}, 0
    for navn, n in fordeling.items():
        if navn and n < min_svar:
            sma += n
        else:
            ut[navn] = n
    if sma:
        ut[f"andre (færre enn {min_svar} hver)"] = sma
    return ut


def vist_rolle(fordeling: dict, min_svar: int = MIN_SVAR) -> dict:
    """Each role as an export of answers may show it: as itself when at least `min_svar` answered
    with it, else as «andre (færre enn 3 hver)» when those together are `min_svar` or more, else
    withheld (''). No answer is ever tied to a role group smaller than `min_svar`."""
    sma = {r for r, n in fordeling.items() if r and n < min_svar}
    samlet = sum(fordeling[r] for r in sma)
    andre = f"andre (færre enn {min_svar} hver)" if samlet >= min_svar else ""
    return {r: (andre if r in sma else r) for r in fordeling}


KODE_GYLDIG_DAGER = 14  # a closed session's join code stops working this long after it was made


def kode_utlopt(fase: Fase, opprettet, naa) -> bool:
    """A closed session's join code expires (so old codes cannot be tried for ever); an open
    session's never does. Counted from when the session was made, not its date (which may be
    any day the facilitator chose)."""
    return fase not in FASER_SVAR and (naa - opprettet).days > KODE_GYLDIG_DAGER


def kan_sette_konsensus(fase: Fase, niva: str) -> bool:
    """A group's placement is agreed in the group stage, the plenary's in the consensus phase."""
    return fase in (FASER_KONSENSUS if niva == PLENUM else FASER_GRUPPE)


def faseknapper(fase: Fase, min_svar: int, grupper: bool = False) -> list[tuple[str, Fase, bool]]:
    """The phase changes the facilitator is offered now: (button text, target, primary?)."""
    tekster = {
        (Fase.VIST, Fase.GRUPPE): "Gå videre til gruppearbeid",
        (Fase.GRUPPE, Fase.KONSENSUS): "Gå videre til plenum",
        (Fase.GRUPPE, Fase.VIST): "Tilbake til resultatet",
        (Fase.KONSENSUS, Fase.GRUPPE): "Tilbake til gruppearbeidet",
        (Fase.OPEN, Fase.STENGT): "Steng for svar",
        (Fase.OPEN, Fase.LIVE): "Vis live mens svarene kommer",
        (Fase.LIVE, Fase.OPEN): "Skjul live-visningen",
        (Fase.LIVE, Fase.VIST): "Steng og vis resultatet",
        (Fase.STENGT, Fase.VIST): "Vis resultatet",
        (Fase.STENGT, Fase.OPEN): "Åpne for svar igjen",
        (Fase.VIST, Fase.KONSENSUS): "Gå videre til felleskarakter",
        (Fase.VIST, Fase.STENGT): "Skjul resultatet",
        (Fase.KONSENSUS, Fase.VIST): "Tilbake til resultatet",
    }
    fram = list(Fase).index
    ut = []
    for til in sorted(overganger(grupper)[fase], key=lambda f: (fram(f) < fram(fase), fram(f))):
        if til in FASER_SVAR and not kan_gjenaapnes(min_svar):
            continue
        ut.append((tekster[(fase, til)], til, fram(til) > fram(fase) and til != Fase.LIVE))
    return ut


def vei_til(fra: Fase, til: Fase, grupper: bool = False) -> list[Fase]:
    """The steps forward from `fra` to `til` (to bring a self-assessment back to editing)."""
    rekke = [f for f in Fase if f != Fase.LIVE and (grupper or f != Fase.GRUPPE)]
    return rekke[rekke.index(fra) + 1: rekke.index(til) + 1]


def er_tidligere(runde, denne) -> bool:
    """Is session `runde` earlier than session `denne`? By date, then by when it was made."""
    return (runde.dato, runde.opprettet) < (denne.dato, denne.opprettet)


def tidligere_runder(historikk, denne) -> list:
    """The (session, consensus) pairs of `historikk` that are earlier than `denne`."""
    return [(o, s) for o, s in historikk if er_tidligere(o, denne)]
