"""Who wrote an e-mail: the customer, the organisation (an answer in the customer's thread), or a mail system
(delivery reports).

``mail_roles`` looks at a batch of mails together (threads join them by Message-ID / In-Reply-To / References)
and decides per mail, first rule that applies (``MailRole.rule``):

``system``     sent by a mail system: MAILER-DAEMON / postmaster, or a delivery report (``auto``);
``setting``    the sender is one of the organisation's addresses or domains (settings), or an address the
               library already knows as the organisation's;
``known``      the sender is a known customer of the library;
``org-name``   the sender's address or display name reads like an organisation: ``claims@``, ``schade@``,
               ``info@``, ``noreply@``, "Claims Desk", "... Verzekeringen" (``ORG_LOCALPARTS``, ``ORG_WORDS``);
``thread``     in a thread, whoever writes first is the customer (or the known customer a reply is addressed
               to: their own mail came in an earlier batch); any other address writing *to* that customer
               in the same thread is the organisation; an address found to be the organisation anywhere in the
               batch is the organisation everywhere, and so is its domain unless it is a mailbox provider's;
``freemail``   a reply between a mailbox-provider address (gmail.com, ziggo.nl, ...) and a company address: the
               company side is the organisation (customers write from their own mailbox);
``default``    the sender is the customer.

For an organisation's mail, ``MailRole.customer`` is the customer it concerns: the thread's customer, else the
first recipient who is not the organisation; for a system mail, the thread's customer only (a bounce is addressed
to whoever sent the mail that bounced, often the organisation itself).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from desktop.core.parties import OrgIdentity, looks_like_org

ORG_LOCALPARTS = frozenset("""
claims claim schade schades schadeservice schadeafdeling info service services support care help helpdesk
servicedesk klantenservice klantendienst customerservice customercare kundenservice contact office team
noreply no-reply donotreply do-not-reply reply sinistres sinistri siniestros reclamaties complaints klachten
""".split())
SYSTEM_LOCALPARTS = frozenset({"mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"})
FREEMAIL = frozenset("""
gmail.com googlemail.com hotmail.com hotmail.nl hotmail.de hotmail.fr hotmail.co.uk outlook.com outlook.nl
outlook.de outlook.fr live.com live.nl live.de live.fr msn.com yahoo.com yahoo.de yahoo.fr yahoo.co.uk ymail.com
icloud.com me.com mac.com aol.com gmx.de gmx.net gmx.at gmx.ch web.de t-online.de freenet.de orange.fr free.fr
laposte.net wanadoo.fr sfr.fr libero.it virgilio.it tiscali.it ziggo.nl kpnmail.nl planet.nl home.nl hetnet.nl
xs4all.nl upcmail.nl chello.nl casema.nl online.nl telenet.be skynet.be proton.me protonmail.com mail.com
zoho.com yandex.ru yandex.com mail.ru qq.com 163.com seznam.cz wp.pl o2.pl onet.pl bluewin.ch
""".split())


@dataclass(frozen=True)
class MailParty:
    """What decides a mail's role (from ``desktop.intake.mail.MailMessage``)."""

    key: str  # unique per mail in the batch (the file path will do)
    sender: str | None  # lower-case address
    sender_name: str | None = None
    recipients: tuple[str, ...] = ()  # To and Cc, lower case
    message_id: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    date: datetime | None = None
    auto: bool = False  # a delivery or read report, or Auto-Submitted


@dataclass(frozen=True)
class MailRole:
    role: str  # "customer" | "organisation" | "system"
    customer: str | None  # address of the customer the mail belongs to
    rule: str


def domain(address: str | None) -> str:
    return address.rsplit("@", 1)[1].lower() if address and "@" in address else ""


def local_part(address: str | None) -> str:
    return address.rsplit("@", 1)[0].lower() if address and "@" in address else ""


def is_org_address(address: str | None, org: OrgIdentity, known_org: frozenset[str] = frozenset()) -> bool:
    """One of the organisation's addresses: in the settings (address or domain, subdomains included) or known."""
    if not address:
        return False
    a = address.lower()
    if a in known_org or a in {e.lower() for e in org.emails}:
        return True
    d = domain(a)
    return any(d == x or d.endswith("." + x) for x in (o.lower().lstrip("@") for o in org.domains) if x)


def _is_system(m: MailParty) -> bool:
    return m.auto or local_part(m.sender) in SYSTEM_LOCALPARTS


def _looks_org(m: MailParty) -> bool:
    lp = local_part(m.sender)
    return lp in ORG_LOCALPARTS or any(lp.startswith(p + ".") or lp.startswith(p + "-") for p in ORG_LOCALPARTS) \
        or (m.sender_name is not None and looks_like_org(m.sender_name))


def _threads(mails: Sequence[MailParty]) -> list[list[MailParty]]:
    parent = list(range(len(mails)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, m in enumerate(mails):
        for ref in [m.message_id, m.in_reply_to, *m.references]:
            if ref:
                j = owner.setdefault(ref, i)
                a, b = find(i), find(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[int, list[MailParty]] = {}
    for i, m in enumerate(mails):
        groups.setdefault(find(i), []).append(m)
    return [sorted(g, key=lambda m: (m.date is None, m.date.timestamp() if m.date else 0.0)) for g in groups.values()]


def mail_roles(mails: Sequence[MailParty], org: OrgIdentity | None = None, *,
               known_customers: frozenset[str] = frozenset(),
               known_org: frozenset[str] = frozenset()) -> dict[str, MailRole]:
    """The role of every mail in ``mails`` (rules in the module docstring), by ``MailParty.key``."""
    org = org or OrgIdentity()
    fixed: dict[str, tuple[str, str]] = {}  # address -> (role, rule) from settings, library and names
    for m in mails:
        a = m.sender
        if not a or a in fixed or _is_system(m):
            continue
        if is_org_address(a, org, known_org):
            fixed[a] = ("organisation", "setting")
        elif a in known_customers:
            fixed[a] = ("customer", "known")
        elif _looks_org(m):
            fixed[a] = ("organisation", "org-name")
    learned: dict[str, str] = {}
    thread_customer: dict[str, str | None] = {}
    for thread in _threads(mails):
        customer = _thread_customer(thread, fixed, known_customers)
        for m in thread:
            thread_customer[m.key] = customer
            if customer and m.sender and m.sender != customer and m.sender not in fixed and not _is_system(m) \
                    and customer in m.recipients:
                learned[m.sender] = "thread"
    org_domains = {domain(a) for a, (r, _) in fixed.items() if r == "organisation"} | {domain(a) for a in learned}
    org_domains -= FREEMAIL | {""}

    def org_side(a: str | None) -> bool:
        return bool(a) and (fixed.get(a, ("",))[0] == "organisation" or a in learned or domain(a) in org_domains
                            or is_org_address(a, org, known_org))

    out: dict[str, MailRole] = {}
    for m in mails:
        cust = thread_customer.get(m.key)
        others = [r for r in m.recipients if not org_side(r) and local_part(r) not in SYSTEM_LOCALPARTS]
        target = cust if cust and cust != m.sender else (others[0] if others else None)
        if _is_system(m):  # addressed to whoever sent the bounced mail: only a thread says whose case it is
            out[m.key] = MailRole("system", cust if cust and cust != m.sender else None, "system")
        elif m.sender in fixed:
            role, rule = fixed[m.sender]
            out[m.key] = MailRole(role, m.sender if role == "customer" else target, rule)
        elif m.sender in learned or org_side(m.sender):
            out[m.key] = MailRole("organisation", target, "thread")
        elif _freemail_reply(m, others):
            out[m.key] = MailRole("organisation", others[0], "freemail")
        else:
            out[m.key] = MailRole("customer", m.sender, "default")
    return out


def _thread_customer(thread: list[MailParty], fixed: dict[str, tuple[str, str]],
                     known_customers: frozenset[str] = frozenset()) -> str | None:
    """A known customer writing in the thread; else a known customer a reply in it is addressed to (the
    customer's own mail came in an earlier batch); else the sender of the thread's first fresh mail (not a
    reply); else, when the thread starts with replies to mails not in the batch, its only mailbox-provider
    sender; else its first."""
    cands = [m for m in thread if m.sender and not _is_system(m) and fixed.get(m.sender, ("customer",))[0]
             == "customer"]
    known = [m.sender for m in cands if m.sender in fixed]
    if known:
        return known[0]
    addressed = [r for m in thread if (m.in_reply_to or m.references) and not _is_system(m)
                 for r in m.recipients if r in known_customers and r != m.sender]
    if addressed:
        return addressed[0]
    if not cands:
        return None
    fresh = [m for m in cands if not m.in_reply_to and not m.references]
    if fresh:
        return fresh[0].sender
    free = {m.sender for m in cands if domain(m.sender) in FREEMAIL}
    if len(free) == 1 and len({m.sender for m in cands}) > 1:
        return free.pop()
    return cands[0].sender


def _freemail_reply(m: MailParty, others: list[str]) -> bool:
    """A reply from a company address to a mailbox-provider address (and only such recipients)."""
    is_reply = bool(m.in_reply_to or m.references)
    return (is_reply and bool(others) and domain(m.sender) not in FREEMAIL
            and all(domain(r) in FREEMAIL for r in others))
