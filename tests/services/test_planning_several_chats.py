"""A folder holding several chat texts (a customer's Downloads folder): each chat takes the files it names, and a
ZIP or e-mail that none names is unpacked or read as mail, as it is in a folder without chats."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from desktop.services.cases import list_cases, list_media, list_messages
from desktop.services.importing import import_paths
from desktop.services.library import Library
from desktop.settings import AppPaths
from tests.gen import jpeg, zip_of
from tests.intake.mailgen import simple_eml


def _photo(work: Path, seed: int) -> bytes:
    return jpeg(work / f"p{seed}.jpg", seed=seed, taken="2024:05:17 10:00:00").read_bytes()


def _mail(work: Path) -> bytes:
    return simple_eml("Ana Costa <ana@example.org>", "claims@example.test", "Broken window",
                      datetime(2024, 5, 20, 10, 0, tzinfo=timezone(timedelta(hours=2))), "<window@example.org>",
                      body="The photo of the window is attached.", attachments=[("window.jpg", _photo(work, 6))])


def _chat(path: Path, lines: list[str]) -> None:
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def _zips_and_mail(folder: Path, work: Path) -> None:
    """What the chats do not name: a ZIP of two photos, a whole WhatsApp export as a ZIP, an e-mail, a photo."""
    zip_of(folder / "photos.zip", [("roof1.jpg", _photo(work, 3)), ("roof2.jpg", _photo(work, 4))])
    zip_of(folder / "WhatsApp Chat with Klaas Klaassen.zip", [
        ("WhatsApp Chat with Klaas Klaassen.txt",
         b"19/05/2024, 11:00 - Klaas Klaassen: Schade aan de schuur\n"
         b"19/05/2024, 11:01 - Klaas Klaassen: IMG-20240519-WA0001.jpg (file attached)\n"),
        ("IMG-20240519-WA0001.jpg", _photo(work, 5))])
    (folder / "claim.eml").write_bytes(_mail(work))
    (folder / "extra.jpg").write_bytes(_photo(work, 8))


def _downloads(tmp_path: Path) -> Path:
    work, folder = tmp_path / "work", tmp_path / "Downloads"
    work.mkdir()
    folder.mkdir()
    _chat(folder / "WhatsApp Chat with Jan Jansen.txt", [
        "17/05/2024, 14:03 - Jan Jansen: Hallo",
        "17/05/2024, 14:04 - Jan Jansen: IMG-20240517-WA0001.jpg (file attached)",
        "17/05/2024, 14:05 - Jan Jansen: schade.zip (file attached)",
        "17/05/2024, 14:06 - Jan Jansen: brief.eml (file attached)",
        "17/05/2024, 14:10 - Casedesk: Dank u, we kijken ernaar"])
    _chat(folder / "WhatsApp Chat with Piet Pieters.txt", [
        "18/05/2024, 09:00 - Piet Pieters: Goedemorgen",
        "18/05/2024, 09:01 - Piet Pieters: IMG-20240518-WA0001.jpg (file attached)"])
    (folder / "IMG-20240517-WA0001.jpg").write_bytes(_photo(work, 1))
    (folder / "IMG-20240518-WA0001.jpg").write_bytes(_photo(work, 2))
    zip_of(folder / "schade.zip", [("inside-schade.jpg", _photo(work, 7))])  # named by Jan: his attachment
    (folder / "brief.eml").write_bytes(_mail(work).replace(b"window@example.org", b"brief@example.org"))
    _zips_and_mail(folder, work)
    return folder


def _cases(lib: Library) -> dict[str | None, tuple[str, list[str]]]:
    """customer -> (case title, the names of every original in the case)."""
    out = {}
    for c in list_cases(lib):
        out[c.customer] = (c.title, sorted(m.name for m in list_media(lib, case_ref=c.ref, everything=True)))
    return out


def test_unnamed_zips_and_mails_beside_several_chats_are_unpacked_and_read(lib, tmp_path):
    report = import_paths(lib, [_downloads(tmp_path)])
    assert report.rejected == [], report.rejected
    cases = _cases(lib)
    assert set(cases) == {"Jan Jansen", "Piet Pieters", "Klaas Klaassen", "Ana Costa", None}
    # what a chat names is its attachment, as it arrived: schade.zip and brief.eml are not opened
    assert cases["Jan Jansen"][1] == ["IMG-20240517-WA0001.jpg", "WhatsApp Chat with Jan Jansen.txt", "brief.eml",
                                      "schade.zip"]
    assert cases["Piet Pieters"][1] == ["IMG-20240518-WA0001.jpg", "WhatsApp Chat with Piet Pieters.txt"]
    # what none names: the export ZIP is its chat, the e-mail its message, the photos' ZIP unpacked
    assert cases["Klaas Klaassen"][1] == ["IMG-20240519-WA0001.jpg", "WhatsApp Chat with Klaas Klaassen.txt",
                                          "WhatsApp Chat with Klaas Klaassen.zip"]
    assert cases["Ana Costa"] == ("Broken window", ["claim.eml", "window.jpg"])
    assert cases[None][1] == ["extra.jpg", "photos.zip", "roof1.jpg", "roof2.jpg"]
    assert not any(m.name == "inside-schade.jpg" for m in list_media(lib, everything=True))
    klaas = next(c.ref for c in list_cases(lib) if c.customer == "Klaas Klaassen")
    assert [m.text for m in list_messages(lib, case_ref=klaas)][0] == "Schade aan de schuur"
    ana = next(c.ref for c in list_cases(lib) if c.customer == "Ana Costa")
    [mail] = list_messages(lib, case_ref=ana)
    assert mail.kind == "email"
    assert import_paths(lib, [tmp_path / "Downloads"]).imported == 0  # the same folder again: nothing new


def test_the_same_files_without_chats_make_the_same_cases(lib, tmp_path):
    """The unnamed ZIPs and e-mail land as they do in a folder that holds no chat at all."""
    import_paths(lib, [_downloads(tmp_path)])
    beside_chats = {k: v for k, v in _cases(lib).items() if k in {"Klaas Klaassen", "Ana Costa", None}}
    alone = tmp_path / "alone"
    (alone / "Downloads").mkdir(parents=True)
    (alone / "work").mkdir()
    _zips_and_mail(alone / "Downloads", alone / "work")
    other = Library(AppPaths(tmp_path / "other"))
    try:
        report = import_paths(other, [alone / "Downloads"])
        assert report.rejected == [], report.rejected
        assert _cases(other) == beside_chats
    finally:
        other.close()
