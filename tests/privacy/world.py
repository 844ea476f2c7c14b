"""Two customers in one library, each from a real WhatsApp export (chat text plus JPEG originals), one photo
sent by both (a cross-customer alert), notes that name the other customer, and a log line: the material every
privacy test works on."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.clock import now_local
from desktop.services import case_edit
from desktop.services.cases import list_cases
from desktop.services.customers import find_or_create
from desktop.services.importing import import_paths
from desktop.services.library import Library
from tests.gen import jpeg


@dataclass
class Person:
    name: str
    phone: str  # E.164, as stored
    written: str  # as the chat writes it
    email: str
    texts: list[str]
    id: int = 0
    cases: list[str] = field(default_factory=list)

    def secrets(self) -> list[str]:
        """What must not survive this person's erasure, anywhere in the data folder."""
        return [self.name, self.phone, self.written, self.email, *self.texts]


EMMA = Person("Emma de Vries", "+31612345678", "+31 6 12345678", "emma.devries@example.nl",
              ["The washing machine flooded our kitchen on Sunday night", "Here are the photos of the parquet floor"])
LARS = Person("Lars Jansen", "+31687654321", "+31 6 87654321", "lars.jansen@example.com",
              ["My bicycle was stolen from the station shed", "The frame number is written on the invoice"])


def chat_export(folder: Path, person: Person, seed: int, shared: Path | None = None) -> Path:
    """An Android export in a folder: 'WhatsApp Chat with <phone>.txt' and its photos."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"02/03/2024, 10:01 - {person.written}: {person.texts[0]}",
             f"02/03/2024, 10:02 - {person.written}: IMG-20240302-WA0000.jpg (file attached)",
             f"02/03/2024, 10:03 - {person.written}: IMG-20240302-WA0001.jpg (file attached)",
             f"02/03/2024, 10:04 - {person.written}: {person.texts[1]}",
             "02/03/2024, 11:00 - Claims Team: Thank you, we are looking into it."]
    (folder / f"WhatsApp Chat with {person.written}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    jpeg(folder / "IMG-20240302-WA0000.jpg", seed=seed, taken="2024:03:02 09:55:00")
    if shared is not None:
        (folder / "IMG-20240302-WA0001.jpg").write_bytes(shared.read_bytes())
    else:
        jpeg(folder / "IMG-20240302-WA0001.jpg", seed=seed + 1, taken="2024:03:02 09:56:00")
    return folder


def build(lib: Library, tmp: Path, *, close: bool = True) -> tuple[Person, Person]:
    """Emma and Lars, each known by name, phone and e-mail, each with a chat case; Lars sent one of Emma's
    photos too; each case has a note, Lars's names Emma."""
    emma, lars = Person(**{**EMMA.__dict__, "cases": []}), Person(**{**LARS.__dict__, "cases": []})
    for p in (emma, lars):
        with lib.unit(write=True) as uow:
            p.id = find_or_create(uow, name=p.name, phone=p.phone, email=p.email)
    a = chat_export(tmp / "emma", emma, seed=10)
    b = chat_export(tmp / "lars", lars, seed=20, shared=a / "IMG-20240302-WA0001.jpg")
    assert not import_paths(lib, [a]).rejected and not import_paths(lib, [b]).rejected
    for p in (emma, lars):
        p.cases = [c.ref for c in list_cases(lib) if c.customer_id == p.id]
        assert len(p.cases) == 1, p.cases
    case_edit.add_note(lib, emma.cases[0], f"Called {emma.name}, she will mail {emma.email}")
    case_edit.add_note(lib, lars.cases[0], f"Not the same bicycle as {emma.name}'s claim ({emma.written})")
    if close:
        for p in (emma, lars):
            case_edit.update_case(lib, p.cases[0], status="closed")
    return emma, lars


def everything(data_dir: Path) -> bytes:
    """Every byte of every file in the data folder (database, WAL, SHM, originals, thumbnails, logs, tmp)."""
    return b"".join(p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file())


def found(data: bytes, needle: str) -> bool:
    """Whether ``needle`` is in ``data`` as UTF-8 or as UTF-16 (SQLite may store either)."""
    return any(form in data for form in (needle.encode("utf-8"), needle.encode("utf-16-le")))


def later(years: int = 10):
    """A moment past every retention period."""
    now = now_local()
    return now.replace(year=now.year + years)
