"""Turn what the user dropped (files, folders, ZIPs, chat exports, e-mails) into units of work.

ZIPs are unpacked safely into the import's scratch folder inside the library. Nothing is written elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desktop.core.errors import UnsafeArchive
from desktop.core.model import Problem
from desktop.core.pathnames import readable
from desktop.intake.archive import extract_zip, is_zip
from desktop.intake.chat_export import find_chat_exports, stream_chat_export
from desktop.intake.folder import OWN_FOLDER, folder_ids, is_ignored, read_head, special_kind, walk_files
from desktop.intake.mail import is_mail_file
from desktop.intake.whatsapp import ChatParseError, chat_name_from_filename, looks_like_chat

# ZIP containers that are documents in their own right: kept as files, never unpacked.
ZIP_BASED_DOCUMENTS = {".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".epub", ".apk", ".jar", ".kmz"}
HEAD = 4096  # bytes read to tell a ZIP, an e-mail or a chat (none when it cannot be read: the analysis says why)


@dataclass
class LooseFile:
    path: Path
    name: str  # original file name
    display: str  # for messages
    mtime: datetime | None
    source_label: str  # folder or archive it came from
    container: str | None = None  # the folder or ZIP it came in; None for a file given on its own
    problem: str | None = None  # why it is kept unread (a ZIP that cannot be opened safely)

    def __post_init__(self) -> None:  # names that are not UTF-8 are shown and stored readable (the path opens it)
        self.name, self.display, self.source_label = readable(self.name), readable(self.display), \
            readable(self.source_label)
        self.container = readable(self.container) if self.container is not None else None


@dataclass
class ChatUnit:
    chat_file: Path
    display: str
    chat_name: str | None
    whole_export: bool = True  # False for a bare .txt: its neighbours are not part of the export
    archive: Path | None = None  # the ZIP it came in, kept as it arrived
    archive_display: str | None = None

    def __post_init__(self) -> None:
        self.display = readable(self.display)
        self.chat_name = readable(self.chat_name) if self.chat_name is not None else None


@dataclass
class MailUnit:
    path: Path
    display: str

    def __post_init__(self) -> None:
        self.display = readable(self.display)


@dataclass
class Plan:
    loose: list[LooseFile] = field(default_factory=list)
    chats: list[ChatUnit] = field(default_factory=list)
    mails: list[MailUnit] = field(default_factory=list)
    inputs: int = 0
    archives: list[LooseFile] = field(default_factory=list)  # ZIPs of loose files: kept with the files' case
    # files of a folder that holds several chat texts (two exports unpacked into one Downloads folder): each chat
    # takes the files it names, and those no chat names are loose files (``unclaimed``); a ZIP or e-mail that no
    # chat names is not among them: it is unpacked or read as mail, as in a folder without chats
    shared: list[LooseFile] = field(default_factory=list)
    own: set[tuple[int, int]] = field(default_factory=set)  # the library's own folders (``folder_ids``): not read

    def unclaimed(self, claimed: set[Path]) -> list[LooseFile]:
        """The files of shared chat folders that no chat names (``claimed``: the files the chats took)."""
        return [f for f in self.shared if f.path not in claimed]


def _mtime(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    except (OSError, OverflowError, ValueError):
        return None


def _is_mail(path: Path, head: bytes) -> bool:
    """An e-mail by content, or a file named .eml/.msg that the mail reader should judge (and explain)."""
    return bool(is_mail_file(path, head)) or (path.suffix.lower() in (".eml", ".msg") and bool(head))


def plan_inputs(paths: list[Path], scratch: Path, problems: list[Problem], own: list[Path] = (),
                made: Path | None = None) -> Plan:
    """What to import from ``paths``. ``own``: the library's folders (its data folder, a team's folder of
    originals): never read as input, neither given nor met inside a given folder, except what lies in ``made``
    (the library's scratch folder, where Casedesk itself puts what it imports: the demo's inputs)."""
    plan = Plan()
    plan.own = folder_ids(list(own))
    for n, raw in enumerate(paths):
        path = Path(raw)
        try:
            mode = path.stat().st_mode  # a link the user names is followed
        except FileNotFoundError:
            problems.append(Problem(str(path), "not found" if not path.is_symlink() else
                                    "not found: broken symbolic link (its target does not exist)"))
            continue
        except OSError as e:
            problems.append(Problem(str(path), f"cannot be read ({e.strerror})"))
            continue
        if (kind := special_kind(mode)) is not None:
            problems.append(Problem(str(path), f"skipped: {kind}"))
            continue
        if _inside(path, own) and not (made is not None and _inside(path, [made]) and path.resolve() != made.resolve()):
            problems.append(Problem(str(path), OWN_FOLDER))
            continue
        plan.inputs += 1
        if path.is_dir():
            _plan_folder(path, path.name, str(path), None, plan, problems, scratch / f"in{n}")
        else:
            _plan_file(path, str(path), str(path.parent), plan, problems, scratch / f"in{n}")
    return plan


def _inside(path: Path, folders: list[Path]) -> bool:
    """Whether ``path`` is one of ``folders`` or lies inside one (links resolved)."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):
        return False
    for f in folders:
        try:
            if real.is_relative_to(f.resolve()):
                return True
        except (OSError, RuntimeError):
            continue
    return False


def _plan_file(path: Path, display: str, label: str, plan: Plan, problems: list[Problem], scratch: Path) -> None:
    head = read_head(path, HEAD)
    if is_zip(head) and path.suffix.lower() not in ZIP_BASED_DOCUMENTS:
        try:
            extract_zip(path, scratch, display=display, problems=problems)
        except UnsafeArchive as e:  # nothing is taken out of it, but what the customer sent is kept as it is
            plan.loose.append(LooseFile(path, path.name, display, _mtime(path), label, problem=e.message))
            return
        before, loose_before = len(plan.chats), len(plan.loose)
        chat_name = chat_name_from_filename(path.name)
        # what the ZIP holds is not unpacked again (scratch None); a pre-pass over its chats spools beside it
        _plan_folder(scratch, path.name, display, chat_name, plan, problems, None, spool=scratch.parent)
        if len(plan.chats) == before and chat_name:
            _read_named_export(scratch, display, chat_name, plan, loose_before)
        if len(plan.chats) > before:  # a chat export (or several): the ZIP is kept with the first, as its container
            plan.chats[before].archive, plan.chats[before].archive_display = path, display
        else:  # loose files: the ZIP goes with the case they make (the folder's, when none came out of it)
            plan.archives.append(LooseFile(path, path.name, display, _mtime(path), path.name, label))
        return
    if _is_mail(path, head):
        plan.mails.append(MailUnit(path, display))
        return
    if looks_like_chat(path.name, head):
        plan.chats.append(ChatUnit(path, display, chat_name_from_filename(path.name), whole_export=False))
        return
    plan.loose.append(LooseFile(path, path.name, display, _mtime(path), label))


def _read_named_export(root: Path, display: str, chat_name: str, plan: Plan, loose_before: int) -> None:
    """A ZIP named like a chat export ("WhatsApp Chat with X.zip") whose one text file was not recognised as a
    chat: that text is read as the chat all the same, so an unknown date format is reported, not imported
    silently as a text file."""
    mine = plan.loose[loose_before:]
    texts = [f for f in mine if f.path.parent == root and f.path.suffix.lower() == ".txt"]
    if len(texts) != 1:
        return
    plan.loose[loose_before:] = [f for f in mine if f.path.parent != root]
    plan.chats.append(ChatUnit(texts[0].path, texts[0].display, chat_name))


def _plan_folder(
    root: Path,
    label: str,
    display: str,
    chat_name: str | None,
    plan: Plan,
    problems: list[Problem],
    scratch: Path | None,
    spool: Path | None = None,
) -> None:
    """``scratch``: where ZIPs met here are unpacked (``None``: not unpacked); ``spool``: where a pre-pass over
    several chats spools when there is no ``scratch`` (the import's own scratch folder, never the system's)."""
    chats = find_chat_exports(root, plan.own)
    chat_dirs = {c.parent for c in chats}
    per_dir = {d: sum(1 for c in chats if c.parent == d) for d in chat_dirs}
    for c in chats:
        rel = c.relative_to(root).as_posix()
        name = chat_name if len(chats) == 1 and chat_name else chat_name_from_filename(c.name)
        shown = f"{display} › {rel}" if rel != c.name or root != c.parent else f"{display} › {c.name}"
        # one chat text in its folder: the folder is its export. Several: each only has the files it names.
        plan.chats.append(ChatUnit(c, shown, name, whole_export=per_dir[c.parent] == 1))
    named: dict[Path, set[Path]] = {}  # per folder of several chats: the files they name, read when first needed
    for i, f in enumerate(walk_files(root, problems, plan.own)):
        if f.parent in chat_dirs and (per_dir[f.parent] == 1 or f in chats) or is_ignored(f.name):
            continue  # files of a chat export are handled with their chat
        rel = f.relative_to(root).as_posix()
        shown = f"{display} › {rel}"
        head = read_head(f, HEAD)
        if f.parent in chat_dirs:  # several chats: each takes the files it names, and the rest is loose, but a
            # ZIP or an e-mail that none names is unpacked or read as mail, as in a folder without chats
            read = _unpacked_or_mail(f, head, scratch)
            if read and f.parent not in named:
                named[f.parent] = _named_by_chats([c for c in chats if c.parent == f.parent],
                                                  scratch if scratch is not None else spool)
            if not read or f in named[f.parent]:
                plan.shared.append(LooseFile(f, f.name, shown, _mtime(f), label, label))
                continue
        if is_zip(head) and scratch is not None:
            _plan_file(f, shown, label, plan, problems, scratch / f"z{i}")
            continue
        if _is_mail(f, head):
            plan.mails.append(MailUnit(f, shown))
            continue
        plan.loose.append(LooseFile(f, f.name, shown, _mtime(f), label, label))


def _unpacked_or_mail(path: Path, head: bytes, scratch: Path | None) -> bool:
    """Whether a folder's file is more than a loose file: a ZIP the import unpacks, or an e-mail it reads."""
    return (is_zip(head) and scratch is not None and path.suffix.lower() not in ZIP_BASED_DOCUMENTS) \
        or _is_mail(path, head)


def _named_by_chats(chats: list[Path], scratch: Path | None) -> set[Path]:
    """The files beside ``chats`` (the chat texts of one folder) that their messages name as attachments: what
    the import's reading of each chat pairs (``stream_chat_export``, its spools in the import's ``scratch``; a
    chat that cannot be read names none)."""
    named: set[Path] = set()
    if scratch is not None:
        scratch.mkdir(parents=True, exist_ok=True)
    for c in chats:
        try:
            export = stream_chat_export(c, spool_dir=scratch)
        except (ChatParseError, OSError, UnicodeError):
            continue
        try:
            named.update(path for _entry, path in export.linked)
        finally:
            export.close()
    return named
