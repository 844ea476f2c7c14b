"""How fast the window is: start-up to a usable window, and opening a case with 5,000 photos.

    python bench/ui_bench.py [--items 5000] [--rebuild]

The first run builds bench/out/ui-lib (git-ignored): small generated JPEGs imported once into one case.
Measured, offscreen:
- start-up: a fresh process runs ``python -m desktop --data-dir …``'s window path (QApplication, translations,
  MainWindow shown, library opened in a worker, case list filled); time from process start.
- open case: click-to-page for the 5,000-item case (query in a worker, model reset, grid laid out), then the
  first screen of thumbnails, then a scroll from top to bottom while the GUI thread's longest stall is measured.
Aims: start-up < 1.5 s, opening the case < 1 s, no GUI stall longer than one frame or two (~33 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
LIB = OUT / "ui-lib"
REF = "BENCH-5000"

STARTUP_SCRIPT = r"""
import sys, time
t0 = time.perf_counter()
import os
from desktop.ui.app import create_app, install_translations, choose_language, open_library_async, library_paths
app = create_app()
install_translations(app, "en")
from desktop.ui.main_window import MainWindow
w = MainWindow()
w.show()
app.processEvents()
t_shown = time.perf_counter()
open_library_async(w, library_paths(sys.argv[1]), None)
while not (w.lib is not None and w.cases.model.rowCount() > 0):
    app.processEvents()
    time.sleep(0.001)
t_ready = time.perf_counter()
print(f"{t_shown - t0:.3f} {t_ready - t0:.3f}")
w.close()
os._exit(0)
"""


def build(items: int) -> None:
    from PIL import Image, ImageDraw

    from desktop.services.importing import import_paths
    from desktop.services.library import open_library

    src = OUT / "ui-src"
    src.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(5)
    t = time.perf_counter()
    for i in range(items):
        p = src / f"IMG_{i:05d}.jpg"
        if p.exists():
            continue
        img = Image.new("RGB", (480, 360), tuple(rnd.randrange(256) for _ in range(3)))
        d = ImageDraw.Draw(img)
        for _ in range(6):
            x, y = rnd.randrange(480), rnd.randrange(360)
            d.ellipse((x, y, x + rnd.randrange(40, 200), y + rnd.randrange(40, 200)),
                      fill=tuple(rnd.randrange(256) for _ in range(3)))
        exif = Image.Exif()
        exif.get_ifd(0x8769)[0x9003] = f"2026:11:10 {8 + i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}"
        img.save(p, "JPEG", quality=80, exif=exif.tobytes())
    print(f"generated {items} JPEGs in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    t = time.perf_counter()
    with open_library(LIB) as lib:
        report = import_paths(lib, [src], case_ref=REF)
    print(f"imported {report.imported} in {time.perf_counter() - t:.1f} s", file=sys.stderr)


def startup(runs: int = 3) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    shown, ready, wall = [], [], []
    for _ in range(runs):
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", STARTUP_SCRIPT, str(LIB)], env=env, cwd=ROOT,
                             capture_output=True, text=True, check=True)
        wall.append(time.perf_counter() - t)
        a, b = out.stdout.split()
        shown.append(float(a))
        ready.append(float(b))
    return {"window_shown_s": min(shown), "case_list_ready_s": min(ready), "process_wall_s": min(wall)}


def open_case() -> dict:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.services.library import open_library
    from desktop.ui.app import create_app, install_translations
    from desktop.ui.main_window import MainWindow
    from desktop.ui.models.media_grid_model import THUMB_ROLE

    app = create_app()
    install_translations(app, "en")
    lib = open_library(LIB)
    w = MainWindow(lib=lib)
    w.resize(1440, 900)
    w.show()

    def pump_until(cond, timeout: float = 60.0) -> float:  # noqa: ANN001
        t = time.perf_counter()
        while not cond():
            QApplication.processEvents()
            time.sleep(0.0005)
            if time.perf_counter() - t > timeout:
                raise TimeoutError
        return time.perf_counter() - t

    pump_until(lambda: w.cases.model.rowCount() > 0)
    grid = w.case_view.media_tab.grid
    results = {}
    for attempt in ("cold", "warm"):
        if attempt == "warm":  # leave and come back: the query runs again, thumbnails are in memory
            w.case.open("")
            w.case_list.table.selectionModel().clearCurrentIndex()
            w.cases._selected_ref = ""
        t0 = time.perf_counter()
        w.cases.select(REF)
        pump_until(lambda: w.case.bundle is not None and w.case.ref == REF and w.media.model.rowCount() > 0)
        QApplication.processEvents()
        t_open = time.perf_counter() - t0
        bundle_s = w.case.bundle.seconds

        def visible_loaded() -> bool:
            first = grid.indexAt(grid.viewport().rect().topLeft() + grid.rect().topLeft())
            rows = range(max(0, first.row()), min(w.media.model.rowCount(), max(0, first.row()) + 20))
            return all(w.media.model.index(r).data(THUMB_ROLE) is not None for r in rows)

        t_thumbs = pump_until(visible_loaded) + t_open
        results[attempt] = {"open_case_s": round(t_open, 3), "query_in_worker_s": round(bundle_s, 3),
                            "first_screen_thumbnails_s": round(t_thumbs, 3)}
    # scroll through everything; measure the longest gap between 5 ms timer ticks on the GUI thread
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    bar = grid.verticalScrollBar()
    steps = 120
    t = time.perf_counter()
    for i in range(steps + 1):
        bar.setValue(int(bar.maximum() * i / steps))
        end = time.perf_counter() + 1 / 60
        while time.perf_counter() < end:
            QApplication.processEvents()
    scroll_s = time.perf_counter() - t
    pump_until(lambda: w.thumbs.pending() == 0, 60)
    timer.stop()
    gaps.sort()
    results["scroll"] = {"items": w.media.model.rowCount(), "scroll_s": round(scroll_s, 2),
                         "max_gui_stall_ms": round(gaps[-1], 1), "p99_gui_stall_ms": round(gaps[int(len(gaps) * .99)], 1),
                         "thumbnails_in_memory": len(w.thumbs._mem)}
    w.close()
    lib.close()
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=5000)
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args(argv)
    if args.rebuild and LIB.exists():
        import shutil

        shutil.rmtree(LIB)
    if not (LIB / "library.db").exists():
        build(args.items)
    result = {"startup": startup(), "open_case": open_case()}
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
