"""Finding personal data in text: each kind, its check, and the near misses that must stay."""

from __future__ import annotations

import pytest

from desktop.core.redact import MASK, Masker, PiiKind, bsn_valid, find_pii, iban_valid


@pytest.mark.parametrize(("text", "kind"), [
    ("bel 06-12345678 vandaag", PiiKind.PHONE),
    ("call +31 6 1234 5678 today", PiiKind.PHONE),
    ("or 0031 20 123 4567", PiiKind.PHONE),
    ("mail zoe.de-vries+claims@example.co.uk please", PiiKind.EMAIL),
    ("IBAN NL91 ABNA 0417 1643 00 graag", PiiKind.IBAN),
    ("rekening NL91ABNA0417164300.", PiiKind.IBAN),
    ("konto DE89 3704 0044 0532 0130 00", PiiKind.IBAN),
    ("BSN 111222333", PiiKind.BSN),
    ("bsn: 1234.56.782", PiiKind.BSN),
    ("BSN 123 456 782", PiiKind.BSN),
    ("kenteken XX-99-99", PiiKind.PLATE),  # sidecode 1 (old plates may hold vowels)
    ("auto 99-XX-XX", PiiKind.PLATE),  # sidecode 6
    ("auto 12-BBB-3", PiiKind.PLATE),  # sidecode 7
    ("auto G-123-BB", PiiKind.PLATE),  # sidecode 10
    ("auto 1-KBB-23", PiiKind.PLATE),  # sidecode 8
    ("auto 123-BB-4", PiiKind.PLATE),  # sidecode 14
    ("hier: 52.370216, 4.895168", PiiKind.GPS),
    ("at 52°22'12.8\"N 4°53'42.6\"E", PiiKind.GPS),
    ("zie https://maps.google.com/?q=52.37,4.89 nu", PiiKind.GPS),
])
def test_each_kind_is_found_and_masked(text, kind):
    masker = Masker()
    out = masker(text)
    assert dict(masker.counts) == {kind.value: 1}, (text, out)
    [(found_kind, value)] = find_pii(text)
    assert found_kind == kind and value not in out and out == text.replace(value, MASK)


@pytest.mark.parametrize("text", [
    "op 14-03-2024 10:12, 2024-03-14 en IMG-20240314-WA0003",  # dates, WhatsApp file names
    "NL91ABNA0417164301",  # one digit off: fails mod 97
    "BSN 111222334",  # fails the 11-check
    "bedrag 123456789 euro",  # nine digits, not a BSN
    "20240314",  # a date, though it passes the 11-check
    "polis POL-778812 en order 12345",
    "auto AB-12-CD",  # a vowel in a sidecode-4 plate: never issued
    "versie 1.2.3 en 3.14159",
    "tel 0612",  # too short for a phone number
])
def test_near_misses_stay(text):
    masker = Masker()
    assert masker(text) == text and not masker.counts


def test_checks():
    assert iban_valid("NL91 ABNA 0417 1643 00") and iban_valid("GB82WEST12345698765432")
    assert not iban_valid("NL91 ABNA 0417 1643 01") and not iban_valid("NL91")
    assert bsn_valid("111222333") and bsn_valid("123456782") and bsn_valid("12345672")  # 8 digits: leading zero
    assert not bsn_valid("000000000") and not bsn_valid("111222334")


def test_an_iban_is_not_also_a_phone_or_bsn_and_counts_add_up():
    text = "NL91 ABNA 0417 1643 00, 06-12345678, 111222333, jan@example.nl, 12-BBB-3, 52.37021, 4.89517"
    found = [k for k, _ in find_pii(text)]
    assert sorted(found) == sorted(PiiKind)
    assert Masker()(text).count(MASK) == 6
