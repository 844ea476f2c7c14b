"""Who is who: chat roles, customer matching and mail roles (pure rules)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.core.customer_match import KnownCustomer, match_customer
from desktop.core.mail_roles import MailParty, mail_roles
from desktop.core.parties import (
    SELF,
    ChatParties,
    OrgIdentity,
    assign_roles,
    looks_like_org,
    match_partner,
    matches_setting,
    parties_from_json,
    parties_to_json,
)


def test_one_to_one_partner_is_the_customer():
    p = ChatParties(("Emma de Vries", "Claims Desk"), partner="Emma de Vries", partner_source="file")
    r = assign_roles(p)
    assert (r.rule, r.customer, r.organisation) == ("partner", "Emma de Vries", ("Claims Desk",))
    assert r.from_customer("Emma de Vries") and not r.from_customer("Claims Desk") and not r.from_customer(None)


def test_partner_matching():
    senders = ("\u202a+31 6 12345678\u202c", "Schadeservice")
    assert match_partner("+31 6 12345678", senders) == senders[0]
    assert match_partner("+31612345678", senders) == senders[0]
    assert match_partner("Zoë 🌸", ("Zoë", "Helpdesk")) == "Zoë"  # emoji differ between file name and sender
    assert match_partner("Jean-Baptiste Dupont", ("Jean-Baptiste Dupont-Lefèvre", "SAV")) is not None  # cut short
    assert match_partner("~ Ann", ("~\u202fAnn", "Bob")) == "~\u202fAnn"
    assert match_partner("Ann", ("Bob", "Carl")) is None
    assert match_partner(None, ("Bob",)) is None


def test_one_to_one_without_a_name():
    assert assign_roles(ChatParties(("Piet", "Sunway Travel Care"))).rule == "org-name"
    r = assign_roles(ChatParties(("Piet", "Marie")))
    assert (r.rule, r.customer, r.organisation) == ("first-sender", "Piet", ("Marie",))
    ios = assign_roles(ChatParties(("Anna", "Piet"), notice_name="Piet"))
    assert (ios.rule, ios.customer) == ("partner", "Piet")
    assert assign_roles(ChatParties(())).rule == "none"


def test_group_rules():
    named = ChatParties(("Anna de Boer", "Piet Jansen", "Expert Bob"), partner="Schade Jansen", group=True)
    r = assign_roles(named)
    assert (r.rule, r.customers, set(r.organisation)) == ("group-name", ("Piet Jansen",), {"Anna de Boer", "Expert Bob"})
    desk = ChatParties(("Tom", "Lisa", "Sunway Travel Care"), partner="Hotel Miramar", group=True)
    assert assign_roles(desk).organisation == ("Sunway Travel Care",)
    mine = ChatParties(("Anna", "Piet", "Marie"), partner="Claim 4711", group=True, creator=SELF,
                       adders=(SELF,), added=("Piet", "Marie"))
    assert (assign_roles(mine).rule, assign_roles(mine).organisation) == ("creator", ("Anna",))
    theirs = ChatParties(("Tom Baker", "Lisa Baker"), partner="Hotel complaint Room 312", group=True,
                         creator="Tom Baker", added=("Lisa Baker",))
    r = assign_roles(theirs)
    assert (r.rule, r.customers, r.organisation) == ("none", ("Tom Baker", "Lisa Baker"), ())


def test_settings_refine_and_re_evaluate():
    group = ChatParties(("Tom Baker", "Lisa Baker", "Anna"), partner="Hotel complaint", group=True)
    assert assign_roles(group).rule == "none"
    r = assign_roles(group, OrgIdentity(names=("Anna",)))
    assert (r.rule, r.organisation) == ("setting", ("Anna",)) and not r.from_customer("Anna")
    # Changing the settings back gives the first answer again: nothing is cached.
    assert assign_roles(group).organisation == ()
    one = ChatParties(("Piet", "Anna | Polder Verzekeringen"))
    assert assign_roles(one, OrgIdentity(names=("polder verzekeringen",))).organisation == ("Anna | Polder Verzekeringen",)


def test_org_names_and_settings():
    for name in ("Claims Desk", "Sunway Travel Care", "Schadeservice Polder Verzekeringen", "Jansen B.V.",
                 "Klantenservice", "Reiseservice GmbH"):
        assert looks_like_org(name), name
    for name in ("Emma de Vries", "Piet Jansen", "+31 6 12345678", "🤓", "Tom Baker"):
        assert not looks_like_org(name), name
    org = OrgIdentity(names=("Polder",), emails=("schade@polder.nl",), domains=("polder.nl",))
    assert matches_setting("polder", org) and matches_setting("Anna (Polder)", org)
    assert not matches_setting("Polderman", org)
    assert matches_setting("claims <x@polder.nl>", org)


def test_parties_round_trip():
    p = ChatParties(("a", "b"), partner="x", group=True, creator=SELF, added=("b",), phones=("+31612345678",))
    assert parties_from_json(parties_to_json(p)) == p
    assert parties_from_json({"senders": ["a"], "unknown": 1}) == ChatParties(("a",))


def test_customer_match():
    known = [KnownCustomer(1, "+31 6 12345678", "+31612345678"), KnownCustomer(2, "Emma", None, "emma@x.nl"),
             KnownCustomer(3, "Piet Jansen")]
    assert match_customer(known, name="Sanne", phone="+31612345678") == (1, "phone")
    # exported first under the number, now under the saved name: the number is in the chat
    assert match_customer(known, name="Sanne Jansen", phones_seen=["+31612345678"]) == (1, "number-in-chat")
    assert match_customer(known, name="Sanne Jansen") == (None, "new")
    assert match_customer(known, email="EMMA@x.nl") == (2, "email")
    assert match_customer(known, name="piet  jansen") == (3, "name")
    assert match_customer(known, name="Piet Jansen", phone="+31699999999")[1] == "name"
    two = known + [KnownCustomer(4, None, "+31687654321")]
    assert match_customer(two, name="X", phones_seen=["+31612345678", "+31687654321"]) == (None, "new")


T0 = datetime(2024, 3, 14, 9, 0, tzinfo=UTC)


def mail(key, sender, to, *, at=0, mid=None, reply=None, name=None, auto=False):
    return MailParty(key, sender, name, tuple(to), mid, reply, (reply,) if reply else (), T0 + timedelta(hours=at),
                     auto)


def test_mail_thread_answer_is_the_organisation():
    batch = [mail("1", "piet@gmail.com", ["schade@polder.nl"], mid="a"),
             mail("2", "anna.devries@polder.nl", ["piet@gmail.com"], at=1, mid="b", reply="a"),
             mail("3", "piet@gmail.com", ["anna.devries@polder.nl"], at=2, mid="c", reply="b")]
    roles = mail_roles(batch)
    assert roles["1"].role == "customer" and roles["3"].role == "customer"
    assert (roles["2"].role, roles["2"].customer) == ("organisation", "piet@gmail.com")


def test_mail_reply_alone():
    reply = mail("r", "h.smit@insurer.example", ["piet@gmail.com"], mid="z", reply="missing")
    r = mail_roles([reply])["r"]
    assert (r.role, r.customer, r.rule) == ("organisation", "piet@gmail.com", "freemail")
    named = mail("n", "desk@insurer.example", ["jan@company.example"], name="Claims Desk")
    assert mail_roles([named])["n"].role == "organisation"
    plain = mail("p", "jan@company.example", ["someone@insurer.example"])
    assert mail_roles([plain])["p"] == mail_roles([plain])["p"] and mail_roles([plain])["p"].role == "customer"


def test_mail_settings_known_and_system():
    org = OrgIdentity(domains=("polder.nl",))
    batch = [mail("1", "anna@mail.polder.nl", ["piet@example.com"]),
             mail("2", "mailer-daemon@mx.example.com", ["anna@mail.polder.nl"], auto=True),
             mail("3", "klant@example.org", ["anna@mail.polder.nl"])]
    roles = mail_roles(batch, org, known_customers=frozenset({"klant@example.org"}))
    assert (roles["1"].role, roles["1"].rule, roles["1"].customer) == ("organisation", "setting", "piet@example.com")
    assert roles["2"].role == "system"
    assert (roles["3"].role, roles["3"].rule) == ("customer", "known")
    learned = mail_roles([mail("x", "anna@polder.nl", ["piet@example.com"])], known_org=frozenset({"anna@polder.nl"}))
    assert learned["x"].role == "organisation"
    # an organisation address found in one thread makes its domain the organisation's in another
    batch = [mail("1", "piet@gmail.com", ["info@polder.nl"], mid="a"),
             mail("2", "h.smit@polder.nl", ["piet@gmail.com"], at=1, reply="a"),
             mail("3", "j.berg@polder.nl", ["marie@example.com"], at=2)]
    assert mail_roles(batch)["3"].role == "organisation"
