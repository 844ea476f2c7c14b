"""Duplicate groups of one case: the keeper and the items that duplicate it, for the review panel."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

from desktop.core.model import DupKind, MediaInfo
from desktop.services.duplicates import DupGroupInfo, DupMember
from desktop.ui.labels import dup_kind_label
from desktop.ui.models.media_grid_model import THUMB_ROLE
from desktop.ui.models.thumbnails import ThumbnailCache
from desktop.ui.shown import shown_data

Index = QModelIndex | QPersistentModelIndex
GROUP_OBJ_ROLE = Qt.ItemDataRole.UserRole + 20


@dataclass
class DupGroup:
    keeper: MediaInfo
    others: list[MediaInfo] = field(default_factory=list)
    kind: str = DupKind.SAME
    info: DupGroupInfo | None = None  # the service's group: each member's kind, transform and region

    @property
    def members(self) -> list[MediaInfo]:
        return [self.keeper, *self.others]

    def member(self, media_id: int) -> DupMember | None:
        return self.info.member(media_id) if self.info else None


def build_groups(infos: list[DupGroupInfo], items: list[MediaInfo]) -> list[DupGroup]:
    """The service's groups (media ids, keeper first) joined to the case's ``MediaInfo`` rows."""
    by_id = {m.id: m for m in items}
    out = []
    for g in infos:
        members = [by_id[i] for i in g.member_ids if i in by_id]
        if len(members) >= 2 and members[0].id == g.keeper_id:
            out.append(DupGroup(members[0], members[1:], g.kind, g))
    return out


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

    @shown_data()  # the members' file names: bidi overrides and controls as U+FFFD
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        g = self._groups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("%n item(s)\n%1", "", len(g.members)).replace("%1", dup_kind_label(g.kind))
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(m.name for m in g.members)
        if role in (Qt.ItemDataRole.DecorationRole, THUMB_ROLE):
            pm = self.thumbs.get(g.keeper.sha256) if g.keeper.sha256 else None
            return QIcon(pm) if pm is not None and role == Qt.ItemDataRole.DecorationRole else pm
        if role == GROUP_OBJ_ROLE:
            return g
        return None
