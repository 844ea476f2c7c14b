"""Screenshots of the main views, rendered offscreen, for looking at the window without a display.

    python bench/screenshots.py [--data-dir DIR] [--out DIR] [--lang nl]

Without --data-dir a demo library is built once in bench/out/screens-lib (generated media, no network).
PNG files land in bench/out/screenshots/ (git-ignored).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "screenshots")
    ap.add_argument("--lang", default="en", choices=("en", "nl"))
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_app()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(args.out / "qsettings"))
    install_translations(app, args.lang)
    lib: Library = open_library(args.data_dir or ROOT / "bench" / "out" / "screens-lib")
    if args.data_dir is None and demo_needed(lib):
        print("building the demo library…", file=sys.stderr)
        build_demo(lib)
    from desktop.ui.main_window import MainWindow

    w = MainWindow(lib=lib)
    w.resize(1440, 880)
    w.show()
    settle(app, w)
    cases = w.cases.model.cases()
    if not cases:
        shot(w, args.out, "01-empty")
        return 0
    # the case with the most duplicates shows the most; then the first case
    first = max(cases, key=lambda c: (c.set_aside, c.media)).ref
    w.cases.select(first)
    settle(app, w)
    shot(w, args.out, "01-main-media")
    w.case_view.tabs.setCurrentWidget(w.case_view.messages)
    settle(app, w)
    shot(w, args.out, "02-messages")
    w.case_view.tabs.setCurrentWidget(w.case_view.duplicates)
    settle(app, w)
    shot(w, args.out, "03-duplicates")
    w.case_view.tabs.setCurrentWidget(w.case_view.notes_tab)
    shot(w, args.out, "04-notes")
    w.case_view.tabs.setCurrentIndex(0)
    settle(app, w)
    if w.media.model.rowCount():
        w.view_row(0)
        settle(app, w)
        shot(w.viewer, args.out, "05-viewer")
        videos = [i for i, m in enumerate(w.media.model.items()) if m.kind == "video"]
        if videos:
            w.view_row(videos[0])
            settle(app, w, 3)
            shot(w.viewer, args.out, "06-viewer-video")
        w.viewer.close()
    dlg = w.export_case()
    if dlg is not None:
        settle(app, w, 1)
        shot(dlg, args.out, "07-export-dialog")
        dlg.close()
    sd = w.open_settings()
    if sd is not None:
        settle(app, w, 1)
        shot(sd, args.out, "08-settings")
        sd.close()
    w.case_list.status_filter.setCurrentIndex(1)
    w.case_list.search.setText("washing")
    settle(app, w, 3)
    shot(w, args.out, "09-search")
    w.case_list.search.clear()
    if args.data_dir is None:  # only our own demo library receives the sample import
        dlg = w.start_import([sample_inputs(ROOT / "bench" / "out" / "import-sample")])
        if dlg is not None:
            settle(app, w, 60)
            shot(dlg, args.out, "10-import-summary")
            dlg.close()
    w.close()
    lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
