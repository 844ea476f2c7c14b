"""Customer text as it is shown: bidi controls and control characters as U+FFFD, lines and tabs kept."""

from __future__ import annotations

from desktop.core.shown_text import UNSHOWN, shown


def test_a_reversed_extension_is_shown_as_it_is_stored():
    assert shown("photo\u202egpj.exe") == "photo\ufffdgpj.exe"
    for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)):  # embeddings, overrides, isolates and their ends
        assert shown(f"a{chr(c)}b") == "a\ufffdb", hex(c)


def test_control_characters_are_shown_and_lines_kept():
    assert shown("\x1b[31mred\x07\r\x08\x7f\x85\x9b") == "\ufffd[31mred\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd"
    assert shown("line one\nline two\tafter a tab") == "line one\nline two\tafter a tab"
    assert shown("copy\x01.jpg\nsecond\tline\u2028third", one_line=True) == "copy\ufffd.jpg second line third"


def test_ordinary_text_is_left_alone():
    text = "Zoë Çelik · شقة · 東京 · 🤦🏽‍♀️ · \u200eDOC-20170223-WA0000.pdf · \u200fRTL mark"
    assert shown(text) == text  # marks (LRM, RLM) turn nothing around; letters of every script stay
    assert shown("") == ""


def test_the_table_is_the_command_lines():
    """The terminal, the window and the PDF neutralize the same characters."""
    assert set(UNSHOWN) == {*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0),
                            *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
    assert set(UNSHOWN.values()) == {"\ufffd"}


def test_every_character_is_shown_as_the_table_says():
    every = "".join(chr(c) for c in range(0x3000) if not 0xD800 <= c < 0xE000)
    assert shown(every) == every.translate(UNSHOWN)
    assert shown(every, one_line=True) == every.translate({**UNSHOWN, 0x09: " ", 0x0A: " ", 0x2028: " ", 0x2029: " "})
