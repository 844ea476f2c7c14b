"""Duplicate review: groups side by side with their differences, keeper choice, restore, cross-case alerts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QObject, Signal

from desktop.core.model import MediaInfo
from desktop.services import duplicates as dup_service
from desktop.services.library import Library
from desktop.ui.labels import dup_kind_label, fmt_dt, fmt_size, source_label
from desktop.ui.models.dup_groups_model import DupGroup, DupGroupsModel, groups_from_media
from desktop.ui.models.thumbnails import ThumbnailCache
from desktop.ui.tasks import INTERACTIVE, WRITER, TaskRunner
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
        ("EXIF", "—" if "exif-stripped" in m.flags else "present"),
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

    def set_media(self, case_ref: str, items: list[MediaInfo], alerts: int = 0) -> int:
        """Rebuild the groups from the case's media; returns the number of groups."""
        keep_keeper = self._group.keeper.id if self._group and case_ref == self.case_ref else None
        self.case_ref = case_ref
        groups = groups_from_media(items)
        self.model.set_groups(groups)
        self.view.empty.setVisible(not groups)
        aside = sum(1 for m in items if m.set_aside)
        self.view.summary.setText(self.tr("%n group(s)", "", len(groups)) + " · "
                                  + self.tr("%n item(s) set aside", "", aside))
        row = 0
        if keep_keeper is not None:
            row = next((i for i, g in enumerate(groups) if any(m.id == keep_keeper for m in g.members)), 0)
        if groups:
            self.view.groups.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self._show_group(row)
        else:
            self._group = None
            self.view.clear_cards()
            self.cards = []
        self._load_alerts(case_ref, alerts)
        return len(groups)

    # side by side -------------------------------------------------------------------------------------------
    def _show_group(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        g = self._group = self.model.group(row)
        self.view.clear_cards()
        self.cards = []
        keeper_facts = dict(_facts(g.keeper))
        can_edit = self._supports("set_keeper")
        for m in g.members:
            card = MemberCard()
            is_keeper = m.id == g.keeper.id
            if is_keeper:
                card.set_role(self.tr("Keeper"), True)
            elif m.set_aside:
                card.set_role(self.tr("Set aside · %1").replace("%1", dup_kind_label(m.duplicate_kind)), False)
            else:
                card.set_role(self.tr("Kept for review · %1").replace("%1", dup_kind_label(m.duplicate_kind)), False)
            card.name.setText(m.name)
            card.set_picture(self.thumbs.get(m.sha256) if m.sha256 else None, self.tr("loading…"))
            for key, value in _facts(m):
                card.add_fact(self._label(key), value, differs=not is_keeper and value != keeper_facts[key])
            card.keep_btn.setVisible(not is_keeper)
            card.keep_btn.setEnabled(can_edit)
            card.restore_btn.setVisible(m.set_aside)
            card.restore_btn.setEnabled(self._supports("restore"))
            card.aside_btn.setVisible(not is_keeper and not m.set_aside)
            card.aside_btn.setEnabled(self._supports("set_aside"))
            card.keep_btn.clicked.connect(lambda _c=False, mid=m.id: self.make_keeper(mid))
            card.restore_btn.clicked.connect(lambda _c=False, mid=m.id: self.restore(mid))
            card.aside_btn.clicked.connect(lambda _c=False, mid=m.id: self.set_aside(mid))
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
    @staticmethod
    def _supports(name: str) -> bool:
        return callable(getattr(dup_service, name, None))

    def _write(self, name: str, media_id: int) -> None:
        if self.lib is None or not self._supports(name):
            return
        fn: Callable[..., object] = getattr(dup_service, name)
        lib = self.lib
        self.runner.run(lambda: fn(lib, media_id), pool=WRITER, name=name.replace("_", " "),
                        on_done=lambda _r: self.changed.emit())

    def make_keeper(self, media_id: int) -> None:
        self._write("set_keeper", media_id)

    def restore(self, media_id: int) -> None:
        self._write("restore", media_id)

    def set_aside(self, media_id: int) -> None:
        self._write("set_aside", media_id)

    # alerts -------------------------------------------------------------------------------------------------
    def _load_alerts(self, case_ref: str, count: int) -> None:
        self.view.clear_alerts()
        if not count or self.lib is None or not self._supports("list_alerts"):
            return
        lib = self.lib
        self.runner.run(lambda: dup_service.list_alerts(lib, case_ref), pool=INTERACTIVE, key="alerts",
                        name="alerts", on_done=lambda alerts: self._show_alerts(case_ref, alerts))

    def _show_alerts(self, case_ref: str, alerts: list) -> None:
        if case_ref != self.case_ref:
            return
        self.view.clear_alerts()
        for a in alerts:
            other = getattr(a, "other_case_ref", None) or getattr(a, "other_case", "")
            text = self.tr("“%1” is the same picture as “%2” in case %3 (%4).")
            text = (text.replace("%1", getattr(a, "media_name", "") or "")
                    .replace("%2", getattr(a, "other_media_name", "") or "")
                    .replace("%3", other).replace("%4", getattr(a, "other_customer", "") or self.tr("other customer")))
            btn = self.view.add_alert(text, self.tr("Open %1").replace("%1", other))
            btn.clicked.connect(lambda _c=False, ref=other: self.open_case.emit(ref))
