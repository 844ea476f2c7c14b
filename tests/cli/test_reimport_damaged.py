"""A folder imported a second time still names, per damaged file, that it is kept but cannot be read.

The first import keeps a file it cannot read as ``other`` with the reason; imported again, the original is known and
was not probed again, so the report said nothing of it ('0 file(s); 3 already in the library', exit 0). Now the
reason it was kept with is read back from the library (no file is probed again) and reported, in the terminal and
in ``--json``; the same damaged file arriving under another name carries its reason as a flag, as the first did.
"""

from __future__ import annotations

import json

from tests.cli.test_faults import casedesk, clean_terminal, shown_name
from tests.gen import jpeg, mail_with_attachment

ALREADY = "already in the library; kept, but it cannot be read: "


def damaged_folder(src):
    jpeg(src / "good.jpg", seed=1)
    whole = jpeg(src.parent / "whole.jpg", seed=2).read_bytes()
    (src / "cut.jpg").write_bytes(whole[: len(whole) // 2])  # cut short
    (src / "notes.jpg").write_bytes(b"this is a text, not a photo\n" * 20)  # a name that lies
    cut = jpeg(src.parent / "sent.jpg", seed=3).read_bytes()
    mail_with_attachment(src / "claim.eml", cut[: len(cut) // 3], "photo.jpg",
                         content_type="image/jpeg")  # a whole e-mail, its photo cut short
    return src


def reasons(proc) -> dict[str, dict]:
    return {shown_name(r["path"]): r for r in json.loads(proc.stdout)["rejected"]}


def test_a_second_import_still_names_each_damaged_file(tmp_path):
    src = damaged_folder(tmp_path / "in")
    data = tmp_path / "lib"
    first = casedesk(data, "import", str(src), "--json")
    assert first.returncode == 1, first.stderr
    before = reasons(first)
    assert {"cut.jpg", "notes.jpg", "photo.jpg"} <= before.keys(), before
    assert all(r["kept"] for r in before.values())

    again = casedesk(data, "import", str(src), "--json")
    clean_terminal(again.stderr)
    assert again.returncode == 1, again.stderr  # done, with problems: the damaged files are still damaged
    out = json.loads(again.stdout)
    assert out["imported"] == 0 and out["already_present"] >= 4
    after = reasons(again)
    for name in ("cut.jpg", "notes.jpg", "photo.jpg"):
        assert after[name] == {**before[name], "reason": ALREADY + before[name]["reason"]}, (name, after)
    assert "good.jpg" not in after

    terminal = casedesk(data, "import", str(src))
    assert terminal.returncode == 1
    assert f"Kept, with a problem: {src} › cut.jpg: {ALREADY}truncated JPEG" in terminal.stdout, terminal.stdout
    assert f"{src} › notes.jpg: {ALREADY}not a picture: the file is text" in terminal.stdout
    assert "good.jpg" not in terminal.stdout


def test_the_same_damaged_file_under_another_name_carries_its_reason(tmp_path):
    src = damaged_folder(tmp_path / "in")
    data = tmp_path / "lib"
    assert casedesk(data, "import", str(src)).returncode == 1
    other = tmp_path / "later"
    other.mkdir()
    (other / "cut-again.jpg").write_bytes((src / "cut.jpg").read_bytes())
    proc = casedesk(data, "import", str(other), "--json")
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["imported"] == 1
    assert reasons(proc)["cut-again.jpg"]["reason"] == ALREADY + "truncated JPEG"
    items = {m["name"]: m for m in json.loads(casedesk(data, "media", "--json").stdout)}
    assert items["cut-again.jpg"]["flags"] == ["truncated JPEG"]
    assert items["cut-again.jpg"]["kind"] == "other"
