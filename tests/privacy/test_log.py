"""The log file holds no customer data: patterns masked in messages, exception messages left out."""

from __future__ import annotations

import logging

from desktop.log import PrivateFormatter


def test_messages_are_masked_and_exception_messages_left_out(tmp_path):
    path = tmp_path / "casedesk.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(PrivateFormatter("%(levelname)s %(name)s: %(message)s"))
    log = logging.getLogger("tests.privacy.log")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("cannot read %s from %s", "photo.jpg", "emma@example.nl, +31 6 12345678")
        sql = "INSERT INTO customer (name) VALUES ('Emma de Vries')"  # as a database error would carry it
        try:
            raise ValueError(sql)
        except ValueError:
            log.exception("unexpected error")
    finally:
        log.removeHandler(handler)
        handler.close()
    text = path.read_text(encoding="utf-8")
    assert "photo.jpg" in text and "emma@example.nl" not in text and "12345678" not in text
    assert "Emma de Vries" not in text and "ValueError (message left out" in text
    assert "test_log.py" in text  # where it happened is still there


def test_a_record_with_a_traceback_stays_off_the_terminal():
    """Casedesk's own warnings reach the terminal; one that carries a traceback is an internal failure the handler
    cannot act on ("no proof for 4 against 2: the registration failed"): only the log keeps it."""
    import sys

    from desktop.log import for_terminal

    def record(exc_info) -> logging.LogRecord:  # noqa: ANN001
        return logging.LogRecord("desktop.media.register", logging.WARNING, __file__, 1, "no proof", (), exc_info)

    try:
        raise ValueError("x")
    except ValueError:
        failure = sys.exc_info()
    assert for_terminal(record(None)) and not for_terminal(record(failure))
