"""Which e-mail attachments are case media: the rule for inline images.

Mail programs put the sender's logo, social-media icons, spacer GIFs and tracking pixels into a message as inline
images; Apple Mail and phones put the customer's photos there too. An inline image is not case media when it is
small enough to be decoration: its short side under ``MIN_SIDE_PX`` (100 px: icons are 16 to 64 px, logos in
signatures rarely 100 px high, a phone photo is 1000 px or more), or under ``MIN_BYTES`` (4 KB: a photo that small
shows nothing). Attachments proper (not inline) are always case media; every part stays an original whatever
this rule says.
"""

from __future__ import annotations

MIN_SIDE_PX = 100
MIN_BYTES = 4096


def is_case_media(*, inline: bool, size: int, width: int | None = None, height: int | None = None,
                  content_type: str = "") -> bool:
    """Whether an attachment belongs in the case's media (``width``/``height`` once probed; unknown = no
    judgement on size in pixels)."""
    if not inline:
        return True
    if content_type and not content_type.startswith("image/"):
        return True
    if size < MIN_BYTES:
        return False
    if width is not None and height is not None and min(width, height) < MIN_SIDE_PX:
        return False
    return True


def decoration_reason(*, size: int, width: int | None = None, height: int | None = None) -> str:
    """Words for the flag of an inline image that is not case media."""
    if width is not None and height is not None and min(width, height) < MIN_SIDE_PX:
        return f"inline image of {width}×{height} px in the e-mail's layout (logo, icon or tracking pixel)"
    return f"inline image of {size} bytes in the e-mail's layout (logo, icon or tracking pixel)"
