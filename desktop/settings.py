"""Where the library lives and the handler's preferences.

Paths are resolved once into an ``AppPaths`` object and passed down; nothing here is a mutable global.
Order: ``--data-dir`` argument, then ``CASEDESK_DATA_DIR``, then the platform's user data directory.
The handler (who is at the desk): ``--handler``, then ``CASEDESK_HANDLER``, then the login name.
"""

from __future__ import annotations

import errno
import getpass
import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

from desktop.core.errors import LibraryUnusable, ReadOnlyLibrary

APP_NAME = "Casedesk"
APP_AUTHOR = "Casedesk"
ENV_DATA_DIR = "CASEDESK_DATA_DIR"
ENV_DB_URL = "CASEDESK_DB_URL"
ENV_HANDLER = "CASEDESK_HANDLER"
ENV_STORE_MOUNT = "CASEDESK_STORE_MOUNT"  # where this desk mounts the team's store folder, when not where recorded
ENV_CACHE_MB = "CASEDESK_CACHE_MB"
DEFAULT_CACHE_MB = 2048


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path

    @property
    def db_file(self) -> Path:
        return self.data_dir / "library.db"

    @property
    def originals(self) -> Path:
        return self.data_dir / "originals"

    @property
    def thumbs(self) -> Path:
        return self.data_dir / "thumbs"

    @property
    def cache(self) -> Path:
        """Originals fetched from the team's bucket (bounded: ``cache_limit``)."""
        return self.data_dir / "cache"

    @property
    def tmp(self) -> Path:
        return self.data_dir / "tmp"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def preferences_file(self) -> Path:
        return self.data_dir / "preferences.json"

    def ensure(self) -> AppPaths:
        """Create the library's folders private to this account (``make_private``), and refuse a library that
        cannot be written before any work starts."""
        folders = (self.data_dir, self.originals, self.thumbs, self.cache, self.tmp, self.logs)
        db_files = (self.db_file, *(self.db_file.with_name(self.db_file.name + x) for x in ("-wal", "-shm")))
        target: Path = self.data_dir
        try:
            make_private(self)
            for target in folders:
                target.mkdir(mode=0o700, parents=True, exist_ok=True)
            for target in folders:
                probe = target / f".write-test-{os.getpid()}"
                os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
                os.unlink(probe)
            for target in db_files:
                if target.exists():
                    os.close(os.open(target, os.O_RDWR))
        except OSError as e:
            if e.errno in (errno.EEXIST, errno.ENOTDIR, errno.EISDIR):  # a file where a folder goes, or the reverse
                blocker = _in_the_way(target)
                want = "the library's database file" if e.errno == errno.EISDIR else "a folder of the library"
                have = "a folder" if e.errno == errno.EISDIR else "a file"
                raise LibraryUnusable(f"{blocker} is {have} where {want} belongs: move it aside, or give --data-dir "
                                      "another folder") from e
            if e.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise
            raise ReadOnlyLibrary(f"the library at {self.data_dir} is read-only: {target} cannot be written "
                                  f"({e.strerror}); make it writable, or copy it to a writable folder and open "
                                  "the copy with --data-dir") from e
        return self


def _in_the_way(target: Path) -> Path:
    """The first of ``target`` and its parents that exists as something other than a folder (else ``target``)."""
    for p in (*reversed(target.parents), target):
        if p.exists() and not p.is_dir():
            return p
    return target


def make_private(paths: AppPaths) -> None:
    """The data folder is the handler's alone (POSIX): files this process creates get no group or other
    permissions (umask 077), and those of an existing library lose theirs: folders become 0700, the database,
    its WAL and SHM, logs and preferences 0600, originals 0400 (read-only stays read-only: only group and other
    bits are taken away, none is added). The whole tree is walked once, when the data folder itself is found
    open to others (a library from before this rule); after that only the files at the top and the logs."""
    if os.name != "posix":
        return  # Windows: the user profile's ACLs keep the data folder private
    os.umask(os.umask(0o077) | 0o077)
    try:
        loose = paths.data_dir.stat().st_mode & 0o077
    except OSError:
        return  # a new library: created private
    tree = paths.data_dir.rglob("*") if loose else [*paths.data_dir.iterdir(), *_listing(paths.logs)]
    for p in (paths.data_dir, *tree):
        try:
            st = p.lstat()
            if st.st_mode & 0o077 and not os.path.islink(p):
                os.chmod(p, st.st_mode & 0o7700)
        except OSError:  # a read-only mount, a file that vanished: left as it is
            continue


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """The library location from the argument, the environment, or platformdirs."""
    chosen = data_dir or os.environ.get(ENV_DATA_DIR)
    if chosen:
        return AppPaths(Path(chosen).expanduser().resolve())
    return AppPaths(Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)))


def demo_paths() -> AppPaths:
    """The demo library lives apart from the real one."""
    return AppPaths(Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)) / "demo")


def default_db_url(paths: AppPaths) -> str:
    return os.environ.get(ENV_DB_URL) or f"sqlite:///{paths.db_file.as_posix()}"


def cache_limit() -> int:
    """Bytes of fetched originals this desk keeps: ``CASEDESK_CACHE_MB`` (default 2048)."""
    try:
        mb = int(os.environ.get(ENV_CACHE_MB, DEFAULT_CACHE_MB))
    except ValueError:
        mb = DEFAULT_CACHE_MB
    return max(mb, 0) << 20


def store_mount() -> str | None:
    """Where this desk mounts the team's store folder, when its mount point differs from the recorded one."""
    return os.environ.get(ENV_STORE_MOUNT, "").strip() or None


def default_handler() -> str:
    """Who is at the desk when nobody said: ``CASEDESK_HANDLER``, else the login name."""
    named = os.environ.get(ENV_HANDLER, "").strip()
    if named:
        return named
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "unknown"


@dataclass
class Preferences:
    """This desk's window preferences, stored as JSON beside the library. What a team shares (business names,
    norms, duplicate thresholds) is in the database: ``desktop.core.team.TeamSettings``."""

    language: str = ""  # "" follows the system; "en" or "nl"

    @staticmethod
    def read_raw(path: Path) -> dict:
        """The file's JSON object, or {} when it is missing or unreadable."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return raw if isinstance(raw, dict) else {}

    @classmethod
    def load(cls, path: Path) -> Preferences:
        """The saved preferences; a missing, unreadable or wrongly typed value keeps its default."""
        raw = cls.read_raw(path)
        prefs = cls()
        for f in fields(cls):
            if f.name in raw and isinstance(raw[f.name], type(getattr(prefs, f.name))):
                setattr(prefs, f.name, raw[f.name])
        return prefs

    def save(self, path: Path) -> None:
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps(asdict(self), indent=2))
        os.replace(tmp, path)
