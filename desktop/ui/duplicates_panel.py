"""Duplicate review: groups side by side with their differences, keeper choice, restore, cross-case alerts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QObject, Signal

from desktop.core.model import CaptureSource, DupKind, MediaInfo
from desktop.core.transform_text import region_text, transform_text
from desktop.services import duplicates as dup_service
from desktop.services.duplicates import AlertInfo, DupGroupInfo
from desktop.services.library import Library
from desktop.ui.labels import dup_kind_label, fmt_dt, fmt_size, source_label, window_language
from desktop.ui.models.dup_groups_model import DupGroup, DupGroupsModel, build_groups
from desktop.ui.models.thumbnails import ThumbnailCache
from desktop.ui.shown import shown
from desktop.ui.tasks import WRITER, TaskRunner
from desktop.ui.views.duplicates_view import DuplicatesView, MemberCard


def _facts(m: MediaInfo) -> list[tuple[str, str]]:
    """(key, value) pairs compared across a group; the key is also the label's translation source."""
    dims = f"{m.width} × {m.height}" if m.width and m.height else "—"
    return [
        ("Dimensions", dims),
        ("File size", fmt_size(m.size)),
        ("Format", m.format or "—"),
        ("Taken", f"{fmt_dt(m.taken_at, m.taken_date_only)} ({source_label(m.taken_at_source)})"),
        ("Camera", m.camera or "—"),
        # present: a capture date from EXIF (a PNG or screenshot has none, though it is not flagged "stripped")
        ("EXIF", QCoreApplication.translate("DuplicatesPanel", "present")
         if m.taken_at_source in (CaptureSource.EXIF, CaptureSource.EXIF_DIGITIZED) else "—"),
        ("Software", m.software or "—"),
        ("Received", fmt_dt(m.received_at)),
        ("Sent by", m.sender or "—"),
    ]


class DuplicatesPanel(QObject):
    open_case = Signal(str)
    view_item = Signal(int)  # media id
    changed = Signal()

    def __init__(self, view: DuplicatesView, runner: TaskRunner, thumbs: ThumbnailCache,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view, self.runner, self.thumbs = view, runner, thumbs
        self.lib: Library | None = None
        self.case_ref = ""
        self.model = DupGroupsModel(thumbs, self)
        view.groups.setModel(self.model)
        view.groups.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_group(cur.row()))
        self.cards: list[MemberCard] = []
        self._group: DupGroup | None = None
        thumbs.ready.connect(self._thumbs_ready)

    def set_library(self, lib: Library) -> None:
        self.lib = lib

    def set_case(self, case_ref: str, items: list[MediaInfo], groups: list[DupGroupInfo],
                 alerts: list[AlertInfo]) -> int:
        """Show the case's groups and alerts; returns the number of groups."""
        keep_keeper = self._group.keeper.id if self._group and case_ref == self.case_ref else None
        self.case_ref = case_ref
        built = build_groups(groups, items)
        self.model.set_groups(built)
        self.view.empty.setVisible(not built)
        aside = sum(1 for m in items if m.set_aside)
        self.view.summary.setText(self.tr("%n group(s)", "", len(built)) + " · "
                                  + self.tr("%n item(s) set aside", "", aside))
        row = 0
        if keep_keeper is not None:
            row = next((i for i, g in enumerate(built) if any(m.id == keep_keeper for m in g.members)), 0)
        if built:
            self.view.groups.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self._show_group(row)
        else:
            self._group = None
            self.view.clear_cards()
            self.cards = []
        self._show_alerts(alerts)
        return len(built)

    # side by side -------------------------------------------------------------------------------------------
    def _show_group(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        g = self._group = self.model.group(row)
        self.view.clear_cards()
        self.cards = []
        keeper_facts = dict(_facts(g.keeper))
        lang = window_language()
        for m in g.members:
            card = MemberCard()
            is_keeper = m.id == g.keeper.id
            info = g.member(m.id)
            kind = (info.kind if info else None) or m.duplicate_kind
            if is_keeper:
                card.set_role(self.tr("Keeper"), True)
            elif m.set_aside:
                card.set_role(self.tr("Set aside · %1").replace("%1", dup_kind_label(kind)), False)
            elif kind == DupKind.EDITED:
                card.set_role(self.tr("Kept beside it · %1").replace("%1", dup_kind_label(kind)), False)
            else:
                card.set_role(self.tr("Kept for review · %1").replace("%1", dup_kind_label(kind)), False)
            card.set_name(m.name)
            if info is not None and not is_keeper:
                card.region = info.region
                card.set_changes("; ".join(t for t in (transform_text(info.transform, lang),
                                                       region_text(info.region, lang)) if t))
            card.set_picture(self.thumbs.get(m.sha256) if m.sha256 else None, self.tr("loading…"))
            for key, value in _facts(m):
                card.add_fact(self._label(key), value, differs=not is_keeper and value != keeper_facts[key])
            card.keep_btn.setVisible(not is_keeper)
            card.restore_btn.setVisible(m.set_aside)
            effects = []
            if g.info is not None and not is_keeper and info is not None:
                keep = dup_service.keeper_effect(g.info, m.id)
                effects.append(keep.text_nl if lang == "nl" else keep.text)
                card.keep_btn.setToolTip(shown(effects[-1]))  # it names the files
                if info.set_aside:
                    back = dup_service.restore_effect(g.info, m.id)
                    effects.append(back.text_nl if lang == "nl" else back.text)
                    card.restore_btn.setToolTip(shown(effects[-1]))
            card.set_effect("\n".join(f"{e}." for e in effects))
            card.keep_btn.clicked.connect(lambda _c=False, mid=m.id: self.make_keeper(mid))
            card.restore_btn.clicked.connect(lambda _c=False, mid=m.id: self.restore(mid))
            card.open_btn.clicked.connect(lambda _c=False, mid=m.id: self.view_item.emit(mid))
            card.setProperty("media_id", m.id)
            self.view.cards.addWidget(card)
            self.cards.append(card)

    def _label(self, key: str) -> str:
        return {"Dimensions": self.tr("Dimensions"), "File size": self.tr("File size"), "Format": self.tr("Format"),
                "Taken": self.tr("Taken"), "Camera": self.tr("Camera"), "EXIF": self.tr("EXIF"),
                "Software": self.tr("Software"), "Received": self.tr("Received"),
                "Sent by": self.tr("Sent by")}.get(key, key)

    def _thumbs_ready(self, shas: list[str]) -> None:
        if self._group is None:
            return
        wanted = set(shas)
        for card, m in zip(self.cards, self._group.members, strict=False):
            if m.sha256 in wanted:
                card.set_picture(self.thumbs.get(m.sha256), self.tr("no preview"))

    # actions ------------------------------------------------------------------------------------------------
    def make_keeper(self, media_id: int) -> None:
        g = self._group
        m = next((m for m in g.members if m.id == media_id), None) if g else None
        if self.lib is None or m is None:
            return
        lib = self.lib
        self.runner.run(lambda: dup_service.set_keeper(lib, media_id), pool=WRITER, name="choose keeper",
                        on_done=lambda _r: self.changed.emit())

    def restore(self, media_id: int) -> None:
        if self.lib is None:
            return
        lib = self.lib
        self.runner.run(lambda: dup_service.restore(lib, media_id), pool=WRITER, name="restore",
                        on_done=lambda _r: self.changed.emit())

    # alerts -------------------------------------------------------------------------------------------------
    def _show_alerts(self, alerts: list[AlertInfo]) -> None:
        self.view.clear_alerts()
        for a in alerts:
            text = (self.tr("“%1” is the same picture as “%2” in case %3 (%4): possible fraud.")
                    .replace("%1", a.name).replace("%2", a.other_name).replace("%3", a.other_case_ref)
                    .replace("%4", a.other_customer or self.tr("no customer")))
            btn = self.view.add_alert(text, self.tr("Open %1").replace("%1", a.other_case_ref))
            btn.clicked.connect(lambda _c=False, ref=a.other_case_ref: self.open_case.emit(ref))
