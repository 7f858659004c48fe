"""Benchmark (not a test): prints one line per figure as `name: value unit`.

The bundled snapshot's size, build time from the snapshot and from the source folder
($STADKRAFT_KILDE, when there is one), the database's size, each query's median and 95th
percentile, the overview page's warm rerun in AppTest and the map's payload.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROT))

import logging  # noqa: E402

logging.getLogger("streamlit").setLevel(logging.ERROR)

from stadkraft import db  # noqa: E402
from stadkraft.beregning import indikatorer  # noqa: E402
from stadkraft.diagram import kart  # noqa: E402
from stadkraft.data import snapshot  # noqa: E402
from stadkraft.data.build import bygg  # noqa: E402

# Representative parameters for each query file (Frøya, 2007-2017).
PARAMETRE = {"kommune": "5014", "fra": 2007, "til": 2017, "andre": "", "kommuner": "5014,5056", "fylker": "50"}
GJENTAK = 100
OPPVARMING = 3  # runs not counted: the first plans the query and reads the file from disk


def linje(navn: str, verdi: float, enhet: str) -> None:
    print(f"{navn}: {verdi:.3f} {enhet}" if isinstance(verdi, float) else f"{navn}: {verdi} {enhet}", flush=True)


def persentil(verdier: list[float], p: float) -> float:
    s = sorted(verdier)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def maal_bygg(kilde: Path | None, navn: str, ut: Path) -> None:
    """Build time of the median of three builds (the first also warms the file cache)."""
    tider = []
    for _ in range(3):
        start = time.perf_counter()
        bygg(kilde, ut)
        tider.append(time.perf_counter() - start)
    linje(f"bygg_tid_{navn}", statistics.median(tider), "s")
    linje("database_storrelse", ut.stat().st_size / 1e6, "MB")


def maal_snapshot() -> None:
    filer = list(snapshot.MAPPE.iterdir())
    linje("snapshot_storrelse", sum(f.stat().st_size for f in filer) / 1e6, "MB")
    linje("snapshot_filer", len(filer), "")


def tid_sporring(navn: str, parametre: dict) -> tuple[float, float]:
    """Median and 95th percentile (ms) of one query, uncached, after a few runs not counted."""
    sql = db.les_sql(navn)
    parametre = {k: v for k, v in parametre.items() if f"${k}" in sql}
    for _ in range(OPPVARMING):
        db.kjor(navn, **parametre)
    tider = []
    for _ in range(GJENTAK):
        start = time.perf_counter()
        db.kjor(navn, **parametre)
        tider.append((time.perf_counter() - start) * 1000)
    return statistics.median(tider), persentil(tider, 95)


def maal_sporringer() -> None:
    for fil in sorted((ROT / "queries").glob("*.sql")):
        try:
            p50, p95 = tid_sporring(fil.stem, PARAMETRE)
        except Exception as e:  # a query needing other parameters is reported, not fatal
            print(f"# {fil.stem}: ikke målt ({type(e).__name__}: {str(e)[:80]})")
            continue
        linje(f"sporring_{fil.stem}_p50", p50, "ms")
        linje(f"sporring_{fil.stem}_p95", p95, "ms")


def maal_oversikt() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROT / "dashboard.py"), default_timeout=120)
    at.query_params.update({"kommune": "5014", "fra": "2007", "til": "2017"})
    start = time.perf_counter()
    at.run()
    linje("oversikt_kald_kjoring", time.perf_counter() - start, "s")
    tider = []
    for _ in range(10):
        start = time.perf_counter()
        at.run()
        tider.append(time.perf_counter() - start)
    linje("oversikt_varm_omkjoring_median", statistics.median(tider), "s")
    linje("oversikt_varm_omkjoring_maks", max(tider), "s")


def maal_kart() -> None:
    grenser, fylker = db.kjor("kommunegrenser"), db.kjor("fylkesgrenser")
    data = db.kjor("oversikt_indikatorer", fra=2016, til=2026)
    verdier = indikatorer.fargelegg(data, indikatorer.INDIKATORER["vekst"])
    start = time.perf_counter()
    filer = kart.geometrifiler(grenser, fylker)
    linje("kart_geometri_bygg_tid", (time.perf_counter() - start) * 1000, "ms")
    for navn, (raa, komprimert) in filer.innhold.items():
        linje(f"kart_geometri_{navn}", len(raa), f"bytes ({len(komprimert)} gzip, sendt én gang)")
    start = time.perf_counter()
    spec = kart.kommunekart(grenser, verdier, filer.adresser(), valgt="5014").to_json()
    linje("kart_bygg_tid", (time.perf_counter() - start) * 1000, "ms")
    linje("kart_nyttelast", len(spec.encode("utf-8")), "bytes (per indikator, periode eller valg)")


def maal_attraktivitet() -> None:
    """The attractiveness model for all municipalities and years: cold (queries and arithmetic), cached,
    one period's table; and the page's rerun on a period change in AppTest."""
    from streamlit.testing.v1 import AppTest

    from stadkraft.attraktivitet import grunnlag, modell, periode

    start = time.perf_counter()
    m = modell.beregn(grunnlag.les(db.kjor))
    linje("attraktivitet_modell_kald", (time.perf_counter() - start) * 1000, "ms")
    modell.for_database()
    tider = []
    for _ in range(GJENTAK):
        start = time.perf_counter()
        modell.for_database()
        tider.append((time.perf_counter() - start) * 1000)
    linje("attraktivitet_modell_cachet_p50", statistics.median(tider), "ms")
    start = time.perf_counter()
    m.kumulativ  # noqa: B018 - the running sums the page keeps with the model (computed once per database)
    linje("attraktivitet_lopende_summer", (time.perf_counter() - start) * 1000, "ms")
    spredning = periode.typisk_spredning(m.aarlig)
    start = time.perf_counter()
    periode.periodetabell(m.aarlig, m.kommuner, 2007, 2017, spredning, m.kumulativ)
    linje("attraktivitet_periodetabell", (time.perf_counter() - start) * 1000, "ms")
    at = AppTest.from_file(str(ROT / "pages" / "attraktivitet.py"), default_timeout=120)
    at.query_params.update({"kommune": "5014", "fra": "2007", "til": "2017"})
    at.run()
    tider = []
    for fra in ("2011", "2008", "2012", "2007", "2010"):  # each a period change, the first for its period
        at.query_params["fra"] = fra
        start = time.perf_counter()
        at.run()
        tider.append(time.perf_counter() - start)
    linje("attraktivitet_periodebytte_median", statistics.median(tider), "s")
    linje("attraktivitet_periodebytte_maks", max(tider), "s")


# Ten municipalities of Trøndelag, for the region pack's timing.
TI = "5014,5056,5055,5059,5057,5058,5020,5053,5054,5052"


def maal_kunnskapsgrunnlag() -> None:
    """The knowledge base warm (the attractiveness model and the fonts loaded by a first run): the PDF, and
    the PDF with its ZIP, for Frøya and for a region of ten municipalities; median of three."""
    from stadkraft import region as regioner
    from stadkraft.kunnskapsgrunnlag import lag_pakke
    region = regioner.egen(db.kjor("region_kommuner"), TI, "Ti kommuner")
    for navn, kw in (("kommune", {"kommune": "5014"}), ("region10", {"region": region})):
        lag_pakke(med_zip=True, **kw)
        for med_zip, hva in ((False, "pdf"), (True, "pdf_zip")):
            tider = []
            for _ in range(3):
                start = time.perf_counter()
                pdf, _, g = lag_pakke(med_zip=med_zip, **kw)
                tider.append(time.perf_counter() - start)
            linje(f"kunnskapsgrunnlag_{navn}_{hva}_varm", statistics.median(tider), "s")
        import pypdfium2
        linje(f"kunnskapsgrunnlag_{navn}_sider", len(pypdfium2.PdfDocument(pdf)), "sider")


def main() -> None:
    kilde = Path(os.environ.get("STADKRAFT_KILDE") or ROT.parent / "shared" / "data")
    maal_snapshot()
    with tempfile.TemporaryDirectory() as tmp:
        maal_bygg(None, "snapshot", Path(tmp) / "bench.duckdb")
        if kilde.is_dir():
            maal_bygg(kilde, "mappe", Path(tmp) / "bench.duckdb")
    if not db.db_sti().exists():
        bygg(None, db.db_sti())
    maal_sporringer()
    maal_kart()
    maal_oversikt()
    maal_attraktivitet()
    maal_kunnskapsgrunnlag()
    try:
        from bench_vekst import maal
    except ImportError:
        return
    for navn, verdi, enhet in maal():
        linje(navn, verdi, enhet)


if __name__ == "__main__":
    main()
