"""Typed text (a participant's reason, a session title) is shown as itself, never as Markdown."""
import pytest
from markdown_it import MarkdownIt

from stadkraft.ui.deler import trygg_markdown

RENDER = MarkdownIt("commonmark").enable("table").render


@pytest.mark.parametrize("tekst", [
    "![x](https://evil.example/a.png)",
    "[klikk her](https://evil.example)",
    "<img src=https://evil.example/a.png>",
    "# Stor overskrift",
    "**fet** og _kursiv_",
    "1. nummerert",
    "- punkt",
    "> sitat",
    "`kode`",
])
def test_markdown_blir_vanlig_tekst(tekst):
    html = RENDER(trygg_markdown(tekst))
    assert html == f"<p>{tekst.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</p>\n"


def test_streamlits_egne_tegn_er_stengt():
    # Formulas ($…$), colour directives (:red[…]) and icon short codes (:material/…:) are
    # Streamlit's additions to Markdown: their marks are escaped too.
    ut = trygg_markdown(r"$\Huge{HEI}$ :red[rød] :material/home:")
    for tegn in ("$", ":", "[", "\\H"):
        assert f"\\{tegn}" in ut
    assert "\n" not in trygg_markdown("to\nlinjer\n\n# og en overskrift")


def test_norsk_tekst_er_uendret_i_visningen():
    tekst = "Vi mangler tid – særlig i høst (ca. 3-4 timer i uka), 50 % av oss!"
    assert RENDER(trygg_markdown(tekst)) == f"<p>{tekst}</p>\n"
