"""WhatsApp chat exports: who is who, every message, every attachment on its message, and the export itself.

Who is the customer and who answers for the organisation is decided from the export (``assign_roles``: the partner
a 1:1 file names, the people a group is about) refined by the team settings; what the export says about its
participants is stored with its source, so a settings change can decide again (``desktop.services.roles``). The
customer is a known one when the number, a number in the chat or the name says so (``resolve_customer``).

A later export of the same chat is cumulative: messages already present (same sender, time and text) are
skipped, so only the new part is added. A file named in the chat but absent is recorded as missing media. The chat
text (and the ZIP it came in) is kept as the case's container. An export that cannot be read is reported and kept:
its text and files go into a case of their own, the reason as the text's flag. Only the customer writing after a
silence of ``case_gap_days`` starts a new case: the organisation's answer, however late, joins the conversation it
answers, and system notices join the messages around them.
"""

from __future__ import annotations

import functools
import hashlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from desktop.core.errors import LibraryWriteError, is_disk_full
from desktop.core.grouping import starts_new_case
from desktop.core.model import MediaRole, MessageKind, Problem, SourceKind
from desktop.core.parties import ChatParties, Roles, assign_roles, parties_to_json
from desktop.core.records import CaseHandle
from desktop.core.team import TeamSettings
from desktop.intake.chat_export import ChatExport, export_files, stream_chat_export
from desktop.intake.whatsapp import ChatEntry, ChatParseError, chat_name_from_filename, skipped_words
from desktop.intake.whatsapp_parties import phone_e164
from desktop.services.analyse import Analysed
from desktop.services.customers import chat_customer, clean_name, resolve_customer
from desktop.services.planning import ChatUnit
from desktop.services.writer import ImportWriter
from desktop.store.long_chat import customer_has_messages, keys_among
from desktop.store.unit import UnitOfWork

EMPTY = "the chat export holds no messages (an empty file)"
ROWS_PER_INSERT = 2000
ENTRIES_PER_STEP = 2000  # entries whose keys are made, and looked up among the customer's, at once


@dataclass
class ChatPlan:
    unit: ChatUnit
    export: ChatExport | None  # None when the text cannot be read
    problem: str | None = None  # why it cannot be used: kept, reported
    others: list[Path] = field(default_factory=list)  # an unreadable export's other files
    repeats: Repeats | None = None  # which messages' identity the file may hold more than once
    flag: str | None = None  # what is odd about a chat text that was read all the same (damaged bytes skipped)

    def unlinked(self) -> list[Path]:
        """Files the chat never names: part of the export only when a whole export (ZIP, folder) was given."""
        if not self.unit.whole_export:
            return []
        return self.export.unlinked if self.export is not None else self.others

    def containers(self) -> list[tuple[Path, str]]:
        """The chat text, and the ZIP it came in."""
        out = [(self.unit.chat_file, self.unit.chat_file.name)]
        if self.unit.archive is not None:
            out.append((self.unit.archive, self.unit.archive.name))
        return out

    def explain(self, analysed: dict[Path, Analysed]) -> None:
        """The chat text and ZIP are kept as they arrived, not probed as media: no problem of theirs to report."""
        for p, _ in self.containers():
            if (an := analysed.get(p)) is not None and an.kept:
                an.problem = None

    def files(self) -> list[tuple[Path, str]]:
        out = list(self.containers())
        if self.export is not None:
            out += [(path, entry.file or path.name) for entry, path in self.export.linked]
        out += [(p, p.name) for p in self.unlinked()]
        return list(dict.fromkeys(out))  # a file named by several messages is read once


def read(unit: ChatUnit, team: TeamSettings, problems: list[Problem], scratch: Path | None = None) -> ChatPlan:
    """The export read; one that cannot be read is reported (kept: its files are still imported). A long chat's
    spools go to ``scratch`` (the import's own folder), as anonymous files."""
    why: str | None = None
    export: ChatExport | None = None
    repeats = Repeats()
    try:  # streamed: the entries wait in the export's spool until ``write`` reads them back
        export = stream_chat_export(unit.chat_file, chat_name=unit.chat_name, default_order=_default_order(team),
                                    region=team.default_region, on_entry=repeats.add, spool_dir=scratch)
    except ChatParseError as e:
        why = e.message
    except OSError as e:
        if is_disk_full(e):  # the import's own disk: the caller says how much room it needs
            raise
        if e.filename is None:  # the spool cannot be written (reading the chat says its own words): not its fault
            raise LibraryWriteError(f"the library's scratch folder cannot be written ({e.strerror or e}): "
                                    "nothing was imported") from e
        why = f"chat file cannot be read ({e.strerror or 'the system refused to read it'})"
    except UnicodeError:
        why = "chat cannot be read: its text is not in an encoding a chat export uses"
    if export is not None and not export.count:
        why = EMPTY
    if why is None:
        assert export is not None
        repeats.settle()
        flag = None
        if export.skipped_nuls:
            flag = skipped_words(export.skipped_nuls)
            problems.append(Problem(unit.display, flag, kept=True))
        return ChatPlan(unit, export, repeats=repeats, flag=flag)
    if export is not None:
        export.close()
    problems.append(Problem(unit.display, why, kept=True))
    others = export.unlinked if export is not None else export_files(unit.chat_file)
    return ChatPlan(unit, None, why, others)


def _default_order(team: TeamSettings) -> str:
    return "MDY" if team.default_region.upper() in {"US", "PH", "CA"} else "DMY"


_sender = functools.lru_cache(maxsize=1024)(clean_name)  # a chat's few senders, each cleaned once


def _identity(entry: ChatEntry) -> bytes:
    """What a message is across exports: sender, time and text."""
    return f"{_sender(entry.sender) or ''}|{entry.t.isoformat()}|{entry.text}".encode("utf-8", "surrogatepass")


def _match_key(identity: bytes, occurrence: int) -> str:
    """The stored key of a message: its identity, and which identical one it is in the file."""
    return hashlib.sha256(identity + f"|{occurrence}".encode()).hexdigest()


def _digest(identity: bytes) -> bytes:
    return hashlib.blake2b(identity, digest_size=16).digest()


def _prefix(digest: bytes) -> int:
    return int.from_bytes(digest[:4], "little")


class Repeats:
    """Which messages of a chat may have an identity (``_identity``) that another one in the file has, found
    without holding one per message: the first 4 bytes of each identity's digest (1.4 MB for 357,000 messages),
    in 256 buckets sorted one at a time. ``write`` counts the identical ones among those only (by their whole
    digest, as before: a prefix two identities share only makes one more of them counted)."""

    def __init__(self) -> None:
        self._buckets = [array("I") for _ in range(256)]
        self.twice: set[int] = set()  # digest prefixes that occur more than once

    def add(self, entry: ChatEntry) -> None:
        prefix = _prefix(_digest(_identity(entry)))
        self._buckets[prefix & 255].append(prefix)

    def settle(self) -> None:
        for b in self._buckets:
            prev = None
            for v in sorted(b):
                if v == prev:
                    self.twice.add(v)
                prev = v
        self._buckets = []


def title_of(parties: ChatParties, roles: Roles) -> str:
    """The chat's name (the partner, or a group's subject), unless that is the organisation itself."""
    partner = clean_name(parties.partner)
    if partner and any(clean_name(o) == partner for o in roles.organisation):
        partner = None
    return f"WhatsApp: {partner or clean_name(roles.customer) or 'chat'}"


def write(w: ImportWriter, plan: ChatPlan, analysed: dict[Path, Analysed], team: TeamSettings,
          fixed_case: CaseHandle | None) -> None:
    """The chat's new messages into the customer's open case (or new suggested cases after a silence), each
    attachment on its message, the files the chat never names and the containers with the last case. The chat's
    entries are read back from the export's spool one step at a time, and the spool is let go."""
    if plan.export is None:
        _write_unreadable(w, plan, analysed, team, fixed_case)
        return
    uow = w.uow
    export = plan.export
    parties = export.parties or ChatParties(senders=())
    roles = assign_roles(parties, team.org())
    customer, matched = chat_customer(uow, roles, parties, team.default_region)
    title = title_of(parties, roles)
    meta = {"parties": parties_to_json(parties), "customer_id": customer, "customer_name": roles.customer,
            "rule": roles.rule, "customer_rule": matched}
    source = w.source(SourceKind.WHATSAPP, plan.unit.display, chat_key=f"whatsapp:{customer}", meta=meta)
    # the customer's messages already present, looked up per step of entries (a long chat's re-import never holds
    # every key); none to look up when the customer had none when the chat began (its own keys are unique)
    lookup = customer is not None and customer_has_messages(uow, customer)
    gap = timedelta(days=team.case_gap_days)
    case, last = w.open_case(customer) if fixed_case is None and customer is not None else (fixed_case, None)
    linked = {e.index: p for e, p in export.linked}
    missing = {e.index for e in export.missing}
    twice = plan.repeats.twice if plan.repeats is not None else None  # None: any identity may repeat
    seen: dict[bytes, int] = {}  # a digest of each identity that may repeat: how many came before it in this file
    placed: set[Path] = set()  # files already placed on a message of this import
    newest: CaseHandle | None = None  # the case of the last message seen (new or already present)
    notices: list[tuple[ChatEntry, str]] = []  # system notices waiting for the case of the messages after them

    rows: list[dict] = []  # messages waiting for one insert; an attachment's message is written at once

    def add(entry: ChatEntry, key: str, target: CaseHandle) -> tuple[int | None, int]:
        rows.append(dict(
            case_id=target.id, source_id=source, customer_id=customer, sent_at=entry.t, sender=_sender(entry.sender),
            from_customer=entry.kind != MessageKind.SYSTEM and roles.from_customer(entry.sender),
            kind=entry.kind, text=entry.text, match_key=key))
        w.touched_cases[target.id] = target  # (keys are unique within one import: not added to ``existing``)
        if len(rows) >= ROWS_PER_INSERT:
            write_rows()
        return None, target.id  # the id, when needed, from written()

    def write_rows() -> None:
        uow.messages.add_many(rows)
        rows.clear()

    def written(key: str) -> int:
        """The id of the message just added under ``key``."""
        write_rows()
        msg_id = uow.messages.id_of(source, key)
        assert msg_id is not None
        return msg_id

    def flush(target: CaseHandle) -> None:
        for notice, key in notices:
            add(notice, key, target)
        notices.clear()

    for entry, key, existing in _keyed_steps(export, twice, seen, uow, customer if lookup else None):
        msg = existing.get(key)
        if msg is None and entry.kind == MessageKind.SYSTEM:
            if case is not None and not starts_new_case(last, entry.t, gap):
                add(entry, key, case)
            else:
                notices.append((entry, key))
            continue
        if msg is None:
            # a silence starts a new case only when the customer writes again: an answer, however late, belongs
            # to the conversation it answers
            if fixed_case is None and (case is None or (roles.from_customer(entry.sender)
                                                        and starts_new_case(last, entry.t, gap))):
                case = w.new_case(title, customer)
            assert case is not None
            flush(case)
            msg = add(entry, key, case)
        else:
            flush(w.case(msg[1]))
        newest = w.case(msg[1])
        if entry.kind != MessageKind.SYSTEM:
            last = entry.t if last is None or entry.t > last else last
        msg_id, msg_case = msg
        if entry.kind != MessageKind.ATTACHMENT or not entry.file:
            continue
        if msg_id is None:  # added just now, waiting with the rows to insert
            msg_id = written(key)
        target = w.case(msg_case)
        if entry.index in linked:
            an = analysed.get(linked[entry.index])
            if an is None or not an.kept or linked[entry.index] in placed:
                continue  # a file the chat names again (a damaged export: 2,000 times) is one item, on its first
            placed.add(linked[entry.index])
            if w.add_media(target, an, entry.file, source=source, received_at=entry.t,
                           sender=_sender(entry.sender), message_id=msg_id, customer_id=customer):
                uow.imports.drop_missing(msg_id)
        elif entry.index in missing:
            w.add_missing(target, entry.file, source=source, received_at=entry.t,
                          sender=_sender(entry.sender), message_id=msg_id, customer_id=customer)
    case = case or newest
    if case is None and (notices or _fresh(w, plan, analysed, customer)):
        case = w.new_case(title, customer)
    if case is not None:
        flush(case)
    write_rows()
    if case is not None:
        _add_files(w, plan, analysed, case, source, customer, plan.flag)
    export.close()


def _keyed_steps(export: ChatExport, twice: set[int] | None, seen: dict[bytes, int], uow: UnitOfWork,
                 customer: int | None) -> Iterator[tuple[ChatEntry, str, dict[str, tuple[int, int]]]]:
    """(entry, match key, the customer's messages under the keys of its step) of every entry in file order, read
    back from the export's spool ``ENTRIES_PER_STEP`` at a time; ``customer`` None: none looked up."""
    step: list[tuple[ChatEntry, str]] = []
    entries = export.entries()
    while True:
        for entry in entries:
            identity = _identity(entry)
            ident = _digest(identity)
            occurrence = 0
            if twice is None or _prefix(ident) in twice:
                occurrence = seen[ident] = seen.get(ident, -1) + 1
            step.append((entry, _match_key(identity, occurrence)))
            if len(step) >= ENTRIES_PER_STEP:
                break
        if not step:
            return
        existing = keys_among(uow, customer, [k for _, k in step]) if customer is not None else {}
        for entry, key in step:
            yield entry, key, existing
        step = []


def _fresh(w: ImportWriter, plan: ChatPlan, analysed: dict[Path, Analysed], customer: int | None) -> bool:
    """Whether the containers or unnamed files hold anything the library does not have yet."""
    return any(an is not None and an.sha256 and not w.media_exists(an.sha256, n, customer, None)
               for p, n in [*plan.containers(), *((q, q.name) for q in plan.unlinked())]
               if (an := analysed.get(p)) is not None)


def _add_files(w: ImportWriter, plan: ChatPlan, analysed: dict[Path, Analysed], case: CaseHandle, source: int,
               customer: int | None, flag: str | None = None) -> None:
    """The containers and the files the chat never names."""
    for p, name in plan.containers():
        an = analysed.get(p)
        if an is not None and an.kept:
            w.add_media(case, an, name, source=source, customer_id=customer, role=MediaRole.CONTAINER,
                        flags=[flag] if flag else None)
    for p in plan.unlinked():
        an = analysed.get(p)
        if an is not None and an.kept:
            w.add_media(case, an, p.name, source=source, customer_id=customer)


def _write_unreadable(w: ImportWriter, plan: ChatPlan, analysed: dict[Path, Analysed], team: TeamSettings,
                      fixed_case: CaseHandle | None) -> None:
    """An export that cannot be read: its text (flagged with the reason) and its files in a case of their own,
    for the customer its name gives, if any."""
    chat_file = plan.unit.chat_file
    name = clean_name(plan.unit.chat_name or chat_name_from_filename(chat_file.name)
                      or (chat_name_from_filename(chat_file.parent.name) if plan.unit.whole_export else None))
    customer = None
    if name:
        customer, _ = resolve_customer(w.uow, name=name, phone=phone_e164(name, team.default_region),
                                       region=team.default_region)
    if fixed_case is None and not _fresh(w, plan, analysed, customer):
        w.report.already_present += sum(1 for p, _ in plan.files() if (an := analysed.get(p)) and an.kept)
        return
    source = w.source(SourceKind.WHATSAPP, plan.unit.display, meta={"unreadable": plan.problem,
                                                                    "customer_id": customer})
    case = fixed_case or w.new_case(f"WhatsApp: {name or plan.unit.chat_file.name}", customer)
    _add_files(w, plan, analysed, case, source, customer, plan.problem)
