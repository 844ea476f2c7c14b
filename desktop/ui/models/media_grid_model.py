"""The media of one case for the thumbnail grid: ``MediaInfo`` rows, thumbnails asked lazily per visible item."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.model import DupKind, MediaInfo
from desktop.ui.labels import flag_label, fmt_dt, media_kind_label, source_label
from desktop.ui.models.thumbnails import ThumbnailCache
from desktop.ui.shown import shown_data

Index = QModelIndex | QPersistentModelIndex

MEDIA_ROLE = Qt.ItemDataRole.UserRole + 10
THUMB_ROLE = Qt.ItemDataRole.UserRole + 11  # QPixmap or None (not loaded yet / none possible)
THUMB_FAILED_ROLE = Qt.ItemDataRole.UserRole + 12
GROUP_ROLE = Qt.ItemDataRole.UserRole + 13  # "keeper" | "aside" | a DupKind | "" (duplicate role)


class SortKey(StrEnum):
    TAKEN = "taken"
    RECEIVED = "received"
    NAME = "name"


_FAR = datetime(9999, 1, 1)


def _naive(t: datetime | None) -> datetime:
    return t.replace(tzinfo=None) if t is not None else _FAR


class MediaGridModel(QAbstractListModel):
    def __init__(self, thumbs: ThumbnailCache, parent=None) -> None:
        super().__init__(parent)
        self.thumbs = thumbs
        self._rows: list[MediaInfo] = []
        self._row_of_sha: dict[str, list[int]] = {}
        self._dup_role: dict[int, str] = {}
        self.sort_key = SortKey.TAKEN
        self.hide_set_aside = False
        self._all: list[MediaInfo] = []
        thumbs.ready.connect(self._thumbs_ready)

    # content ----------------------------------------------------------------------------------------------
    def set_media(self, items: list[MediaInfo]) -> None:
        self.thumbs.forget_queue()
        self._all = list(items)
        keepers = {m.duplicate_of_id for m in items if m.duplicate_of_id is not None}
        self._dup_role = {}
        for m in items:
            if m.set_aside:
                self._dup_role[m.id] = "aside"
            elif m.id in keepers:
                self._dup_role[m.id] = "keeper"
            elif m.duplicate_of_id is not None:
                self._dup_role[m.id] = m.duplicate_kind or DupKind.SAME
        self._rebuild()

    def set_sort(self, key: SortKey) -> None:
        self.sort_key = SortKey(key)
        self._rebuild()

    def set_hide_set_aside(self, hide: bool) -> None:
        self.hide_set_aside = hide
        self._rebuild()

    def _rebuild(self) -> None:
        rows = [m for m in self._all if not (self.hide_set_aside and m.set_aside)]
        if self.sort_key == SortKey.TAKEN:
            rows.sort(key=lambda m: (_naive(m.taken_at), _naive(m.received_at), m.id))
        elif self.sort_key == SortKey.RECEIVED:
            rows.sort(key=lambda m: (_naive(m.received_at), _naive(m.taken_at), m.id))
        else:
            rows.sort(key=lambda m: (m.name.casefold(), m.id))
        self.beginResetModel()
        self._rows = rows
        self._row_of_sha = {}
        for i, m in enumerate(rows):
            if m.sha256:
                self._row_of_sha.setdefault(m.sha256, []).append(i)
        self.endResetModel()

    def update_item(self, media_id: int, **changes: object) -> None:
        """Reflect a change made through a service (caption, included) without a reload."""
        for i, m in enumerate(self._rows):
            if m.id == media_id:
                for k, v in changes.items():
                    setattr(m, k, v)
                idx = self.index(i)
                self.dataChanged.emit(idx, idx)
                return

    def item(self, row: int) -> MediaInfo:
        return self._rows[row]

    def items(self) -> list[MediaInfo]:
        return list(self._rows)

    def all_items(self) -> list[MediaInfo]:
        return list(self._all)

    def row_of_id(self, media_id: int) -> int:
        for i, m in enumerate(self._rows):
            if m.id == media_id:
                return i
        return -1

    def _thumbs_ready(self, shas: list[str]) -> None:
        rows = sorted(r for sha in shas for r in self._row_of_sha.get(sha, ()))
        if not rows:
            return
        # one signal per contiguous run keeps a 64-item batch to a handful of repaints
        start = prev = rows[0]
        for r in rows[1:] + [None]:
            if r is not None and r == prev + 1:
                prev = r
                continue
            self.dataChanged.emit(self.index(start), self.index(prev), [THUMB_ROLE, THUMB_FAILED_ROLE])
            if r is not None:
                start = prev = r

    # Qt model ---------------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    @shown_data()  # file names, captions, flags: bidi overrides and controls as U+FFFD
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        m = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return m.name
        if role == MEDIA_ROLE:
            return m
        if role == THUMB_ROLE:
            return self.thumbs.get(m.sha256) if m.sha256 else None
        if role == THUMB_FAILED_ROLE:
            return not m.sha256 or self.thumbs.failed(m.sha256)
        if role == GROUP_ROLE:
            return self._dup_role.get(m.id, "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(m)
        return None

    def _tooltip(self, m: MediaInfo) -> str:
        lines = [m.name, media_kind_label(m.kind)]
        if m.taken_at:
            lines.append(self.tr("Taken %1 (%2)").replace("%1", fmt_dt(m.taken_at, m.taken_date_only))
                         .replace("%2", source_label(m.taken_at_source)))
        if m.received_at:
            lines.append(self.tr("Received %1").replace("%1", fmt_dt(m.received_at)))
        if m.set_aside:
            lines.append(self.tr("Set aside as a duplicate"))
        if not m.included:
            lines.append(self.tr("Not in the report"))
        lines += [flag_label(f) for f in m.flags]
        if m.caption:
            lines.append(f"“{m.caption}”")
        return "\n".join(lines)
