"""What an e-mail part really is: its content by signature, a name for a nameless part, and damage.

Nothing here drops a part: a name that lies about the content gets a flag (``content_flag``: "name says PDF,
content is ZIP"), a part without a name gets one from its type or content (``default_name``), and a part cut
short or badly encoded is marked (``part_damage``), so that the importer keeps every original and says why.
"""

from __future__ import annotations

import mimetypes
from email.message import Message

# (signature at offset 0, kind, label for messages)
_SIGNATURES = (
    (b"%PDF-", "pdf", "PDF"), (b"PK\x03\x04", "zip", "ZIP"), (b"PK\x05\x06", "zip", "ZIP"),
    (b"\xff\xd8\xff", "jpeg", "JPEG"), (b"\x89PNG\r\n\x1a\n", "png", "PNG"), (b"GIF87a", "gif", "GIF"),
    (b"GIF89a", "gif", "GIF"), (b"II*\x00", "tiff", "TIFF"), (b"MM\x00*", "tiff", "TIFF"), (b"BM", "bmp", "BMP"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole", "an Office 97 / Outlook file"), (b"Rar!\x1a\x07", "rar", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7z", "7-Zip"), (b"\x1f\x8b", "gzip", "gzip"), (b"BZh", "bzip2", "bzip2"),
    (b"OggS", "ogg", "Ogg audio"), (b"ID3", "mp3", "MP3"), (b"\x1aE\xdf\xa3", "mkv", "Matroska video"),
    (b"{\\rtf", "rtf", "RTF"), (b"MZ", "exe", "a Windows program"),
)
_FTYP = {b"heic": "heic", b"heix": "heic", b"mif1": "heic", b"qt  ": "mov", b"M4A ": "m4a"}
_EXT_KIND = {
    "pdf": "pdf", "jpg": "jpeg", "jpeg": "jpeg", "jpe": "jpeg", "jfif": "jpeg", "png": "png", "gif": "gif",
    "tif": "tiff", "tiff": "tiff", "bmp": "bmp", "heic": "heic", "heif": "heic", "mp4": "mp4", "m4v": "mp4",
    "mov": "mov", "3gp": "mp4", "zip": "zip", "rar": "rar", "7z": "7z", "gz": "gzip", "bz2": "bzip2",
    "ogg": "ogg", "opus": "ogg", "mp3": "mp3", "mkv": "mkv", "webm": "mkv", "rtf": "rtf", "exe": "exe",
    "doc": "ole", "xls": "ole", "ppt": "ole", "msg": "ole",
}
# Kinds a file of that extension may legitimately hold (containers: an .docx is a ZIP, a .mov an MP4 box).
_COMPATIBLE = {
    "mp4": {"mp4", "mov", "m4a"}, "mov": {"mp4", "mov"}, "heic": {"heic"},
    **{e: {"zip"} for e in ("docx", "xlsx", "pptx", "odt", "ods", "odp", "epub", "apk", "jar", "kmz", "pages")},
}
_LABEL = {kind: label for _, kind, label in _SIGNATURES} | {"heic": "HEIC", "mp4": "MP4", "mov": "QuickTime",
                                                            "m4a": "M4A audio", "webp": "WebP"}
_NAMELESS = {
    "message/delivery-status": "delivery-status.txt",
    "message/disposition-notification": "disposition-notification.txt",
    "message/feedback-report": "feedback-report.txt",
    "text/rfc822-headers": "original-headers.txt",
}
_EXT = {"image/jpeg": ".jpg", "image/jpg": ".jpg", "image/png": ".png", "image/gif": ".gif",
        "image/heic": ".heic", "application/pdf": ".pdf", "text/html": ".html", "message/rfc822": ".eml",
        "video/mp4": ".mp4", "video/quicktime": ".mov", "audio/ogg": ".ogg", "application/ms-tnef": ".dat"}
_SIG_EXT = {"pdf": ".pdf", "zip": ".zip", "jpeg": ".jpg", "png": ".png", "gif": ".gif", "tiff": ".tif",
            "heic": ".heic", "mp4": ".mp4", "mov": ".mov", "ole": ".doc", "ogg": ".ogg", "mp3": ".mp3"}
_BASE64_DEFECTS = {"InvalidBase64PaddingDefect", "InvalidBase64CharactersDefect", "InvalidBase64LengthDefect"}


def sniff(data: bytes) -> str | None:
    """The kind of content by its signature ("pdf", "zip", "jpeg", ...), or None when unknown (text too)."""
    for sig, kind, _label in _SIGNATURES:
        if data.startswith(sig):
            return kind
    if data[4:8] == b"ftyp":
        return _FTYP.get(data[8:12], "mp4")
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def content_flag(filename: str, data: bytes) -> str | None:
    """"name says PDF, content is ZIP" when the extension promises one known kind and the bytes are another
    known kind; None when they agree or either is unknown."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    named = _EXT_KIND.get(ext)
    actual = sniff(data)
    if actual is None or (named is None and ext not in _COMPATIBLE):
        return None
    if actual == named or actual in _COMPATIBLE.get(ext, set()):
        return None
    if named is None:  # a container extension (.docx) holding something else
        return f"name says {ext.upper()}, content is {_LABEL.get(actual, actual.upper())}"
    return f"name says {_LABEL.get(named, named.upper())}, content is {_LABEL.get(actual, actual.upper())}"


def default_name(content_type: str, data: bytes, number: int, *, subject: str | None = None,
                 in_report: bool = False) -> str:
    """A sensible name for a part that has none: by its type (``delivery-status.txt``, ``original-headers
    .txt``), a forwarded message by its subject, else ``attachment-N`` with the extension of its content."""
    if content_type in _NAMELESS:
        return _NAMELESS[content_type]
    if content_type == "message/rfc822":
        if in_report:
            return "undelivered-message.eml"
        return f"{subject.strip()[:80]}.eml" if subject and subject.strip() else "forwarded-message.eml"
    kind = sniff(data)
    ext = _EXT.get(content_type) or (_SIG_EXT.get(kind) if kind else None)
    if ext is None and content_type.startswith("text/"):
        ext = ".txt"
    if ext is None:
        ext = mimetypes.guess_extension(content_type, strict=False) or ".bin"
    return f"attachment-{number}{ext}"


def part_damage(part: Message) -> str | None:
    """Why a leaf part's content cannot be trusted (bad base64), or None."""
    names = {type(d).__name__ for d in getattr(part, "defects", [])}
    if names & _BASE64_DEFECTS:
        return "damaged encoding: the part's base64 is broken or cut short"
    return None
