"""Screenshots of the main views, rendered offscreen, for looking at the window without a display.

    python bench/screenshots.py [--data-dir DIR] [--out DIR] [--lang en|nl|both]

Without --data-dir a demo library is built once in bench/out/screens-lib (generated media, no network) and copied
for each language (the sample import lands in the copy). PNG files land in OUT/en/ and OUT/nl/ (default
bench/out/screenshots/, git-ignored): every screen of the window, the import dialog (where to, picking a case, the
summary), the split dialog, the problems panel, the empty library and the loading state.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop.services.demo import build_demo, demo_needed  # noqa: E402
from desktop.services.library import Library, open_library  # noqa: E402
from desktop.ui.app import create_app, install_translations  # noqa: E402


def settle(app: QApplication, window, seconds: float = 10.0) -> None:  # noqa: ANN001
    """Run the event loop until every task and thumbnail is done (or the time is up)."""
    end = time.monotonic() + seconds
    quiet_since = None
    while time.monotonic() < end:
        app.processEvents()
        idle = window.runner.is_idle() and window.thumbs.pending() == 0 and window.big_thumbs.pending() == 0
        if idle:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since > 0.3:
                return
        else:
            quiet_since = None
        time.sleep(0.01)


def shot(widget: QWidget, out: Path, name: str) -> Path:
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
    return path


def sample_inputs(folder: Path) -> Path:
    """Three photos and a broken file, for the import summary."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    for i, colour in enumerate(((200, 80, 60), (60, 140, 200), (90, 170, 90))):
        img = Image.new("RGB", (800, 600), colour)
        ImageDraw.Draw(img).ellipse((200 + 40 * i, 150, 600, 450), fill=(240, 240, 240))
        img.save(folder / f"IMG_20261121_10{i:02d}00.jpg", quality=85)
    (folder / "IMG_broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 truncated upload")
    return folder


def window_shots(app: QApplication, lib: Library, out: Path, sample: bool) -> None:
    """Every screen of the main window and its dialogs, in the language installed now."""
    from desktop.ui.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    w = MainWindow(lib=lib)
    w.resize(1440, 880)
    w.show()
    settle(app, w)
    cases = w.cases.model.cases()
    if not cases:
        shot(w, out, "00-empty-library")
        w.close()
        return
    # the case with the most duplicates shows the most; then the first case
    first = max(cases, key=lambda c: (c.set_aside, c.media)).ref
    w.cases.select(first)
    app.processEvents()
    shot(w, out, "00-case-loading")
    settle(app, w)
    shot(w, out, "01-main-media")
    w.resize(1900, 1000)
    settle(app, w, 2)
    shot(w, out, "01b-main-media-wide")
    w.resize(1440, 880)
    settle(app, w, 2)
    for tab, name in (("messages", "02-messages"), ("duplicates", "03-duplicates"), ("notes", "04-notes")):
        w.case.show_tab(tab)
        settle(app, w)
        shot(w, out, name)
    w.case.show_tab("media")
    settle(app, w)
    if w.media.model.rowCount():
        w.view_row(0)
        settle(app, w)
        shot(w.viewer, out, "05-viewer")
        videos = [i for i, m in enumerate(w.media.model.items()) if m.kind == "video"]
        if videos:
            w.view_row(videos[0])
            settle(app, w, 3)
            shot(w.viewer, out, "06-viewer-video")
        w.viewer.close()
    dlg = w.export_case()
    if dlg is not None:
        settle(app, w, 1)
        shot(dlg, out, "07-export-dialog")
        dlg.close()
    sd = w.open_settings()
    if sd is not None:
        settle(app, w, 1)
        shot(sd, out, "08-settings")
        sd.close()
    w.case_list.status_filter.setCurrentIndex(1)
    w.case_list.search.setText("washing")
    settle(app, w, 3)
    shot(w, out, "09-search")
    w.case_list.search.clear()
    w.case_list.status_filter.setCurrentIndex(0)
    settle(app, w, 2)
    split = w.split_by_gaps_dialog()
    if split is not None:
        split.set_hours(1)
        settle(app, w, 3)
        shot(split.view, out, "11-split-by-gaps")
        split.close()
    if sample:  # only our own demo library receives the sample import
        inputs = sample_inputs(out.parent / "import-sample")
        imp = w.start_import([inputs])
        if imp is not None:
            settle(app, w, 3)
            shot(imp.view, out, "10a-import-where")
            imp.view.search.setText(cases[0].customer or cases[0].ref)
            settle(app, w, 3)
            shot(imp.view, out, "10b-import-pick-case")
            imp.choose(None)
            imp.start()
            settle(app, w, 60)
            shot(imp.view, out, "10c-import-summary")
            imp.close()
            settle(app, w, 2)
            shot(w, out, "12-problems-panel")
        from screenshots_viewer import viewer_screens  # the viewer, compare, send on, export, rights, history

        viewer_screens(app, w, out)
    w.close()


def pdf_pages(lib: Library, out: Path, lang: str) -> None:
    """Every page type of the case file (cover, timeline, photos, duplicates appendix, audit, manifest), rendered
    with pdftoppm: the demo case with the most media, with duplicates and the audit appendix, in ``lang``."""
    import subprocess

    from desktop.report.data import ReportOptions
    from desktop.services.cases import list_cases
    from desktop.services.exporting import export_case

    cases = list_cases(lib)
    if not cases or shutil.which("pdftoppm") is None:
        return
    ref = max(cases, key=lambda c: c.media).ref
    pdf = export_case(lib, ref, out / f"case-{lang}.pdf",
                      ReportOptions(lang=lang, with_duplicates=True, with_audit=True), allow_missing=True)
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(out / "pdf-page")], check=True)
    for page in sorted(out.glob("pdf-page-*.png")):
        print(page)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "screenshots")
    ap.add_argument("--lang", default="both", choices=("en", "nl", "both"))
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_app()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(args.out / "qsettings"))
    source = args.data_dir or ROOT / "bench" / "out" / "screens-lib"
    if args.data_dir is None:
        lib = open_library(source)
        if demo_needed(lib):
            print("building the demo library…", file=sys.stderr)
            build_demo(lib)
        lib.close()
    for lang in (("en", "nl") if args.lang == "both" else (args.lang,)):
        install_translations(app, lang)
        out = args.out / lang
        work = source
        if args.data_dir is None:  # a fresh copy per language: the sample import lands in the copy
            work = args.out / f"lib-{lang}"
            shutil.rmtree(work, ignore_errors=True)
            shutil.copytree(source, work)
        lib = open_library(work)
        lib.prefs.language = lang
        try:
            window_shots(app, lib, out, sample=args.data_dir is None)
            pdf_pages(lib, out, lang)
        finally:
            lib.close()
        empty = open_library(args.out / f"empty-{lang}")
        try:
            window_shots(app, empty, out, sample=False)
        finally:
            empty.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
