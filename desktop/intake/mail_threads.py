"""Join e-mails into threads.

First by the headers: a message is in the same thread as every id in its Message-ID, In-Reply-To and References
(union-find, so chains join transitively). Then, as a fallback for messages the headers left alone, by the same
normalised subject between the same two people (sender and a recipient, in either direction). Threads are sorted
by date (undated messages last) and ordered by their first message.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.intake.mail import MailMessage

_PREFIX = re.compile(
    r"^\s*(?:\[[^\]]{0,40}\]\s*)?(?:re|fw|fwd|aw|wg|antw|doorst|sv|vs|tr)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*",
    re.IGNORECASE,
)


def normalise_subject(subject: str) -> str:
    """The subject without reply/forward prefixes (Re:, Fwd:, AW:, WG:, Antw:, Doorst:, ...), case-folded."""
    text = subject
    while True:
        stripped = _PREFIX.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    return " ".join(text.split()).casefold()


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _pairs(msg: MailMessage) -> set[frozenset[str]]:
    if not msg.sender_email:
        return set()
    return {frozenset((msg.sender_email, to)) for to in msg.to if to != msg.sender_email}


def _sort_key(msg: MailMessage) -> tuple[bool, datetime | float, str]:
    return (msg.date is None, msg.date.timestamp() if msg.date else 0.0, str(msg.path))


def thread_messages(messages: list[MailMessage]) -> list[list[MailMessage]]:
    """Group ``messages`` into threads; every message appears in exactly one thread."""
    count = len(messages)
    uf = _UnionFind(count)
    by_id: dict[str, int] = {}
    linked = [False] * count

    def node(msg_id: str, owner: int) -> None:
        other = by_id.setdefault(msg_id, owner)
        if other != owner:
            uf.union(other, owner)
            linked[other] = linked[owner] = True

    for i, msg in enumerate(messages):
        if msg.message_id:
            node(msg.message_id, i)
    for i, msg in enumerate(messages):
        for ref in [msg.in_reply_to, *msg.references]:
            if ref:
                node(ref, i)

    by_topic: dict[tuple[str, frozenset[str]], int] = {}
    for i, msg in sorted(enumerate(messages), key=lambda pair: _sort_key(pair[1])):
        subject = normalise_subject(msg.subject)
        if not subject:
            continue
        for pair in _pairs(msg):
            first = by_topic.setdefault((subject, pair), i)
            if first != i and (not linked[i] or not linked[first]):
                uf.union(first, i)

    groups: dict[int, list[MailMessage]] = {}
    for i, msg in enumerate(messages):
        groups.setdefault(uf.find(i), []).append(msg)
    threads = [sorted(group, key=_sort_key) for group in groups.values()]
    return sorted(threads, key=lambda thread: _sort_key(thread[0]))
