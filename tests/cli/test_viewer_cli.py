"""The command-line twins of the window's viewer and privacy dialogs: ``media exif`` and ``customer erase
--dry-run``, with their JSON."""

from __future__ import annotations

import json

from desktop.cli.main import main
from tests.gen import jpeg


def run(capsys, data, *args: str) -> tuple[int, object]:
    code = main([*args[:2], "--data-dir", str(data), *args[2:]])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip().startswith(("{", "[")) else out


def test_media_exif_lists_every_tag_with_readable_names(tmp_path, capsys):
    data = tmp_path / "lib"
    jpeg(tmp_path / "in" / "a.jpg", seed=1, taken="2024:03:14 10:12:33", make="Nikon", model="D70")
    jpeg(tmp_path / "in" / "b.jpg", seed=2)
    assert main(["import", "--data-dir", str(data), str(tmp_path / "in"), "--json"]) == 0
    capsys.readouterr()
    _, media = run(capsys, data, "media", "--json")
    by_name = {m["name"]: m["id"] for m in media}
    code, rows = run(capsys, data, "media", "exif", str(by_name["a.jpg"]), "--json")
    assert code == 0
    tags = {(r["group"], r["tag"]): r["value"] for r in rows}
    assert tags[("Image", "Make")] == "Nikon" and tags[("Image", "Model")] == "D70"
    assert tags[("Exif", "Date and time taken")] == "2024:03:14 10:12:33"
    assert not any("offset" in r["tag"].lower() and r["group"] == "Image" for r in rows)  # pointers left out
    assert run(capsys, data, "media", "exif", str(by_name["b.jpg"]), "--json") == (0, [])
    code, text = run(capsys, data, "media", "exif", str(by_name["a.jpg"]))
    assert code == 0 and "Date and time taken" in text


def test_customer_erase_dry_run_says_what_and_why_without_changing_anything(tmp_path, capsys):
    from tests.ui.conftest import SOPHIE
    from tests.ui.media import chat_zip, jpeg_bytes, picture

    data = tmp_path / "lib"
    files = {"IMG-20261116-WA0001.jpg": jpeg_bytes(picture(1, (400, 300)))}
    lines = [f"16/11/2026, 09:40 - {SOPHIE}: My kitchen flooded.",
             f"16/11/2026, 09:41 - {SOPHIE}: IMG-20261116-WA0001.jpg (file attached)"]
    assert main(["import", "--data-dir", str(data), str(chat_zip(tmp_path / "a", SOPHIE, files, lines))]) == 0
    capsys.readouterr()
    _, customers = run(capsys, data, "customers", "--json")
    cid = customers[0]["id"]
    code, preview = run(capsys, data, "customer", "erase", str(cid), "--reason", "asked", "--dry-run", "--json")
    assert code == 0
    assert preview["refused"] is True and preview["can_override"] is False
    assert "still open" in preview["reasons"][0] and preview["counts"]["messages"] == 2
    assert preview["cases"] == customers[0]["cases"]
    _, after = run(capsys, data, "customers", "--json")
    assert after == customers  # nothing erased
