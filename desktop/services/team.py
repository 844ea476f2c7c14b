"""A team's store of originals: recorded in the database by ``casedesk team init``, shown by ``team show``.

``init_store`` records the location (a folder every desk mounts, or ``s3://bucket/prefix``), writes the store's
marker (its id, so a desk that reaches another folder or bucket by mistake is refused), and copies in the
originals this desk holds in its own folder that the store lacks. Run again on another desk, it copies that
desk's originals too; it never moves a team to a second store.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from desktop.core.errors import CasedeskError, UsageError
from desktop.core.model import AuditAction
from desktop.core.numbering import format_problem
from desktop.core.progress import CancelToken, Progress, null_progress
from desktop.core.team import STORE_FIELDS, TeamSettings, valid_setting
from desktop.services.library import Library
from desktop.settings import store_mount
from desktop.store.blobs import BlobStore, FolderStore, normalise_location


@dataclass
class StoreSetup:
    location: str
    store_id: str
    new: bool  # this call made the store (wrote its marker)
    copied: list[str] = field(default_factory=list)  # originals copied in from this desk's own folder
    copied_bytes: int = 0
    not_here: int = 0  # originals the store lacks that this desk does not have either (another desk has them)

    def to_json(self) -> dict:
        return {"store": self.location, "store_id": self.store_id, "new": self.new, "copied": len(self.copied),
                "copied_bytes": self.copied_bytes, "not_on_this_desk": self.not_here}


def _raw_store(location: str, *, create: bool) -> BlobStore:
    if location.startswith("s3://"):
        from desktop.store.blobs.s3 import S3Store

        return S3Store(location)
    return FolderStore(Path(store_mount() or location), location=location, create=create, shared=True)


def init_store(lib: Library, location: str, progress: Progress = null_progress,
               cancel: CancelToken | None = None, *, adopt: bool = False) -> StoreSetup:
    """Make ``location`` the team's store of originals (see the module docstring). A store another database
    already uses is refused unless ``adopt`` (this database takes it over, e.g. a new server for the same team):
    two databases sharing one store would each take the other's originals for leftovers."""
    try:
        loc = normalise_location(location)
    except ValueError as e:
        raise UsageError(str(e)) from None
    with lib.unit() as uow:
        team = uow.settings.team()
    if team.store and team.store != loc:
        raise UsageError(f"this database already keeps its originals in {team.store}; a team has one store "
                         "(copy the store with your storage tools and record it again only on a new database)")
    store = _raw_store(loc, create=not team.store)  # a share not mounted here is not made on this disk
    marker = store.read_marker()
    if team.store:  # again, from another desk: the same store, with its marker
        store.check_marker(team.store_id)
        store_id, new = team.store_id, False
    else:
        if marker is not None and not adopt:
            raise UsageError(f"{loc} is already the store of originals of another Casedesk database; give a new "
                             "folder or bucket prefix, or --adopt if this database takes that store over")
        store_id, new = marker or uuid.uuid4().hex, marker is None
        if new:
            store.write_marker(store_id)
        with lib.unit(write=True) as uow:
            uow.settings.set_store(loc, store_id)
            uow.audit.record(AuditAction.SETTINGS_CHANGED, None, changed=list(STORE_FIELDS), store=loc)
    with lib.unit() as uow:
        lib.team = uow.settings.team()
        expected = uow.media.blob_sizes()
    setup = StoreSetup(loc, store_id, new)
    present = {b.sha256 for b in store.iter_stored()}
    todo = sorted(set(expected) - present)
    own = FolderStore(lib.paths.originals)
    for i, sha in enumerate(todo, 1):
        if cancel is not None:
            cancel.check()
        path = own.path_for(sha)
        if path.is_file():
            digest, size = store.put_file(path)
            if digest != sha:
                raise CasedeskError(f"{path} no longer matches its SHA-256 (run casedesk verify); not copied")
            setup.copied.append(sha)
            setup.copied_bytes += size
        else:
            setup.not_here += 1
        progress(i, len(todo), sha[:12])
    return setup


def team_overview(lib: Library) -> dict:
    """The store (and whether this desk reaches it), the team settings, this desk's handler and cache."""
    with lib.unit() as uow:
        lib.team = uow.settings.team()
    team = lib.team
    problem = None
    try:
        store = lib.blobs
        where = store.describe()
    except CasedeskError as e:
        problem, where = str(e), team.store
    kind = "s3" if team.store.startswith("s3://") else "folder" if team.store else "library folder"
    settings = {k: v for k, v in team.to_json().items() if k not in STORE_FIELDS}
    return {
        "store": {"location": team.store or str(lib.paths.originals), "kind": kind, "shared": bool(team.store),
                  "store_id": team.store_id or None, "reached_at": where, "reachable": problem is None,
                  "problem": problem},
        "database": lib.db.display_url(),
        "shared_database": lib.shared_database,
        "handler": lib.handler,
        "settings": settings,
        "cache": {"folder": str(lib.cache.root), "limit_bytes": lib.cache.limit, "used_bytes": lib.cache.size()},
    }


def set_team_setting(lib: Library, name: str, text: str) -> list[str]:
    """Change one team setting from its text (JSON, or a plain word for text settings); returns what changed.
    The change is made on the settings as stored now, so it never undoes another desk's change to another one."""
    from desktop.services.settings import save_team_settings, team_settings

    known = {f.name for f in fields(TeamSettings)} - set(STORE_FIELDS)
    if name in STORE_FIELDS:
        raise UsageError("the store of originals is set by 'casedesk team init --store LOCATION'")
    if name not in known:
        raise UsageError(f"no team setting {name!r}; there are: {', '.join(sorted(known))}")
    current = team_settings(lib)
    default = getattr(TeamSettings(), name)
    try:
        value = json.loads(text)
    except ValueError:
        value = text
    if isinstance(default, str) and not isinstance(value, str):
        value = text
    if not valid_setting(default, value):
        raise UsageError(f"{text!r} is not a value for {name} (like {json.dumps(default)})")
    changed = replace(current, **{name: value})
    problem = format_problem(changed.case_format, changed.case_prefix)
    if problem:
        raise UsageError(problem)
    return save_team_settings(lib, changed)
