"""Duplicate groups of one case: the keeper and the items that duplicate it, for the review panel."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.model import MediaInfo
from desktop.ui.labels import dup_kind_label
from desktop.ui.models.media_grid_model import THUMB_ROLE
from desktop.ui.models.thumbnails import ThumbnailCache

Index = QModelIndex | QPersistentModelIndex
GROUP_OBJ_ROLE = Qt.ItemDataRole.UserRole + 20


@dataclass
class DupGroup:
    keeper: MediaInfo
    others: list[MediaInfo] = field(default_factory=list)

    @property
    def members(self) -> list[MediaInfo]:
        return [self.keeper, *self.others]

    @property
    def kind(self) -> str:
        kinds = {m.duplicate_kind for m in self.others if m.duplicate_kind}
        for k in ("similar", "same", "exact"):  # the loosest match decides how carefully to look
            if k in kinds:
                return k
        return "exact"


def groups_from_media(items: list[MediaInfo]) -> list[DupGroup]:
    """Groups from the ``duplicate_of_id`` links the duplicate engine wrote, in keeper order."""
    by_id = {m.id: m for m in items}
    groups: dict[int, DupGroup] = {}
    for m in items:
        if m.duplicate_of_id is None:
            continue
        keeper = by_id.get(m.duplicate_of_id)
        if keeper is None:
            continue
        groups.setdefault(keeper.id, DupGroup(keeper)).others.append(m)
    return list(groups.values())


class DupGroupsModel(QAbstractListModel):
    def __init__(self, thumbs: ThumbnailCache, parent=None) -> None:
        super().__init__(parent)
        self.thumbs = thumbs
        self._groups: list[DupGroup] = []
        thumbs.ready.connect(self._thumbs_ready)

    def set_groups(self, groups: list[DupGroup]) -> None:
        self.beginResetModel()
        self._groups = list(groups)
        self.endResetModel()

    def group(self, row: int) -> DupGroup:
        return self._groups[row]

    def groups(self) -> list[DupGroup]:
        return list(self._groups)

    def _thumbs_ready(self, shas: list[str]) -> None:
        wanted = set(shas)
        for i, g in enumerate(self._groups):
            if g.keeper.sha256 in wanted:
                idx = self.index(i)
                self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._groups)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        g = self._groups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("%1\n%n item(s), %2", "", len(g.members)).replace("%1", g.keeper.name).replace(
                "%2", dup_kind_label(g.kind))
        if role in (Qt.ItemDataRole.DecorationRole, THUMB_ROLE):
            return self.thumbs.get(g.keeper.sha256) if g.keeper.sha256 else None
        if role == GROUP_OBJ_ROLE:
            return g
        return None
