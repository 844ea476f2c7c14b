"""Figures on the held-out real material: messages recognised in chat exports, attachments kept in e-mails.

    PYTHONPATH=$PWD python3 bench/heldout_intake.py [--all]

Held out (never tuned on): the e-mails of tests/fixtures/mail/flanker and the chat exports of
tests/fixtures/whatsapp-external (see their SOURCES.md). ``--all`` also prints the tuning sources.
"""

from __future__ import annotations

import sys
from email import policy
from email.parser import BytesParser
from pathlib import Path

from desktop.intake.chat_export import read_chat_export
from desktop.intake.mail import MailError, read_mail
from desktop.intake.whatsapp import ChatParseError, decode_chat_bytes, split_lines
from desktop.intake.whatsapp_formats import match_header

ROOT = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
MAIL_HELD_OUT = ["flanker"]
MAIL_TUNED = ["mikel-mail", "nodemailer-mailparser"]


def mail_figures(source: str) -> tuple[int, int, int, int, int]:
    """(files, files read, stdlib attachments, of them kept, damaged files reported)."""
    files = read = parts = kept = damaged = 0
    for p in sorted((ROOT / "mail" / source).glob("*.eml")):
        files += 1
        try:
            stdlib = list(BytesParser(policy=policy.default).parsebytes(p.read_bytes()).iter_attachments())
        except Exception:  # noqa: BLE001
            stdlib = []
        parts += len(stdlib)
        try:
            m = read_mail(p)
        except MailError as e:
            print(f"  {source}/{p.name}: not read ({e.message})")
            continue
        read += 1
        types = [a.content_type for a in m.attachments]
        for part in stdlib:
            if part.get_content_type() in types:
                types.remove(part.get_content_type())
                kept += 1
            else:
                print(f"  {source}/{p.name}: {part.get_content_type()} not kept")
        damaged += m.damaged is not None
    return files, read, parts, kept, damaged


def chat_figures(folder: Path) -> tuple[int, int, int]:
    """(files, header lines, entries recognised) over the chat texts below ``folder``."""
    files = headers = entries = 0
    for p in sorted(folder.rglob("*.txt")):
        files += 1
        lines = split_lines(decode_chat_bytes(p.read_bytes()))
        n = sum(1 for ln in lines if match_header(ln) is not None)
        headers += n
        try:
            got = len(read_chat_export(p).chat.entries)
        except ChatParseError as e:
            got, why = 0, e.message
        else:
            why = ""
        entries += got
        print(f"  {p.relative_to(folder)}: {got} entries of {n} lines in a known header format {why}")
    return files, headers, entries


def main() -> None:
    sources = MAIL_HELD_OUT + (MAIL_TUNED if "--all" in sys.argv else [])
    for s in sources:
        f, r, n, k, d = mail_figures(s)
        print(f"mail {s}: {r}/{f} files read, {k}/{n} iter_attachments() parts kept, {d} reported damaged")
    ext = ROOT / "whatsapp-external"
    if ext.is_dir():
        f, h, e = chat_figures(ext)
        print(f"chats whatsapp-external: {f} files, {e} entries recognised, {h} lines that match a header format")


if __name__ == "__main__":
    main()
