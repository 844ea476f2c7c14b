"""Who is who in a chat export: the customer, and the organisation's own people.

Pure rules over what the export itself says (``ChatParties``, built by ``desktop.intake.whatsapp_parties``) and
the organisation's settings (``OrgIdentity``). ``assign_roles`` is cheap and deterministic: the services call it
again after the settings change, and every message's ``from_customer`` follows the new answer.

The rules, in order (``Roles.rule`` names the one that decided):

1:1 chat (no sign of a group):
  ``partner``   the chat partner named by the export's file name (``WhatsApp Chat with X.txt``, ``WhatsApp Chat
                - X.zip`` and their translations), or on iOS the name the encryption notice is attributed to,
                matched to a sender (same name, same phone number, or one name the start of the other: file
                names are cut short and lose emoji) is the customer; every other sender is the organisation.
                A partner who is one of the organisation's people (settings) is not taken, nor one whose name
                reads like an organisation while the other sender's does not (the customer exported the chat
                with "Sunway Travel Care" and sent it in).
  ``setting`` / ``org-name``  no partner matched: senders matching the settings (with those whose name
                reads like an organisation), else senders whose name reads like an organisation (``ORG_WORDS``:
                "Claims Desk", "Sunway Travel Care", "... B.V."), are the organisation; the others are customers.
  ``first-sender``  nothing else: whoever wrote first is the customer (customers write in), the rest the
                organisation. Weak; the case shows the rule so a handler can correct the settings.
Group chat:
  ``setting`` / ``org-name``  as above; everyone else is a customer.
  ``group-name`` the group's subject (the file name) names a sender ("Schade Jansen" -> "Piet Jansen"): the
                senders it names are customers, the others the organisation's people (insurers assess damage
                with colleagues in groups they name after the customer).
  ``creator``   the exporter (the organisation: it is their phone) created the group ("You created group") and
                exactly one sender was never added or joined: that sender is the exporter.
  ``none``      no evidence: every sender is a customer, and nobody answers until the settings name the
                organisation's people.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

SELF = "\x00self"  # the exporter, in ``ChatParties.creator`` / ``adders``: "You created group", "Du hast ..."

# Words of organisation names (case-folded whole words), several languages. A person is rarely called this.
ORG_WORDS = frozenset("""
team teams desk servicedesk helpdesk service services support care customer customers klantenservice klantendienst
kundenservice kundendienst claims claim schade schadeservice schadeafdeling schadeteam schadebehandeling
verzekeringen verzekering verzekeraar insurance insurances insurer assurance assurances assurantien assurantiën
versicherung versicherungen assicurazioni seguros seguradora aseguradora mutuelle travel reizen reisen tours
voyages viajes holidays vakanties office kantoor afdeling department agency bureau administratie receptie
reception helpline hotline noreply no-reply bv b.v. nv n.v. gmbh ltd llc inc s.a. s.l. srl s.r.l. spa s.p.a.
""".split())
_WORD = re.compile(r"[\w.\-]+", re.UNICODE)
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class OrgIdentity:
    """The organisation's own people: display names (chat senders, mail display names), e-mail addresses and
    e-mail domains. From the team settings."""

    names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChatParties:
    """What an export says about its participants (system notices excluded from ``senders``)."""

    senders: tuple[str, ...]  # in order of their first message, as written (bidi marks stripped)
    partner: str | None = None  # the chat name from the file/ZIP/folder name: 1:1 partner or group subject
    partner_source: str | None = None  # "file" | "zip" | "folder" | "notice"
    group: bool = False  # group notices (created, added, left, subject...) or > 2 senders
    creator: str | None = None  # who created the group; ``SELF`` for the exporter
    adders: tuple[str, ...] = ()  # who added members (``SELF`` included)
    added: tuple[str, ...] = ()  # who was added or joined
    notice_name: str | None = None  # iOS: the name system notices are attributed to (partner or group subject)
    phones: tuple[str, ...] = ()  # E.164 numbers: phone-number senders, numbers in notices and texts
    partner_phone: str | None = None  # E.164 of the partner when the file names a number


@dataclass(frozen=True)
class Roles:
    """The answer: who the customers are and who speaks for the organisation."""

    customers: tuple[str, ...]
    organisation: tuple[str, ...]
    customer: str | None  # the customer the case is about (the partner, else the first customer to write)
    rule: str  # see the module docstring
    group: bool
    _org_keys: frozenset[str] = field(default=frozenset(), repr=False)

    def from_customer(self, sender: str | None) -> bool:
        """Whether a message by ``sender`` is the customer's (system notices, ``None``, are not)."""
        return sender is not None and name_key(sender) not in self._org_keys and bool(name_key(sender))


def name_key(name: str | None) -> str:
    """A name for matching: NFC, bidi marks and the "~ " of unsaved contacts removed, spaces collapsed,
    case-folded."""
    if not name:
        return ""
    n = unicodedata.normalize("NFC", _BIDI.sub("", name)).replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(n.strip().lstrip("~").split()).casefold()


def _letters(key: str) -> str:
    """Only letters and digits: emoji and punctuation are dropped (file names lose them)."""
    return "".join(ch for ch in key if ch.isalnum())


def _digits(text: str | None) -> str:
    return "".join(ch for ch in text or "" if ch.isdigit())


def looks_like_org(name: str) -> bool:
    """A sender name that reads like an organisation: one of ``ORG_WORDS`` as a whole word."""
    return any(w.strip(".-") in ORG_WORDS or w in ORG_WORDS for w in _WORD.findall(name_key(name)))


def matches_setting(name: str, org: OrgIdentity) -> bool:
    """``name`` is one of the organisation's display names, contains one as whole words ("Anna | Polder
    Verzekeringen" for "Polder Verzekeringen"), or holds one of its e-mail addresses or domains."""
    key = name_key(name)
    if not key:
        return False
    words = f" {' '.join(_WORD.findall(key))} "
    for n in org.names:
        k = name_key(n)
        if len(k) >= 3 and (k == key or f" {' '.join(_WORD.findall(k))} " in words):
            return True
    if "@" in key:
        return any(e.casefold() in key for e in org.emails) or any(
            f"@{d.casefold().lstrip('@')}" in key for d in org.domains)
    return False


def match_partner(partner: str | None, senders: tuple[str, ...], partner_phone: str | None = None) -> str | None:
    """The sender the file name means: same name, same phone number, the same letters once emoji and
    punctuation are dropped, or (at least 4 letters) one the start of the other."""
    if not partner:
        return None
    key = name_key(partner)
    for s in senders:
        if name_key(s) == key:
            return s
    digits = _digits(partner_phone or partner)
    if len(digits) >= 6 and len(digits) >= len(_letters(key)) - 1:
        for s in senders:
            d = _digits(s)
            if len(d) >= 6 and (d.endswith(digits[-9:]) or digits.endswith(d[-9:])):
                return s
    letters = _letters(key)
    same = [s for s in senders if letters and _letters(name_key(s)) == letters]
    if len(same) == 1:
        return same[0]
    if len(letters) >= 4:
        hits = [s for s in senders if (ls := _letters(name_key(s))) and len(ls) >= 4
                and (ls.startswith(letters) or letters.startswith(ls))]
        if len(hits) == 1:
            return hits[0]
    return None


def _named_by(subject: str, sender: str) -> bool:
    """The group subject contains a word of the sender's name (4 letters or more): "Schade Jansen" names
    "Piet Jansen"."""
    words = {w for w in _WORD.findall(name_key(subject)) if len(w) >= 4 and w not in ORG_WORDS}
    return any(w in words for w in _WORD.findall(name_key(sender)) if len(w) >= 4)


def _with_org_names(senders: tuple[str, ...], by_setting: list[str]) -> list[str]:
    """The settings' people and the senders whose names read like the organisation's: naming a colleague in the
    settings does not turn the insurer's own account into a customer. Someone must remain a customer."""
    orgs = [s for s in senders if s in by_setting or looks_like_org(s)]
    return orgs if len(orgs) < len(senders) else by_setting


def _roles(customers, organisation, customer, rule, group) -> Roles:
    return Roles(tuple(customers), tuple(organisation), customer, rule, group,
                 frozenset(name_key(s) for s in organisation))


def assign_roles(parties: ChatParties, org: OrgIdentity = OrgIdentity()) -> Roles:
    """Decide who is the customer and who the organisation (rules in the module docstring)."""
    senders = tuple(dict.fromkeys(s for s in parties.senders if name_key(s)))
    group = parties.group or len(senders) > 2
    by_setting = [s for s in senders if matches_setting(s, org)]

    def split(orgs: list[str], rule: str) -> Roles:
        customers = [s for s in senders if s not in orgs]
        return _roles(customers, orgs, customers[0] if customers else None, rule, group)

    if not group:
        partner = match_partner(parties.partner, senders, parties.partner_phone)
        if partner is None and parties.notice_name and parties.partner_source != "notice":
            partner = match_partner(parties.notice_name, senders)
        exported_by_customer = partner is not None and looks_like_org(partner) and any(
            not looks_like_org(s) and s not in by_setting for s in senders if s != partner)
        if partner is not None and partner not in by_setting and not exported_by_customer:
            return _roles([partner], [s for s in senders if s != partner], partner, "partner", group)
        if by_setting:
            return split(_with_org_names(senders, by_setting), "setting")
        if orgs := [s for s in senders if looks_like_org(s)]:
            if len(orgs) < len(senders):
                return split(orgs, "org-name")
        if not senders:
            return _roles([], [], parties.partner, "none", group)
        return _roles(senders[:1], senders[1:], senders[0], "first-sender", group)

    if by_setting:
        return split(_with_org_names(senders, by_setting), "setting")
    if orgs := [s for s in senders if looks_like_org(s)]:
        if len(orgs) < len(senders):
            return split(orgs, "org-name")
    if parties.partner:
        named = [s for s in senders if _named_by(parties.partner, s)]
        if named and len(named) < len(senders):
            return _roles(named, [s for s in senders if s not in named], named[0], "group-name", group)
    if parties.creator == SELF:
        added = {name_key(a) for a in parties.added}
        exporter = [s for s in senders if name_key(s) not in added]
        if len(exporter) == 1 and len(senders) > 1:
            return split(exporter, "creator")
    return _roles(senders, [], senders[0] if senders else parties.partner, "none", group)


def parties_to_json(p: ChatParties) -> dict:
    """A plain dict of ``p`` (store it with the chat's source: ``assign_roles`` needs it again after a settings
    change, without re-reading the export)."""
    return {"senders": list(p.senders), "partner": p.partner, "partner_source": p.partner_source,
            "group": p.group, "creator": p.creator, "adders": list(p.adders), "added": list(p.added),
            "notice_name": p.notice_name, "phones": list(p.phones), "partner_phone": p.partner_phone}


def parties_from_json(d: dict) -> ChatParties:
    """The inverse of ``parties_to_json``; unknown keys are ignored, missing ones take their defaults."""
    tuples = {"senders", "adders", "added", "phones"}
    known = set(ChatParties.__dataclass_fields__)
    return ChatParties(**{k: (tuple(v) if k in tuples else v) for k, v in d.items() if k in known})
