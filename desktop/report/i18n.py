"""English and Dutch strings of the case file, and how dates, sizes and durations are written.

Every label the renderer prints comes from ``Strings``; a missing Dutch string falls back to English, a missing key
raises ``KeyError`` (a typo should fail the tests, not print a key). Names of domain codes (statuses, flags,
capture-time sources, ...) come from ``desktop.core.labels``, shared with the window.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from desktop.core.labels import label
from desktop.core.model import MediaKind

# key: (English, Dutch)
_TEXT: dict[str, tuple[str, str]] = {
    "case_file": ("Case file", "Dossier"),
    "sec_cover": ("Case", "Zaak"),
    "sec_timeline": ("Timeline", "Tijdlijn"),
    "sec_photos": ("Photos", "Foto's"),
    "sec_videos": ("Videos", "Video's"),
    "sec_other": ("Voice notes and documents", "Spraakberichten en documenten"),
    "sec_duplicates": ("Duplicates and edited copies", "Duplicaten en bewerkte kopieën"),
    "sec_notes": ("Notes", "Notities"),
    "sec_manifest": ("Integrity manifest", "Integriteitsmanifest"),
    "ref": ("Case reference", "Zaaknummer"),
    "title": ("Title", "Titel"),
    "kind": ("Kind", "Soort"),
    "status": ("Status", "Status"),
    "customer": ("Customer", "Klant"),
    "phone": ("Phone", "Telefoon"),
    "email": ("E-mail", "E-mail"),
    "policy": ("Policy / booking reference", "Polis- / boekingsnummer"),
    "incident": ("Incident date", "Datum incident"),
    "opened": ("Opened", "Geopend"),
    "closed": ("Closed", "Gesloten"),
    "handler": ("Handler", "Behandelaar"),
    "received": ("Received", "Ontvangen"),
    "set_aside": ("Set aside as duplicates", "Apart gezet als duplicaat"),
    "included": ("Included in this file", "Opgenomen in dit dossier"),
    "file_name": ("File name", "Bestandsnaam"),
    "taken": ("Taken", "Gemaakt"),
    "received_at": ("Received", "Ontvangen"),
    "sender": ("Sender", "Afzender"),
    "camera": ("Camera", "Camera"),
    "pixels": ("Size", "Afmeting"),
    "duration": ("Duration", "Duur"),
    "sha": ("SHA-256", "SHA-256"),
    "flags": ("Flags", "Signalen"),
    "caption": ("Caption", "Bijschrift"),
    "gps": ("GPS", "GPS"),
    "bytes": ("Bytes", "Bytes"),
    "no": ("No.", "Nr."),
    "type": ("Type", "Type"),
    "unknown": ("unknown", "onbekend"),
    "none": ("none", "geen"),
    "redacted": ("hidden", "verborgen"),
    "unreadable": ("The image could not be read.", "De afbeelding kon niet worden gelezen."),
    "missing_original": ("The original is missing from the store.", "Het origineel ontbreekt in de opslag."),
    "missing_cover": (
        "{n} original(s) could not be read from the store and are shown as placeholders: {names}.",
        "{n} origine(e)l(en) konden niet uit de opslag worden gelezen en staan er als lege plek in: {names}.",
    ),
    "attachments": ("Attachments", "Bijlagen"),
    "media_omitted": ("media not included in the export", "media niet meegenomen in de export"),
    "message_cut": ("the message goes on: {n} characters in all (the whole text is in the library)",
                    "het bericht gaat verder: {n} tekens in totaal (de hele tekst staat in de bibliotheek)"),
    "file_missing": ("{name}: missing (named in the chat, not in the export)",
                     "{name}: ontbreekt (genoemd in de chat, niet in de export)"),
    "file_set_aside": ("{name}: set aside as a duplicate", "{name}: apart gezet als duplicaat"),
    "file_excluded": ("{name}: not included in this file", "{name}: niet opgenomen in dit dossier"),
    "file_original": ("{name}: kept as an original, not case media", "{name}: bewaard als origineel, geen zaakmedia"),
    "response": ("Response times (working time)", "Reactietijden (werktijd)"),
    "first_message": ("First customer message", "Eerste bericht van de klant"),
    "first_answer": ("First answer", "Eerste antwoord"),
    "answer_after": ("{at}, after {minutes} working minutes", "{at}, na {minutes} werkminuten"),
    "no_answer": ("not answered yet", "nog niet beantwoord"),
    "norm": ("Norm", "Norm"),
    "norm_minutes": ("{minutes} working minutes for every customer message",
                     "{minutes} werkminuten voor elk bericht van de klant"),
    "breaches": ("Later than the norm", "Later dan de norm"),
    "breach_answered": ("message {at}: answered after {minutes} working minutes",
                        "bericht {at}: beantwoord na {minutes} werkminuten"),
    "breach_open": ("message {at}: waiting {minutes} working minutes so far, due {due}",
                    "bericht {at}: wacht al {minutes} werkminuten, uiterlijk {due}"),
    "due": ("Answer due", "Antwoord uiterlijk"),
    "media_received": ("{kind} {ref} received", "{kind} {ref} ontvangen"),
    "dup_of": ("Copy of", "Kopie van"),
    "dup_intro": (
        "Exact copies and copies of the same picture are set aside: they are not among the photos above. An edited "
        "copy differs from its original in one place (a sticker, a caption, a retouched region) and is kept among "
        "the photos beside it.",
        "Exacte kopieën en kopieën van dezelfde foto zijn apart gezet: ze staan niet bij de foto's hierboven. Een "
        "bewerkte kopie verschilt op één plek van het origineel (een sticker, een bijschrift, een bewerkt gebied) en "
        "blijft bij de foto's, naast het origineel.",
    ),
    "level": ("Level", "Niveau"),
    "dup_changes": ("What was done to it", "Wat eraan gedaan is"),
    "empty": ("None.", "Geen."),
    "more_chars": ("… ({n} more characters)", "… (nog {n} tekens)"),
    "manifest_intro": (
        "Every original of this case, included or set aside, with its full SHA-256, in the line form of a BagIt "
        "manifest-sha256.txt. The originals themselves are kept unchanged in the Casedesk store.",
        "Alle originelen van deze zaak, opgenomen of apart gezet, met hun volledige SHA-256, in de regelvorm van "
        "een BagIt-bestand manifest-sha256.txt. De originelen zelf worden ongewijzigd bewaard in Casedesk.",
    ),
    "manifest_verify": (
        "To verify: put the originals in a folder data/, save the lines above as manifest-sha256.txt beside that "
        "folder and run: sha256sum -c manifest-sha256.txt (macOS: shasum -a 256 -c manifest-sha256.txt; "
        "Windows PowerShell: Get-FileHash -Algorithm SHA256 data\\<name>). Every line must report OK.",
        "Controleren: zet de originelen in een map data/, bewaar de regels hierboven als manifest-sha256.txt "
        "naast die map en voer uit: sha256sum -c manifest-sha256.txt (macOS: shasum -a 256 -c "
        "manifest-sha256.txt; Windows PowerShell: Get-FileHash -Algorithm SHA256 data\\<naam>). Elke regel moet "
        "OK melden.",
    ),
    "manifest_sizes": ("Sizes", "Groottes"),
    "oxum": ("Payload-Oxum (bytes.files)", "Payload-Oxum (bytes.bestanden)"),
    "page_of": ("Page {n} of ", "Pagina {n} van "),
    "generated": ("Generated {at} · Casedesk {version}", "Gemaakt {at} · Casedesk {version}"),
    "subject": ("Case file {ref}", "Dossier {ref}"),
    "keywords": ("case file, claim, evidence", "dossier, claim, bewijs"),
    # redaction, audit appendix (issue 14)
    "sec_audit": ("History (audit trail)", "Geschiedenis (audittrail)"),
    "audit_intro": (
        "Every recorded action on this case, oldest first. The audit log is append-only and hash-chained: each "
        "event carries the hash of the one before it, and 'casedesk verify' checks the whole chain.",
        "Elke vastgelegde handeling op deze zaak, oudste eerst. Het auditlogboek kan alleen worden aangevuld en is "
        "met hashes aaneengeschakeld: elke gebeurtenis bevat de hash van de vorige, en 'casedesk verify' "
        "controleert de hele keten.",
    ),
    "audit_head": ("Hash of the newest event: {sha}", "Hash van de nieuwste gebeurtenis: {sha}"),
    "at": ("Time", "Tijd"),
    "actor": ("By", "Door"),
    "action": ("Action", "Handeling"),
    "details": ("Details", "Details"),
    "redaction": ("Redaction", "Onherkenbaar gemaakt"),
    "redaction_masked": (
        "Masked in every text of this file and in its document metadata (shown as […]):",
        "Gemaskeerd in alle tekst van dit dossier en in de documentgegevens (getoond als […]):",
    ),
    # the customer's own copy of their data (summary.pdf in the export ZIP)
    "your_data": ("Your data", "Uw gegevens"),
    "your_data_at": ("Everything {org} keeps about you", "Alles wat {org} over u bewaart"),
    "summary_intro": (
        "You asked for the data we keep about you (article 15 GDPR). This overview was made on {at}. The ZIP "
        "file it came in holds the same data in machine-readable form (data.json) and every file you sent us "
        "(folder originals/), unchanged.",
        "U vroeg om de gegevens die wij over u bewaren (artikel 15 AVG). Dit overzicht is gemaakt op {at}. Het "
        "ZIP-bestand waarin het zit bevat dezelfde gegevens in machineleesbare vorm (data.json) en elk bestand "
        "dat u ons stuurde (map originals/), ongewijzigd.",
    ),
    "sec_you": ("About you", "Over u"),
    "sec_cases": ("Your cases", "Uw zaken"),
    "sec_messages": ("Messages", "Berichten"),
    "sec_files": ("Files you sent", "Bestanden die u stuurde"),
    "sec_history": ("What was done with your data", "Wat er met uw gegevens is gedaan"),
    "name": ("Name", "Naam"),
    "customer_since": ("Known since", "Bekend sinds"),
    "kept_until": ("Kept until", "Bewaard tot"),
    "kept_open": ("while the case is open, then its retention period", "zolang de zaak loopt, daarna de bewaartermijn"),
    "retention_note": (
        "Closed cases are kept for their retention period ({periods}), then erased. You may ask us to erase your "
        "data earlier (article 17 GDPR); we will unless the law obliges us to keep it.",
        "Gesloten zaken bewaren wij gedurende de bewaartermijn ({periods}), daarna worden ze gewist. U kunt ons "
        "vragen uw gegevens eerder te wissen (artikel 17 AVG); dat doen wij, tenzij de wet ons verplicht ze te "
        "bewaren.",
    ),
    "years_after": ("{kind}: {n} years after closing", "{kind}: {n} jaar na sluiting"),
    "case": ("Case", "Zaak"),
    "counts_line": (
        "{cases} case(s), {messages} message(s), {files} file(s), {notes} note(s), {events} recorded action(s).",
        "{cases} zaak/zaken, {messages} bericht(en), {files} bestand(en), {notes} notitie(s), {events} "
        "vastgelegde handeling(en).",
    ),
    "faces_blurred": (
        "Faces blurred in the photos: {n} (found by a detector: check before sending; the originals are "
        "unchanged).",
        "Gezichten vervaagd in de foto's: {n} (gevonden door een detector: controleer voor verzending; de "
        "originelen zijn ongewijzigd).",
    ),
}

class Strings:
    """The labels of one language: ``s("key", n=3)``, and ``s.label(Flag, "edited")`` for a domain code (from
    ``desktop.core.labels``, the table the window uses too)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._index = 1 if lang == "nl" else 0

    def __call__(self, key: str, **kwargs: object) -> str:
        text = _TEXT[key][self._index] or _TEXT[key][0]
        return text.format(**kwargs) if kwargs else text

    def label(self, vocabulary: type[StrEnum], code: str | None, *, short: bool = False) -> str:
        """The name of a domain code (capture source, flag, case status, ...); unknown codes print as given."""
        return label(vocabulary, code, self.lang, short=short)

    def kind(self, kind: str) -> str:
        """ "Photo", "Video", "Voice note / audio", ... for an item kind."""
        return label(MediaKind, kind if kind in set(MediaKind) else MediaKind.OTHER, self.lang)


def fmt_datetime(value: datetime | None, seconds: bool = True) -> str:
    """ISO-like and unambiguous in both languages: ``2024-03-14 10:12:33 +01:00`` (offset only when known)."""
    if value is None:
        return ""
    text = value.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    if value.utcoffset() is not None:
        text += " " + value.strftime("%z")[:3] + ":" + value.strftime("%z")[3:5]
    return text


def fmt_date(value: datetime | None) -> str:
    """``2024-03-14``."""
    return value.strftime("%Y-%m-%d") if value else ""


def fmt_size(size: int | None, lang: str) -> str:
    """``1.3 MB`` / ``1,3 MB``."""
    if size is None:
        return ""
    value, unit = float(size), "B"
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            break
        value /= 1000
    text = f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
    return text.replace(".", ",") if lang == "nl" else text


def fmt_int(value: int, lang: str) -> str:
    """Grouped digits: ``1,234,567`` / ``1.234.567``."""
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "nl" else text


def fmt_duration(seconds: float | None) -> str:
    """``0:42``, ``1:02:03``."""
    if seconds is None:
        return ""
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
