"""What a parsed chat says about its participants, for ``desktop.core.parties.assign_roles``.

* senders in order of their first message (system notices left out);
* group evidence: notices of a group (created, added, left, removed, joined, subject or icon changed) in en, de,
  nl, fr, es, it, pt (and the group words of tr, ru, pl, id, fi), or more than two senders, or iOS notices
  attributed to a name nobody writes under (the group's subject);
* who created the group and who added whom, the exporter ("You", "Du", "Je", "Vous", ...) as ``SELF``;
* phone numbers: senders written as numbers, numbers in notices ("+49 2938 6708440 hat zu +49 357 2678659
  gewechselt") and in texts, as E.164 (``phonenumbers``, numbers without a country code read in ``region``).
"""

from __future__ import annotations

import re

import phonenumbers

from desktop.core.parties import SELF, ChatParties
from desktop.intake.whatsapp import Chat, ChatEntry
from desktop.intake.whatsapp_formats import strip_bidi

_YOU = {"you", "du", "je", "u", "jij", "vous", "tu", "tú", "usted", "você", "voi", "lei", "sie"}
_CREATED = [re.compile(p, re.IGNORECASE) for p in (
    r"^(?P<a>.+?) created (?:the |this )?group\b",
    r"^(?P<a>.+?) (?:hat|hast) die gruppe\b.* erstellt\.?$",
    r"^(?P<a>.+?) (?:heeft|hebt) (?:de )?groep\b.* aangemaakt\.?$",
    r"^(?P<a>.+?) (?:a|avez) créé (?:le )?groupe\b",
    r"^(?P<a>.+?) creó (?:el )?grupo\b",
    r"^(?P<a>.+?) (?:ha|hai) creato (?:il )?gruppo\b",
    r"^(?P<a>.+?) criou (?:o )?grupo\b",
)]
# Languages that drop "you": es "Creaste el grupo", it "Hai creato il gruppo", "Hai aggiunto X", es "Añadiste a X".
_CREATED_SELF = re.compile(r"^(?:creaste (?:el )?grupo|hai creato (?:il )?gruppo)\b", re.IGNORECASE)
_ADDED_SELF = re.compile(r"^(?:(?:añadiste|agregaste) a|hai aggiunto) (?P<b>.+?)\.?$", re.IGNORECASE)
_ADDED = [re.compile(p, re.IGNORECASE) for p in (
    r"^(?P<a>.+?) added (?P<b>.+?)\.?$",
    r"^(?P<b>.+?) (?:was|were) added\.?$",
    r"^(?P<b>.+?) joined (?:using|via|from) ",
    r"^(?P<a>.+?) (?:hat|hast) (?P<b>.+?) hinzugefügt\.?$",
    r"^(?P<b>.+?) (?:wurde|wurdest) hinzugefügt\.?$",
    r"^(?P<b>.+?) (?:ist|bist) .*beigetreten\.?$",
    r"^(?P<a>.+?) (?:heeft|hebt) (?P<b>.+?) toegevoegd\.?$",
    r"^(?P<b>.+?) (?:is|bent) toegevoegd\.?$",
    r"^(?P<b>.+?) (?:is|bent) lid geworden\b",
    r"^(?P<a>.+?) (?:vous )?(?:a|avez) ajouté (?P<b>.+?)\.?$",
    r"^(?P<b>.+?) (?:a|avez) rejoint\b",
    r"^(?P<a>.+?) (?:añadió|agregó) a (?P<b>.+?)\.?$",
    r"^(?P<b>.+?) se unió\b",
    r"^(?P<a>.+?) (?:ha|hai) aggiunto (?P<b>.+?)\.?$",
    r"^(?P<a>.+?) ti ha aggiunto\.?$",
    r"^(?P<a>.+?) adicionou (?P<b>.+?)\.?$",
    r"^(?P<b>.+?) entrou\b",
)]
_ADDS_YOU = re.compile(r"^(?P<a>.+?) (?:hat dich|heeft je|heeft u|vous a|te (?:añadió|agregó)|ti ha) ",
                       re.IGNORECASE)
_GROUP_WORDS = re.compile(
    r"\b(?:group|groups|gruppe|groep|groupe|grupo|gruppo|grup|grupy|grupę|ryhmä\w*|групп\w*|"
    r"left|verlassen|verlaten|quitté|salió|saiu|uscito|ayrıldı|вышел\w*|keluar|"
    r"removed|entfernt|retiré|eliminó|removeu|rimosso|"
    r"added|hinzugefügt|toegevoegd|ajouté|añadió|agregó|adicionou|aggiunto|ekledi|добавил\w*|menambahkan|lisäsi)\b",
    re.IGNORECASE,
)
_SPLIT_NAMES = re.compile(r",\s*|\s+(?:and|und|en|et|y|e|ve|dan|и|ja)\s+", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w+])\+?[0-9][0-9 \u00a0\u202f().\-]{6,18}[0-9](?!\w)")
_DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$|^\d{1,2}[:.]\d{2}")


def _who(name: str) -> str:
    n = strip_bidi(name).strip().strip("\"“”„«»'")
    return SELF if n.casefold() in _YOU else n


def phone_e164(text: str | None, region: str = "NL") -> str | None:
    """``text`` as an E.164 number when it is one phone number ("+31 6 12345678", "06-12345678"), else None."""
    t = strip_bidi(text or "").replace("\u00a0", " ").replace("\u202f", " ").strip().lstrip("~").strip()
    if not t or not _PHONE.fullmatch(t) or _DATE_LIKE.match(t):
        return None
    digits = sum(ch.isdigit() for ch in t)
    if digits < (8 if t.startswith("+") else 9):  # a national number has 9 digits or more (NL 06-12345678: 10)
        return None
    try:
        num = phonenumbers.parse(t, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(num):
        return None
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)


def phones_in(text: str, region: str = "NL", limit: int = 50) -> list[str]:
    """E.164 numbers written in ``text`` (candidates of 8 to 20 characters, each checked by phonenumbers)."""
    out: list[str] = []
    for m in _PHONE.finditer(strip_bidi(text)):
        e = phone_e164(m.group(0), region)
        if e and e not in out:
            out.append(e)
            if len(out) >= limit:
                break
    return out


def notice_text(entry_text: str) -> str:
    """A system notice's wording: bidi marks removed, the first line only."""
    return strip_bidi(entry_text).split("\n", 1)[0].strip()


def chat_parties(chat: Chat, *, partner_source: str | None = None, region: str = "NL") -> ChatParties:
    """The participants of ``chat`` (see the module docstring); ``chat.chat_name`` is the partner or subject."""
    parties = PartiesReader(region)
    for e in chat.entries:
        parties.add(e)
    return parties.result(chat, partner_source=partner_source)


class PartiesReader:
    """``chat_parties`` of entries given one at a time (a long chat's entries are not held): ``add`` each in file
    order, then ``result``. Keeps the names, notices' findings and numbers, not the entries."""

    def __init__(self, region: str = "NL") -> None:
        self.region = region
        self.senders: dict[str, None] = {}  # in order of their first message
        self.notice_names: dict[str, int] = {}
        self.creator: str | None = None
        self.adders: dict[str, None] = {}
        self.added: dict[str, None] = {}
        self.phones: list[str] = []  # in notices
        self.group = False
        # Numbers in texts count only while fewer than 50 are known, after those of notices and senders: the
        # texts that brought a number not seen in an earlier text are kept until 50 such numbers are found.
        self._text_phones: list[list[str]] = []
        self._seen_text_phones: set[str] = set()

    def add(self, e: ChatEntry) -> None:
        region = self.region
        if e.kind != "system":
            if e.sender and e.sender not in self.senders:
                self.senders[e.sender] = None
            if e.kind == "text" and len(self._seen_text_phones) < 50:
                found = phones_in(e.text, region)
                if any(p not in self._seen_text_phones for p in found):
                    self._text_phones.append(found)
                    self._seen_text_phones.update(found)
            return
        if e.sender:
            self.notice_names[e.sender] = self.notice_names.get(e.sender, 0) + 1
        text = notice_text(e.text)
        for p in phones_in(text, region):
            if p not in self.phones:
                self.phones.append(p)
        self.group = self.group or bool(_GROUP_WORDS.search(text))
        if _CREATED_SELF.match(text):
            self.creator, self.group = self.creator or SELF, True
        for rx in _CREATED:
            if m := rx.match(text):
                self.creator = self.creator or _who(m["a"])
                self.group = True
                break
        if m := _ADDED_SELF.match(text):
            self.adders.setdefault(SELF)
            self.added.update(dict.fromkeys(_who(n) for n in _SPLIT_NAMES.split(m["b"]) if n.strip()))
            self.group = True
            return
        if m := _ADDS_YOU.match(text):
            self.adders.setdefault(_who(m["a"]))
            self.added.setdefault(SELF)
            self.group = True
            return
        for rx in _ADDED:
            if m := rx.match(text):
                self.group = True
                if "a" in rx.groupindex and m["a"]:
                    self.adders.setdefault(_who(m["a"]))
                if "b" in rx.groupindex and m["b"]:
                    self.added.update(dict.fromkeys(_who(n) for n in _SPLIT_NAMES.split(m["b"]) if n.strip()))
                break

    def result(self, chat: Chat, *, partner_source: str | None = None) -> ChatParties:
        """What the entries added say; ``chat`` gives the chat name and header style."""
        region = self.region
        senders = list(self.senders)
        notice_names = self.notice_names
        phones = list(self.phones)
        group = self.group
        notice_name = max(notice_names, key=lambda n: notice_names[n]) if notice_names else None
        if notice_name is not None and notice_name not in senders and chat.header_style == "bracketed":
            group = group or len(senders) > 1  # iOS: notices in a group carry the subject, which nobody writes as
        for s in senders:
            if (p := phone_e164(s, region)) and p not in phones:
                phones.append(p)
        for found in self._text_phones:
            if len(phones) < 50:
                for p in found:
                    if p not in phones:
                        phones.append(p)
        partner = chat.chat_name
        if partner is None and notice_name is not None:
            partner, partner_source = notice_name, "notice"
        return ChatParties(
            senders=tuple(senders), partner=partner, partner_source=partner_source if partner else None,
            group=group or len(senders) > 2, creator=self.creator, adders=tuple(self.adders),
            added=tuple(self.added), notice_name=notice_name, phones=tuple(phones),
            partner_phone=phone_e164(chat.chat_name, region),
        )
