"""Opening a case after an import joined it: the case page reads its messages' times and sides once (the case's
summary is its entry in the contact history, not measured a second time), reads its messages as the driver gives
them, and returns what it returned before: the case's summary as ``get_case`` gives it, the contact history as
``list_cases`` lists those cases, the messages as a plain SQLAlchemy read of the rows gives them. On SQLite and
PostgreSQL."""

from __future__ import annotations

import gc
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import event, select

from desktop.core.model import MediaRole
from desktop.core.records import MessageInfo
from desktop.services.calendar import response_policy
from desktop.services.cases import get_case, list_cases, list_messages, open_case
from desktop.services.importing import import_paths
from desktop.services.library import Library
from desktop.settings import AppPaths
from desktop.store import tables
from desktop.store.types import collector_paused
from tests.conftest import empty_postgres
from tests.gen import jpeg, zip_of
from tests.intake.mailgen import simple_eml


def chat(root: Path, lines: list[str], photo: bytes | None = None) -> Path:
    title = "WhatsApp Chat with Sophie Bakker"
    root.mkdir(parents=True, exist_ok=True)
    files = [(f"{title}.txt", ("\n".join(lines) + "\n").encode())]
    if photo is not None:
        files.append(("IMG-20261116-WA0001.jpg", photo))
    return zip_of(root / f"{title}.zip", files)


FIRST = [f"{d:02d}/11/2026, {h:02d}:{m:02d} - {who}: message {d}-{h}-{m}"
         for d in (2, 3, 4, 5, 6) for h in (9, 11, 14, 16) for m, who in ((0, "Sophie Bakker"),
                                                                           (45, "Claims Team"))]
# the re-export a week later: the same chat and more of it, each message answered (no wait open at any now)
LATER = [*FIRST, "16/11/2026, 10:00 - Sophie Bakker: IMG-20261116-WA0001.jpg (file attached)",
         "16/11/2026, 10:00 - Sophie Bakker: The floor is still wet.",  # the same minute: one time shared
         "16/11/2026, 15:00 - Claims Team: An expert comes tomorrow."]  # late: a breach


@pytest.fixture(params=["sqlite", "postgresql"])
def lib(request, tmp_path):
    url = empty_postgres() if request.param == "postgresql" else None
    library = Library(AppPaths(tmp_path / "lib"), url, handler="Anna")
    import_paths(library, [chat(tmp_path / "first", FIRST)])
    mails = tmp_path / "mails"
    mails.mkdir()
    (mails / "a.eml").write_bytes(simple_eml(  # a message with its own offset beside the chat's naive times
        "Sophie Bakker <sophie@example.org>", "claims@insurer.example", "Kitchen",
        datetime.fromisoformat("2026-11-03T10:00:00+01:00"), message_id="<s1@example.org>"))
    import_paths(library, [mails])
    yield library
    library.close()


def measured_again(lib: Library) -> set[int]:
    """Ids of the cases whose kept response times a list cannot use."""
    with lib.unit() as uow:
        uow.cases.summaries(response_policy(lib.team))
        return {cid for cid, _, _ in uow.cases.measured}


def times_read(lib: Library) -> list[int]:
    """A counter of the reads of every message's time and side (``response_cache.message_times``, one aggregate
    query) from now on: what measuring a case's response times starts from."""
    seen = [0]

    def count(_conn, _cursor, statement: str, *_args) -> None:  # noqa: ANN001
        if "group_concat(" in statement or "string_agg(" in statement:
            seen[0] += 1

    event.listen(lib.db.engine, "before_cursor_execute", count)
    return seen


def plain_read(lib: Library, case_id: int) -> list[MessageInfo]:
    """A case's messages read the ordinary way: SQLAlchemy's rows, each value through its column type."""
    m, c, mi = tables.message.c, tables.case_.c, tables.media_item.c
    with lib.db.engine.connect() as conn:
        rows = conn.execute(select(m.id, c.ref, m.sent_at, m.sender, m.from_customer, m.kind, m.subject, m.text)
                            .join(tables.case_, m.case_id == c.id).where(m.case_id == case_id).order_by(m.id)).all()
        att: dict[int, list[str]] = {}
        for mid, sha in conn.execute(select(mi.message_id, mi.blob_sha256)
                                     .join(tables.message, mi.message_id == m.id)
                                     .where(m.case_id == case_id, mi.blob_sha256.is_not(None),
                                            mi.role != MediaRole.CONTAINER.value).order_by(mi.id)):
            att.setdefault(mid, []).append(sha)
    return [MessageInfo(r.id, r.ref, r.sent_at, r.sender, r.from_customer, r.kind, r.subject, r.text,
                        att.get(r.id, [])) for r in rows]


def test_opening_a_case_an_import_joined_reads_its_times_once_and_gives_what_it_gave(lib, tmp_path):
    (case,) = [c for c in list_cases(lib) if c.customer == "Sophie Bakker"]
    assert measured_again(lib) == set()  # the list kept every case
    import_paths(lib, [chat(tmp_path / "later", LATER, photo=jpeg(tmp_path / "p.jpg", seed=3).read_bytes())],
                 case_ref=case.ref)
    assert case.id in measured_again(lib)  # the join changed what its response times are measured from

    reads = times_read(lib)
    page = open_case(lib, case.ref)
    assert reads == [1]  # the summary and the contact history from one read (and one measurement): was 2
    list_cases(lib)  # measures the joined case again and keeps it
    again = open_case(lib, case.ref)

    for p in (page, again):
        assert repr(p.case) == repr(get_case(lib, case.ref))
        assert [repr(c) for c in p.history] == [repr(c) for c in list_cases(lib) if c.customer_id == case.customer_id]
        assert repr(p.messages) == repr(plain_read(lib, case.id)) == repr(list_messages(lib, case_ref=case.ref))
    assert page.case.breaches and not any(b["open"] for b in page.case.breaches)  # the late answer, none open
    texts = [m for m in page.messages if m.sent_at == datetime(2026, 11, 16, 10, 0)]
    assert len(texts) == 2 and len([m for m in texts if m.attachments]) == 1
    assert texts[0].sent_at is texts[1].sent_at  # one datetime per time written, as the import shares them
    assert any(m.sent_at is not None and m.sent_at.tzinfo is not None for m in page.messages)  # the e-mail's
    assert len(page.messages) == len(LATER) + 1


def test_a_case_without_a_customer_opens_with_its_own_summary(lib, tmp_path):
    jpeg(tmp_path / "loose" / "a.jpg", seed=1, taken="2026:11:10 10:00:00")
    (ref,) = import_paths(lib, [tmp_path / "loose"]).cases
    page = open_case(lib, ref)
    assert page.customer is None and page.history == [] and page.messages == []
    assert repr(page.case) == repr(get_case(lib, ref)) and len(page.media) == 1


def test_the_collector_is_paused_only_by_whoever_switches_it_back_on():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()  # the window runs collections from its event loop
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
