"""Where the library lives and the handler's preferences.

Paths are resolved once into an ``AppPaths`` object and passed down; nothing here is a mutable global.
Order: ``--data-dir`` argument, then ``CASEDESK_DATA_DIR``, then the platform's user data directory.
"""

from __future__ import annotations

import errno
import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

from desktop.core.errors import ReadOnlyLibrary

APP_NAME = "Casedesk"
APP_AUTHOR = "Casedesk"
ENV_DATA_DIR = "CASEDESK_DATA_DIR"
ENV_DB_URL = "CASEDESK_DB_URL"


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
    def tmp(self) -> Path:
        return self.data_dir / "tmp"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def preferences_file(self) -> Path:
        return self.data_dir / "preferences.json"

    def ensure(self) -> AppPaths:
        """Create the library's folders, and refuse a library that cannot be written before any work starts."""
        folders = (self.data_dir, self.originals, self.thumbs, self.tmp, self.logs)
        db_files = (self.db_file, *(self.db_file.with_name(self.db_file.name + x) for x in ("-wal", "-shm")))
        target: Path = self.data_dir
        try:
            for target in folders:
                target.mkdir(parents=True, exist_ok=True)
            for target in folders:
                probe = target / f".write-test-{os.getpid()}"
                os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
                os.unlink(probe)
            for target in db_files:
                if target.exists():
                    os.close(os.open(target, os.O_RDWR))
        except OSError as e:
            if e.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise
            raise ReadOnlyLibrary(f"the library at {self.data_dir} is read-only: {target} cannot be written "
                                  f"({e.strerror}); make it writable, or copy it to a writable folder and open "
                                  "the copy with --data-dir") from e
        return self


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


@dataclass
class Preferences:
    """Settings a handler can change. Stored as JSON beside the library."""

    business_names: list[str] = field(default_factory=lambda: ["Casedesk", "Claims Team", "Complaints Team"])
    default_region: str = "NL"
    case_gap_days: int = 7  # silence in a chat that starts a new suggested case
    file_gap_hours: int = 12  # capture-time gap that splits loose files into suggested cases
    answer_norm_minutes: int = 60  # customers expect an answer on WhatsApp within this
    incident_doubt_days: int = 30  # taken this long before the incident date raises a flag
    dup_same_shift: float | None = None  # None: the engine's tuned default (see desktop.core.dedup)
    dup_similar_corr: float | None = None
    language: str = ""  # "" follows the system; "en" or "nl"

    @classmethod
    def load(cls, path: Path) -> Preferences:
        """The saved preferences; a missing, unreadable or wrongly typed value keeps its default."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        prefs = cls()
        if not isinstance(raw, dict):
            return prefs
        for f in fields(cls):
            if f.name in raw and _valid(getattr(prefs, f.name), raw[f.name], f.name):
                setattr(prefs, f.name, raw[f.name])
        return prefs

    def save(self, path: Path) -> None:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        os.replace(tmp, path)


def _valid(default: object, value: object, name: str) -> bool:
    if default is None:  # optional thresholds: a positive number or nothing
        return value is None or (isinstance(value, int | float) and not isinstance(value, bool) and value > 0)
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and value > 0
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, type(default))
