"""Large e-mails in flat memory: long runs of base64 lines wait on disk while the stdlib parses the rest.

``Spool.reduce`` reads an e-mail file once, line by line. A run of lines made only of base64 characters
(``A-Z a-z 0-9 + / =``) longer than ``RUN_BYTES`` is copied to a file in the spool folder and replaced by one token
line. Such a line holds no ``:``, no leading space and no ``-``: it can be neither a header, nor a continuation, nor a
MIME boundary, so the stdlib parser sees the same structure in the reduced message as in the file, only the bodies
are shorter. A token is letters and digits with a random nonce, so an e-mail cannot forge one.

A part whose payload holds tokens is then decoded from the spool files in chunks (``decode_base64``) straight into
its attachment file, or restored in memory when it is text (``restore``). Damage is reported the way the stdlib
reports it (the defects ``mail_parts.part_damage`` reads).
"""

from __future__ import annotations

import binascii
import re
import secrets
from collections.abc import Iterator
from email import errors
from pathlib import Path
from typing import BinaryIO

RUN_BYTES = 64 * 1024  # shorter runs stay in the message: the parser handles them at no cost
CHUNK = 1 << 20
BLOCK = 1 << 20  # the file is scanned this much at a time
_RUNS = re.compile(rb"(?m)^(?:[A-Za-z0-9+/=]+\r?\n)+")  # consecutive whole lines of base64 characters
_NOT_B64 = re.compile(rb"[^A-Za-z0-9+/=]")
_B64_CHARS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="


def _all_base64(data: bytes) -> bool:
    """Whether ``data`` holds only base64 characters (``bytes.translate`` runs at memory speed; a regex not)."""
    return not data.translate(None, _B64_CHARS)
_NEWLINES = bytes.maketrans(b"", b"")


class Spool:
    """Spool files of one e-mail in ``folder``; tokens name them inside the reduced message."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.nonce = secrets.token_hex(8).upper()
        self.files: list[Path] = []
        self._token = re.compile(f"CDSPOOL{self.nonce}N([0-9]{{6}})")
        self._btoken = re.compile(self._token.pattern.encode())

    # reading the file ---------------------------------------------------------------------------------------
    def reduce(self, fh: BinaryIO, first: bytes = b"") -> bytes:
        """The message read from ``fh`` (after ``first``, already read) with long base64 runs spooled out.

        The file is scanned a block at a time; a regular expression finds the runs of base64 lines in each block,
        so a 70 MB e-mail costs a fraction of a second, not a Python step per line."""
        run = _Run(self)
        out: list[bytes] = []
        rest = first
        while True:
            chunk = fh.read(BLOCK)
            block = rest + chunk
            if not chunk:
                rest = b""
            else:
                cut = block.rfind(b"\n") + 1
                if cut == 0 and len(block) < BLOCK:  # no line end yet: read on
                    rest = block
                    continue
                block, rest = (block[:cut], block[cut:]) if cut else (block, b"")
            if block:
                self._scan(block, run, out, whole_lines=bool(chunk) and block.endswith(b"\n"))
            if not chunk:
                break
        run.close(out)
        return b"".join(out)

    def _scan(self, block: bytes, run: _Run, out: list[bytes], *, whole_lines: bool) -> None:
        pos = 0
        for m in _RUNS.finditer(block):
            if m.start() > pos:  # text that is not base64 ends the run
                run.close(out)
                out.append(block[pos:m.start()])
            run.add(block[m.start():m.end()], out)
            pos = m.end()
        tail = block[pos:]
        if not tail:
            return
        if not whole_lines and _all_base64(tail) and (run.open or tail == block):
            run.add(tail, out)  # part of a line longer than a block, still base64: the run goes on
            return
        run.close(out)
        out.append(tail)

    # parts that hold tokens ---------------------------------------------------------------------------------
    def holds_tokens(self, payload: object) -> bool:
        """Whether a payload (text, or re-serialised bytes) names a spooled run."""
        if isinstance(payload, bytes):
            return bool(self.files) and self._btoken.search(payload) is not None
        return isinstance(payload, str) and bool(self.files) and self._token.search(payload) is not None

    def _pieces(self, payload: str) -> Iterator[str | Path]:
        pos = 0
        for m in self._token.finditer(payload):
            if m.start() > pos:
                yield payload[pos:m.start()]
            yield self.files[int(m.group(1))]
            pos = m.end()
        if pos < len(payload):
            yield payload[pos:]

    def restore(self, payload: str, limit: int) -> tuple[str, bool]:
        """The payload with its runs put back, at most ``limit`` characters; and whether it was cut."""
        parts: list[str] = []
        size = 0
        for piece in self._pieces(payload):
            text = piece if isinstance(piece, str) else _read_ascii(piece, limit - size + 1)
            parts.append(text)
            size += len(text)
            if size > limit:
                return "".join(parts)[:limit], True
        return "".join(parts), False

    def decode_base64(self, payload: str, out: BinaryIO) -> tuple[int, bytes, list[errors.MessageDefect]]:
        """Decode a base64 payload whose runs are spooled into ``out``: (size, first bytes, defects)."""
        dec = _Base64Stream(out)
        for piece in self._pieces(payload):
            if isinstance(piece, str):
                dec.feed(piece.encode("ascii", "surrogateescape"))
                continue
            with piece.open("rb") as fh:
                while chunk := fh.read(CHUNK):
                    dec.feed(chunk)
        return dec.finish()

    def expand(self, data: bytes, out: BinaryIO) -> int:
        """Write ``data`` (a re-serialised part) to ``out`` with its tokens replaced by their runs; the size."""
        size = pos = 0
        for m in self._btoken.finditer(data):
            out.write(data[pos:m.start()])
            size += m.start() - pos
            with self.files[int(m.group(1))].open("rb") as fh:
                while chunk := fh.read(CHUNK):
                    out.write(chunk)
                    size += len(chunk)
            pos = m.end()
        out.write(data[pos:])
        return size + len(data) - pos

    def remove(self) -> None:
        for p in self.files:
            p.unlink(missing_ok=True)
        self.files.clear()


def _read_ascii(path: Path, limit: int) -> str:
    with path.open("rb") as fh:
        return fh.read(max(0, limit)).decode("ascii")


class _Run:
    """The run of base64 lines being read: kept in memory while short, in a spool file once long. The ending of
    its last line is held back, so that it stays in the message after the token."""

    def __init__(self, spool: Spool) -> None:
        self.spool = spool
        self.pending: list[bytes] = []
        self.size = 0
        self.target: BinaryIO | None = None
        self.held = b""

    @property
    def open(self) -> bool:
        return bool(self.pending) or self.target is not None

    def add(self, data: bytes, out: list[bytes]) -> None:
        if self.target is None:
            self.pending.append(data)
            self.size += len(data)
            if self.size < RUN_BYTES:
                return
            path = self.spool.folder / f"run-{len(self.spool.files):06d}"
            self.spool.files.append(path)
            self.target = path.open("wb")
            data, self.pending, self.size = b"".join(self.pending), [], 0
        body = data.rstrip(b"\r\n")
        self.target.write(self.held + body)
        self.held = data[len(body):]

    def close(self, out: list[bytes]) -> None:
        if self.target is not None:
            self.target.close()
            self.target = None
            out.append(f"CDSPOOL{self.spool.nonce}N{len(self.spool.files) - 1:06d}".encode() + self.held)
            self.held = b""
        elif self.pending:
            out.extend(self.pending)
            self.pending, self.size = [], 0


class _Base64Stream:
    """``email._encoded_words.decode_b`` in chunks: skips characters outside the alphabet, stops at the first
    complete padding, and reports the same defects (bad characters, missing padding, impossible length)."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.carry = b""
        self.size = 0
        self.head = b""
        self.bad_chars = False
        self.done = False

    def _write(self, data: bytes) -> None:
        if len(self.head) < 64:
            self.head += data[:64 - len(self.head)]
        self.out.write(data)
        self.size += len(data)

    def feed(self, chunk: bytes) -> None:
        if self.done:
            return
        chunk = chunk.translate(_NEWLINES, b"\r\n")
        if not _all_base64(chunk):
            self.bad_chars = True
            chunk = _NOT_B64.sub(b"", chunk)
        data = self.carry + chunk  # the carry starts a quad: positions below count from a quad's start
        pad = data.find(b"=")
        if pad >= 0:
            quad = pad % 4
            pads = len(data) - pad - len(data[pad:].lstrip(b"="))
            if quad >= 2 and quad + pads >= 4:  # a complete padding ends the data, as binascii does
                self._write(binascii.a2b_base64(data[:pad] + b"=" * (4 - quad)))
                self.carry = b""
                self.done = True
                return
            if quad >= 2 and pad + pads == len(data):  # the padding may go on in the next chunk
                self._write(binascii.a2b_base64(data[:pad - quad]))
                self.carry = data[pad - quad:]
                return
            self.bad_chars = True  # a stray '=' is skipped, like any character outside the alphabet
            data = data.replace(b"=", b"")
        whole = len(data) - len(data) % 4
        if whole:
            self._write(binascii.a2b_base64(data[:whole]))
        self.carry = data[whole:]

    def finish(self) -> tuple[int, bytes, list[errors.MessageDefect]]:
        defects: list[errors.MessageDefect] = []
        if self.bad_chars:
            defects.append(errors.InvalidBase64CharactersDefect())
        self.carry = self.carry.replace(b"=", b"")
        if self.carry:
            if len(self.carry) == 1:
                defects.append(errors.InvalidBase64LengthDefect())
            else:
                defects.append(errors.InvalidBase64PaddingDefect())
                self._write(binascii.a2b_base64(self.carry + b"=" * (4 - len(self.carry))))
            self.carry = b""
        return self.size, self.head, defects
