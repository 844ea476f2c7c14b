"""The inline-image rule: logos, spacers and tracking pixels are not case media; photos and attachments are."""

from desktop.core.mail_media import decoration_reason, is_case_media


def test_inline_rule():
    assert is_case_media(inline=True, size=250_000, width=1600, height=1200)
    assert not is_case_media(inline=True, size=43, width=1, height=1)  # tracking pixel
    assert not is_case_media(inline=True, size=9_000, width=240, height=60)  # signature logo: 60 px high
    assert not is_case_media(inline=True, size=3_000, width=400, height=300)  # under 4 KB
    assert is_case_media(inline=True, size=9_000, width=100, height=100)  # exactly at the limits
    assert not is_case_media(inline=True, size=4_095)  # not probed: only the size decides
    assert is_case_media(inline=True, size=4_096)
    assert is_case_media(inline=False, size=43, width=1, height=1)  # attached on purpose
    assert is_case_media(inline=True, size=100, content_type="application/pdf")  # only images are decoration


def test_reason():
    assert "1×1 px" in decoration_reason(size=43, width=1, height=1)
    assert "300 bytes" in decoration_reason(size=300)
