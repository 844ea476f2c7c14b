"""Duplicate groups per case (placeholder: exact copies only, until the perceptual engine lands)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.settings import Preferences
from desktop.store.schema import MediaItem


def refresh(s: Session, case_ids: list[int], prefs: Preferences) -> None:
    for case_id in case_ids:
        items = s.scalars(select(MediaItem).where(MediaItem.case_id == case_id,
                                                  MediaItem.blob_sha256.is_not(None)).order_by(MediaItem.id)).all()
        s.flush()
        first: dict[str, MediaItem] = {}
        for it in items:
            keeper = first.setdefault(it.blob_sha256, it)
            if keeper is not it:
                it.duplicate_of_id, it.duplicate_kind, it.set_aside = keeper.id, "exact", True
