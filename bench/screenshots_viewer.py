"""Screenshots of the viewer branch's screens: the viewer's tools (EXIF, GPS, turned), compare, send on, export with
missing originals, history, second opinions, the customer's rights, every settings tab, an edit conflict.

    python bench/screenshots_viewer.py [--lang nl] [--out DIR]

Works on a copy of the demo library of ``bench/screenshots.py`` (built when missing), so turning an item or
removing an original for the "missing" screen leaves the demo as it was. ``viewer_screens(app, w, out)`` is the
function ``bench/screenshots.py`` can call with its own window (one line, after its own screens); without
``changes=True`` it leaves out the screens that change the library (a second opinion asked, an edit conflict, an
original removed).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.screenshots import settle, shot  # noqa: E402
from desktop.services import case_edit  # noqa: E402
from desktop.services.demo import build_demo, demo_needed  # noqa: E402
from desktop.services.library import open_library  # noqa: E402
from desktop.services.opinions import ask_opinion  # noqa: E402
from desktop.ui.app import create_app, install_translations  # noqa: E402


def viewer_screens(app: QApplication, w, out: Path, changes: bool = False) -> list[Path]:  # noqa: ANN001, C901
    shots: list[Path] = []
    cases = w.cases.model.cases()
    if not cases:
        return shots
    from desktop.services.cases import list_media

    cameras = {m.case_ref for m in list_media(w.lib) if m.camera and m.kind == "image"}
    ref = max(cases, key=lambda c: (c.ref in cameras, c.media)).ref  # a case with camera originals (EXIF)
    w.cases.select(ref)
    settle(app, w)
    items = w.media.model.items()
    images = [i for i, m in enumerate(items) if m.kind == "image"]
    if images:
        with_exif = next((i for i in images if items[i].camera), images[0])
        w.view_row(with_exif)
        settle(app, w)
        v = w.viewer
        shots.append(shot(v, out, "v01-viewer-details"))
        v.side_tabs.setCurrentIndex(1)
        settle(app, w, 2)
        shots.append(shot(v, out, "v02-viewer-exif"))
        v.side_tabs.setCurrentIndex(0)
        v.rotate(90)
        settle(app, w)
        shots.append(shot(v, out, "v03-viewer-turned"))
        v.rotate(-90)
        settle(app, w)
        v.close()
    if len(images) >= 2:
        grid = w.case_view.media_tab.grid
        sel = grid.selectionModel()
        sel.clearSelection()
        from PySide6.QtCore import QItemSelectionModel

        for r in images[:2]:
            sel.select(w.media.model.index(r), QItemSelectionModel.SelectionFlag.Select)
        cw = w.extra.compare_selected()
        if cw is not None:
            cw.resize(1300, 820)
            settle(app, w)
            shots.append(shot(cw, out, "v04-compare"))
            cw.close()
    for name, open_it in (("v05-send-case-file", w.extra.send_case_file), ("v06-ask-for-photos",
                                                                           w.extra.ask_for_photos)):
        dlg = open_it()
        if dlg is not None:
            settle(app, w, 1)
            shots.append(shot(dlg, out, name))
            dlg.close()
    lib = w.lib
    if changes:
        ask_opinion(lib, ref, "bob", "Is the parquet damage older than the flood?")
    dlg = w.extra.open_opinions()
    settle(app, w, 2)
    shots.append(shot(dlg, out, "v07-second-opinions"))
    dlg.close()
    dlg = w.extra.open_history()
    settle(app, w, 2)
    shots.append(shot(dlg, out, "v08-history"))
    dlg.panel.tabs.setCurrentIndex(1)
    shots.append(shot(dlg, out, "v09-history-undo"))
    dlg.close()
    if w.extra.customer() is not None:
        dlg = w.extra.export_customer()
        settle(app, w, 1)
        shots.append(shot(dlg, out, "v10-customer-export"))
        dlg.close()
        dlg = w.extra.erase_customer()
        settle(app, w, 2)
        shots.append(shot(dlg, out, "v11-customer-erase-refused"))
        dlg.close()
    sd = w.open_settings()
    if sd is not None:
        for i in range(sd.tabs.count()):
            sd.tabs.setCurrentIndex(i)
            settle(app, w, 0.5)
            shots.append(shot(sd, out, f"v{12 + i:02d}-settings-{i + 1}"))
        sd.close()
    if not changes:
        return shots
    # an edit another desk saved first
    other = open_library(lib.paths.data_dir, handler="bob")
    try:
        case_edit.update_case(other, ref, status="waiting-for-customer")
    finally:
        other.close()
    d = w.case_view.details
    d.kind.setCurrentIndex(d.kind.findData("complaint" if w.case.bundle.case.kind != "complaint" else "claim"))
    d.kind.activated.emit(d.kind.currentIndex())
    settle(app, w, 3)
    if w.extra.conflict_box is not None:
        shots.append(shot(w.extra.conflict_box, out, "v17-edit-conflict"))
        w.extra.conflict_box.close()
    # an original gone from the store: the export stops and offers to go on
    media = [m for m in w.media.model.items() if m.sha256 and m.included and not m.set_aside]
    if media and lib.blobs.remove(media[0].sha256):
        dlg = w.export_case()
        dlg.path.setText(str(out / "missing.pdf"))
        dlg.start()
        settle(app, w, 30)
        shots.append(shot(dlg, out, "v18-export-missing"))
        dlg.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "screenshots")
    ap.add_argument("--lang", default="en", choices=("en", "nl"))
    args = ap.parse_args(argv)
    out = args.out / args.lang
    out.mkdir(parents=True, exist_ok=True)
    app = create_app()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(out / "qsettings"))
    install_translations(app, args.lang)
    demo = ROOT / "bench" / "out" / "screens-lib"
    with open_library(demo) as lib:
        if demo_needed(lib):
            print("building the demo library…", file=sys.stderr)
            build_demo(lib)
    copy = ROOT / "bench" / "out" / f"screens-viewer-lib-{args.lang}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(demo, copy)
    lib = open_library(copy)
    from desktop.ui.main_window import MainWindow

    w = MainWindow(lib=lib)
    w.resize(1440, 880)
    w.show()
    settle(app, w)
    viewer_screens(app, w, out, changes=True)
    w.close()
    lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
