"""One name for every domain code, in English and Dutch: the window and the PDF case file both print these.

Codes are stored as their ``StrEnum`` values; several vocabularies share a value ("video" is a media kind and a
capture-time source), so a label is looked up by vocabulary and code: ``label(Flag, "edited", "nl")``.
Values standing alone (a status, a kind, a flag) start with a capital; capture-time sources and duplicate kinds
are read inside a sentence ("taken 10:12 (file name)", "set aside · same picture") and do not.
"""

from __future__ import annotations

from enum import StrEnum

from desktop.core.model import AuditAction, CaptureSource, CaseKind, CaseStatus, DupKind, Flag, MediaKind
from desktop.core.redact import PiiKind

LANGUAGES = ("en", "nl")

# vocabulary -> code -> (English, Dutch)
_LABELS: dict[type[StrEnum], dict[str, tuple[str, str]]] = {
    CaseStatus: {
        CaseStatus.NEW: ("New", "Nieuw"),
        CaseStatus.IN_PROGRESS: ("In progress", "In behandeling"),
        CaseStatus.WAITING: ("Waiting for customer", "Wacht op klant"),
        CaseStatus.CLOSED: ("Closed", "Gesloten"),
    },
    CaseKind: {
        CaseKind.CLAIM: ("Claim", "Schadeclaim"),
        CaseKind.COMPLAINT: ("Complaint", "Klacht"),
    },
    MediaKind: {
        MediaKind.IMAGE: ("Photo", "Foto"),
        MediaKind.VIDEO: ("Video", "Video"),
        MediaKind.AUDIO: ("Voice note / audio", "Spraakbericht / audio"),
        MediaKind.PDF: ("PDF document", "PDF-document"),
        MediaKind.OTHER: ("Other file", "Ander bestand"),
        MediaKind.MISSING: ("Missing file", "Ontbrekend bestand"),
    },
    Flag: {
        Flag.EXIF_STRIPPED: ("EXIF stripped", "EXIF verwijderd"),
        Flag.EDITED: ("Edited", "Bewerkt"),
        Flag.AFTER_RECEIVED: ("Taken after it was received", "Gemaakt na ontvangst"),
        Flag.BEFORE_INCIDENT: ("Taken long before the incident", "Lang vóór het voorval gemaakt"),
        Flag.MISSING: ("File missing from the export", "Bestand ontbreekt in de export"),
    },
    CaptureSource: {
        CaptureSource.EXIF: ("EXIF (camera)", "EXIF (camera)"),
        CaptureSource.EXIF_DIGITIZED: ("EXIF digitized date", "EXIF-digitaliseringsdatum"),
        CaptureSource.VIDEO: ("video container", "videobestand"),
        CaptureSource.FILENAME: ("file name", "bestandsnaam"),
        CaptureSource.RECEIVED: ("time received", "ontvangsttijd"),
        CaptureSource.FILE: ("file modification time", "wijzigingstijd van het bestand"),
    },
    DupKind: {
        DupKind.EXACT: ("exact copy (same bytes)", "exacte kopie (zelfde bytes)"),
        DupKind.SAME: ("same picture", "zelfde foto"),
        DupKind.EDITED: ("edited copy", "bewerkte kopie"),
        DupKind.SIMILAR: ("similar (burst)", "gelijkend (serie)"),
    },
    PiiKind: {  # what a redacted case file masked: categories, so plural
        PiiKind.PHONE: ("Phone numbers", "Telefoonnummers"),
        PiiKind.EMAIL: ("E-mail addresses", "E-mailadressen"),
        PiiKind.IBAN: ("IBANs", "IBAN's"),
        PiiKind.BSN: ("BSNs (citizen service numbers)", "BSN's (burgerservicenummers)"),
        PiiKind.PLATE: ("Licence plates", "Kentekens"),
        PiiKind.GPS: ("GPS positions", "GPS-posities"),
    },
    AuditAction: {
        AuditAction.CASE_CREATED: ("Case created", "Zaak aangemaakt"),
        AuditAction.OPINION_ASKED: ("Second opinion asked", "Second opinion gevraagd"),
        AuditAction.OPINION_ANSWERED: ("Second opinion given", "Second opinion gegeven"),
        AuditAction.NOTE_EDITED: ("Note changed", "Notitie gewijzigd"),
        AuditAction.NOTE_DELETED: ("Note deleted", "Notitie verwijderd"),
        AuditAction.MEDIA_ROTATED: ("Item turned", "Item gedraaid"),
        AuditAction.UNDONE: ("Undone", "Ongedaan gemaakt"),
        AuditAction.REDONE: ("Redone", "Opnieuw gedaan"),
        AuditAction.DRAFT_WRITTEN: ("E-mail draft written", "E-mailconcept gemaakt"),
        AuditAction.CUSTOMER_MERGED: ("Customer records merged", "Klantgegevens samengevoegd"),
        AuditAction.CUSTOMER_MERGE_UNDONE: ("Customer merge undone", "Samenvoegen klanten ongedaan gemaakt"),
        AuditAction.CASE_UPDATED: ("Case changed", "Zaak gewijzigd"),
        AuditAction.CASE_MERGED: ("Cases merged", "Zaken samengevoegd"),
        AuditAction.CASE_MERGE_UNDONE: ("Merge undone", "Samenvoegen ongedaan gemaakt"),
        AuditAction.CASE_SPLIT: ("Case split", "Zaak gesplitst"),
        AuditAction.IMPORT: ("Imported", "Geïmporteerd"),
        AuditAction.NOTE_ADDED: ("Note added", "Notitie toegevoegd"),
        AuditAction.MEDIA_UPDATED: ("Media changed", "Media gewijzigd"),
        AuditAction.MEDIA_MOVED: ("Media moved", "Media verplaatst"),
        AuditAction.KEEPER_CHOSEN: ("Keeper chosen", "Te bewaren exemplaar gekozen"),
        AuditAction.DUPLICATE_RESTORED: ("Duplicate restored", "Duplicaat teruggezet"),
        AuditAction.ALERT_RAISED: ("Alert raised", "Waarschuwing gegeven"),
        AuditAction.EXPORTED: ("Case file exported", "Dossier geëxporteerd"),
        AuditAction.SETTINGS_CHANGED: ("Team settings changed", "Teaminstellingen gewijzigd"),
        AuditAction.CUSTOMER_EXPORTED: ("Customer's data exported", "Gegevens van de klant geëxporteerd"),
        AuditAction.CUSTOMER_ERASED: ("Customer erased", "Klant gewist"),
        AuditAction.CASE_PURGED: ("Erased after its retention period", "Gewist na de bewaartermijn"),
        AuditAction.CASE_HELD: ("Legal hold placed", "Juridische bewaarplicht ingesteld"),
        AuditAction.CASE_RELEASED: ("Legal hold released", "Juridische bewaarplicht opgeheven"),
    },
}

# short forms, for a thumbnail badge or inside parentheses; a code without one uses its full name
_SHORT: dict[type[StrEnum], dict[str, tuple[str, str]]] = {
    Flag: {
        Flag.EXIF_STRIPPED: ("no EXIF", "geen EXIF"),
        Flag.EDITED: ("edited", "bewerkt"),
        Flag.AFTER_RECEIVED: ("date?", "datum?"),
        Flag.BEFORE_INCIDENT: ("old", "oud"),
        Flag.MISSING: ("missing", "ontbreekt"),
    },
    CaptureSource: {
        CaptureSource.EXIF: ("EXIF", "EXIF"),
    },
    DupKind: {
        DupKind.EXACT: ("copy", "kopie"),
        DupKind.SAME: ("same picture", "zelfde foto"),
        DupKind.EDITED: ("edited copy", "bewerkte kopie"),
        DupKind.SIMILAR: ("similar", "lijkt op"),
    },
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "nl" else pair[0]


def label(vocabulary: type[StrEnum], code: str | None, lang: str = "en", *, short: bool = False) -> str:
    """The name of ``code`` in ``lang`` ("en" or "nl", else English); an unknown code is returned as given.
    ``short``: the short form where there is one ("no EXIF" for a badge, "EXIF" in "10:12 (EXIF)")."""
    if not code:
        return ""
    pair = (_SHORT.get(vocabulary, {}).get(code) if short else None) or _LABELS[vocabulary].get(code)
    return _pick(pair, lang) if pair else code


def badge(flag: str, lang: str = "en") -> str:
    """The short form of a flag for a thumbnail badge."""
    return label(Flag, flag, lang, short=True)


def vocabularies() -> list[type[StrEnum]]:
    """The vocabularies that have labels (every member of each has both languages)."""
    return list(_LABELS)
