"""Which case loose files (a folder, a ZIP, single files: no sender) go to.

One import, one case: every new loose file of an import goes into one new case, titled from its folder or ZIP
when they all came in one, else from their capture dates ("Photos 14-16 March 2024", in the handler's language).
Files of a folder imported again join the case that holds the rest of it. The handler may name the case instead,
or ask for a split by capture-time gaps (``split_gap_hours``): then each part gets a case titled by its dates.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from desktop.core.grouping import split_by_gaps
from desktop.core.model import CaptureSource, CaseStatus, SourceKind
from desktop.core.records import CaseHandle
from desktop.core.titles import container_title, dates_title
from desktop.services.analyse import Analysed
from desktop.services.planning import LooseFile
from desktop.services.writer import ImportWriter

Loose = tuple[LooseFile, Analysed]


def unique_titles(titles: list[str]) -> list[str]:
    """The same title twice gets " (2)", " (3)"..."""
    seen: dict[str, int] = {}
    out = []
    for t in titles:
        seen[t] = seen.get(t, 0) + 1
        out.append(t if seen[t] == 1 else f"{t} ({seen[t]})")
    return out


def write_loose(w: ImportWriter, loose: list[LooseFile], analysed: dict, fixed_case: CaseHandle | None, *,
                split_gap_hours: float | None = None, lang: str = "en") -> None:
    ok = [(f, analysed[f.path]) for f in loose if f.path in analysed and analysed[f.path].kept]
    if not ok:
        return
    sources: dict[str, int] = {}

    def add(case: CaseHandle, items: list[Loose]) -> None:
        for f, an in items:
            if f.source_label not in sources:
                sources[f.source_label] = w.source(SourceKind.FILES, f.source_label)
            w.add_media(case, an, f.name, source=sources[f.source_label], mtime=f.mtime)
            w.loose_cases.setdefault(f.source_label, case)  # where the folder's or ZIP's container goes

    if fixed_case is not None:
        add(fixed_case, ok)
        return
    fresh = [(f, an) for f, an in ok if not w.media_exists(an.sha256 or "", f.name, None, None)]
    w.report.already_present += len(ok) - len(fresh)
    if not fresh:
        return
    facts = {id(f): _facts(w, f, an) for f, an in fresh}
    if split_gap_hours is not None:
        groups = split_by_gaps([((f, an), facts[id(f)][1]) for f, an in fresh], timedelta(hours=split_gap_hours))
        titles = unique_titles([_dates_title(w, g, facts, lang) for g in groups])
        for group, title in zip(groups, titles, strict=True):
            add(w.new_case(title), group)
        return
    present = [(f, an) for f, an in ok if id(f) not in facts]
    add(_case_of_the_rest(w, present) or w.new_case(_title(w, fresh, facts, lang)), fresh)


def _facts(w: ImportWriter, f: LooseFile, an: Analysed) -> tuple[datetime | None, datetime | None, str | None]:
    """(capture time for a title, capture time for a gap, media kind) of a file."""
    assert an.sha256 is not None
    kind = w.uow.imports.ensure_blob(an.sha256, an.size, an.probe, w.now).kind
    if an.problem:  # kept unread: its file time says nothing about when the pictures were taken
        return None, None, kind
    chosen = w.capture(an, f.name, None, f.mtime)
    if chosen.time is None:
        return None, None, kind
    value = chosen.time.value
    for_title = value if chosen.time.source != CaptureSource.FILE else None  # a copy's date says nothing
    return for_title, None if chosen.date_only else value, kind  # a day without a time cannot place a gap


def _dates_title(w: ImportWriter, items: list[Loose], facts: dict, lang: str) -> str:
    return dates_title([facts[id(f)][0] for f, _ in items], [facts[id(f)][2] for f, _ in items], lang,
                       received=w.now.date())


def _title(w: ImportWriter, items: list[Loose], facts: dict, lang: str) -> str:
    containers = {f.container for f, _ in items}
    if len(containers) == 1 and None not in containers:
        return container_title(str(containers.pop()))
    return _dates_title(w, items, facts, lang)


def _case_of_the_rest(w: ImportWriter, present: list[Loose]) -> CaseHandle | None:
    """The open case that holds every already imported file of this batch, if there is one."""
    cases = {w.uow.imports.loose_case_of(an.sha256 or "", f.name) for f, an in present}
    if len(cases) != 1 or None in cases:
        return None
    case_id = cases.pop()
    assert case_id is not None
    if w.uow.cases.fields(case_id)["status"] == CaseStatus.CLOSED:
        return None
    return w.case(case_id)
