"""The command line of issue 12: one case per import, ``undo``/``redo``/``history``, ``case split-gaps``,
``media rotate``, ``send``/``ask-photos`` and the export's language, with their JSON."""

from __future__ import annotations

import email
import json
from email import policy

import pytest
from pypdf import PdfReader

from desktop.cli.main import main
from desktop.services.library import Library
from desktop.settings import AppPaths
from tests.cli.test_cli import casedesk
from tests.cli.test_startup import blocked
from tests.gen import jpeg
from tests.services.undo_world import ACTIONS, assert_back, build, copy, state


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    root = tmp_path_factory.mktemp("undo-cli")
    return root, build(root)


def run(capsys, data, *args: str) -> tuple[int, object]:
    code = main(["--handler", "Anna", *args[:1], "--data-dir", str(data), *args[1:]])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip().startswith(("{", "[")) else out


@pytest.mark.parametrize("kind", list(ACTIONS))
def test_casedesk_undo_json_undoes_each_kind(template, tmp_path, capsys, kind):
    root, w = template
    data = copy(root, tmp_path)
    w = type(w)(w.kitchen, w.garden, w.chat, w.note, root / "later")
    with Library(AppPaths(data), handler="Anna") as lib:
        before = state(lib)
        ACTIONS[kind](lib, w)
    code, out = run(capsys, data, "undo", "--json")
    assert code == 0 and out["undone"]["kind"] == kind and out["undone"]["undone_by"] == "Anna"
    assert out["undone"]["label"] == out["undone"]["labels"]["en"] != out["undone"]["labels"]["nl"]
    with Library(AppPaths(data)) as lib:
        assert_back(before, state(lib))
    code, out = run(capsys, data, "redo", "--json")
    assert code == 0 and out["redone"]["kind"] == kind and not out["redone"]["undone"]


def test_import_history_undo_redo_split_rotate_as_a_user_runs_them(tmp_path):
    data = tmp_path / "lib"
    src = tmp_path / "Kitchen flood"
    for i in range(4):
        jpeg(src / f"p{i}.jpg", seed=i, taken=f"2024:03:{14 + 4 * (i // 2)} 10:0{i}:00")
    imported = json.loads(casedesk("import", str(src), "--json", data_dir=data, check=True).stdout)
    (ref,) = imported["cases"]
    assert imported["undo_id"] == 1
    cases = json.loads(casedesk("cases", "--json", data_dir=data, check=True).stdout)
    assert [(c["title"], c["media"]) for c in cases] == [("Kitchen flood", 4)]

    dry = json.loads(casedesk("case", "split-gaps", ref, "--hours", "24", "--dry-run", "--json", data_dir=data,
                              check=True).stdout)
    assert [(p["stays"], p["media"], p["case"]) for p in dry["parts"]] == [(True, 2, ref), (False, 2, None)]
    assert dry["parts"][1]["title"] == "Photos 18 March 2024"
    split = json.loads(casedesk("case", "split-gaps", ref, "--hours", "24", "--json", data_dir=data,
                                check=True).stdout)
    new_ref = split["parts"][1]["case"]
    assert new_ref and new_ref != ref

    media = json.loads(casedesk("media", "--case", ref, "--json", data_dir=data, check=True).stdout)
    assert {m["rotation"] for m in media} == {0}
    turned = json.loads(casedesk("media", "rotate", str(media[0]["id"]), "--degrees", "270", "--json",
                                 data_dir=data, check=True).stdout)
    assert turned["rotation"] == 270 and turned["id"] == media[0]["id"]

    history = json.loads(casedesk("history", "--json", data_dir=data, check=True).stdout)
    assert [h["label"] for h in history] == [f"Rotate {media[0]['name']} to 270°",
                                             f"Split {ref} by time gaps into 1 new case",
                                             f"Import of 4 files into {ref}"]
    assert [h["undone"] for h in history] == [False] * 3
    assert json.loads(casedesk("undo", "--list", "--json", data_dir=data, check=True).stdout) == history

    for expected in ("rotate", "split-gaps"):
        assert json.loads(casedesk("undo", "--json", data_dir=data, check=True).stdout)["undone"]["kind"] == expected
    cases = {c["ref"]: c for c in json.loads(casedesk("cases", "--json", data_dir=data, check=True).stdout)}
    assert cases[ref]["media"] == 4 and (cases[new_ref]["media"], cases[new_ref]["status"]) == (0, "closed")
    again = json.loads(casedesk("redo", "--json", data_dir=data, check=True).stdout)
    assert again["redone"]["kind"] == "split-gaps"
    undone = casedesk("undo", "--id", "1", "--json", data_dir=data)  # the import: the split came after it
    assert undone.returncode == 2 and "undo that first" in json.loads(undone.stdout)["refused"]
    other = casedesk("--handler", "Bram", "undo", "--json", data_dir=data)
    assert other.returncode == 2 and json.loads(other.stdout) == {"undone": None,
                                                                 "refused": "nothing to undo for Bram"}
    assert "Traceback" not in undone.stderr + other.stderr


def test_send_and_ask_photos_drafts_parse_back(template, tmp_path):
    root, w = template
    data = copy(root, tmp_path)
    sent = json.loads(casedesk("send", w.kitchen, "-o", str(tmp_path / "case.eml"), "--to", "claims@insurer.example",
                               "--lang", "nl", "--json", data_dir=data, check=True).stdout)
    assert sent["to"] == "claims@insurer.example" and sent["attachments"] == [f"{w.kitchen}.pdf"]
    msg = email.message_from_bytes((tmp_path / "case.eml").read_bytes(), policy=policy.default)
    assert msg["X-Unsent"] == "1" and msg["To"] == "claims@insurer.example"
    assert msg["Subject"] == f"Dossier {w.kitchen}: Kitchen"
    (pdf,) = list(msg.iter_attachments())
    assert pdf.get_content_type() == "application/pdf" and pdf.get_filename() == f"{w.kitchen}.pdf"
    (tmp_path / "case.pdf").write_bytes(pdf.get_content())
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "case.pdf").pages)
    assert w.kitchen in text and "Dossier" in text
    assert "Bijgaand het dossier" in msg.get_body(("plain",)).get_content()

    no_address = casedesk("ask-photos", w.kitchen, "-o", str(tmp_path / "ask.eml"), data_dir=data)
    assert no_address.returncode == 2 and "no e-mail address" in no_address.stderr
    asked = json.loads(casedesk("ask-photos", w.chat, "-o", str(tmp_path / "ask.eml"), "--to", "sophie@example.nl",
                                "--json", data_dir=data, check=True).stdout)
    ask = email.message_from_bytes((tmp_path / "ask.eml").read_bytes(), policy=policy.default)
    assert asked["to"] == ask["To"] == "sophie@example.nl" and ask["X-Unsent"] == "1"
    assert w.chat in ask["Subject"] and not list(ask.iter_attachments())
    body = ask.get_body(("plain",)).get_content()
    assert body.startswith("Dear Sophie Bakker,") and "more photos" in body and "close-ups" in body


def test_export_follows_the_handler_language(template, tmp_path):
    root, w = template
    data = copy(root, tmp_path)
    (data / "preferences.json").write_text(json.dumps({"language": "nl"}))
    out = json.loads(casedesk("export", w.kitchen, "-o", str(tmp_path / "k.pdf"), "--no-pdfa", "--json",
                              data_dir=data, check=True).stdout)
    assert out["lang"] == "nl"
    first = PdfReader(tmp_path / "k.pdf").pages[0].extract_text()
    assert "Zaaknummer" in first and "Case reference" not in first
    out = json.loads(casedesk("export", w.kitchen, "-o", str(tmp_path / "e.pdf"), "--lang", "en", "--no-pdfa",
                              "--json", data_dir=data, check=True).stdout)
    assert out["lang"] == "en" and "Case reference" in PdfReader(tmp_path / "e.pdf").pages[0].extract_text()


def test_history_and_undo_of_a_field_load_no_heavy_module(template, tmp_path):
    root, w = template
    data = copy(root, tmp_path)
    with Library(AppPaths(data), handler="Anna") as lib:
        ACTIONS["case-status"](lib, w)
    history = blocked("--handler", "Anna", "--data-dir", str(data), "history", "--json")
    assert history.returncode == 0 and json.loads(history.stdout)[0]["kind"] == "case-status", history.stderr
    assert history.stderr.splitlines()[-1] == "TRIED ", history.stderr
    undone = blocked("--handler", "Anna", "--data-dir", str(data), "undo", "--json")
    assert undone.returncode == 0 and json.loads(undone.stdout)["undone"]["kind"] == "case-status", undone.stderr
    assert undone.stderr.splitlines()[-1] == "TRIED ", undone.stderr
