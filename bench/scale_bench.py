"""A library of 100,000 media items in 10,000 cases: how fast are the everyday reads, an import, verify, the window?

    python bench/scale_bench.py [--items 100000] [--cases 10000] [--rebuild] [--skip-window]

Building (once, into bench/out/scale-lib, git-ignored; a few minutes):

1. 200 small generated photos (320x240, shapes, EXIF capture times) are imported through the import service
   into a template library: real probes, fingerprints, thumbnails and rows.
2. The big library is filled through the store's schema in bulk (SQLAlchemy Core, one transaction per table):
   6,000 customers, 10,000 cases (sizes spread like real claims: most 2-20 items, a few hundred for the largest,
   which has 1,000), a source per case, messages for the chat and e-mail cases (each chat or e-mail file rides
   on a message, plus text messages both ways: ~150,000), and 100,000 media items. Each item's original is a
   template photo with a unique trailer after its end-of-image marker (still a valid JPEG), stored under its own
   SHA-256, so ``verify`` re-hashes 100,000 real files; its blob row copies the template's probed facts. The
   thumbnails are hard links to the template's.

Measured, each the best of three unless said (the machine is shared), in this process unless said:
case list (``list_cases``: the first call of the process; one after emptying the response times kept per case,
so it measures every case again and keeps them; the best of three), search (the window's: the search index,
then a match; and ``search_cases``), opening the largest case (``open_case``), importing 10 more photos (a fresh
process: ``casedesk import``), ``casedesk verify`` (a fresh process: wall time and peak RSS, next to its peak on
a tenth of the library), and the window's start (bench/ui_bench.py's start-up script: process start to a filled
case list).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
LIB = OUT / "scale-lib"
TEMPLATE = OUT / "scale-template"
WORDS = ("lekkage", "waterschade", "keuken", "badkamer", "plafond", "schimmel", "storm", "dakpan", "ruit",
         "inbraak", "diefstal", "fiets", "auto", "deuk", "kras", "brand", "rook", "vloer", "parket", "tegels",
         "expertise", "offerte", "factuur", "foto", "video", "schade", "melding", "polis", "dekking", "eigen risico")
FIRST = ("Sophie", "Daan", "Emma", "Lucas", "Julia", "Sem", "Tess", "Finn", "Anna", "Noah", "Eva", "Levi", "Sara",
         "Milan", "Lotte", "Jesse", "Fleur", "Bram", "Noor", "Thijs")
LAST = ("Bakker", "Visser", "de Vries", "Jansen", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos",
        "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf")
PEAK = """
import resource, subprocess, sys, time
t = time.perf_counter()
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, proc.returncode)
"""


# building -------------------------------------------------------------------------------------------------------
def template_photos(n: int) -> list[Path]:
    from PIL import Image, ImageDraw

    src = TEMPLATE / "photos"
    src.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(7)
    out = []
    for i in range(n):
        p = src / f"IMG_{i:04d}.jpg"
        out.append(p)
        if p.exists():
            continue
        img = Image.new("RGB", (320, 240), tuple(rnd.randrange(256) for _ in range(3)))
        d = ImageDraw.Draw(img)
        for _ in range(8):
            x, y = rnd.randrange(320), rnd.randrange(240)
            d.ellipse((x, y, x + rnd.randrange(20, 160), y + rnd.randrange(20, 120)),
                      fill=tuple(rnd.randrange(256) for _ in range(3)))
        exif = Image.Exif()
        exif.get_ifd(0x8769)[0x9003] = f"2026:0{1 + i % 9}:1{i % 9} {8 + i % 10:02d}:{i % 60:02d}:00"
        img.save(p, "JPEG", quality=80, exif=exif.tobytes())
    return out


def case_sizes(items: int, cases: int, rnd: random.Random) -> list[int]:
    """Sizes like real claims: log-normal around 6, the largest 1,000; summing to ``items``."""
    raw = [max(1.0, min(400.0, rnd.lognormvariate(1.8, 0.9))) for _ in range(cases)]
    raw[0] = 1000.0
    scale = (items - 1000) / sum(raw[1:])
    sizes = [1000] + [max(1, round(r * scale)) for r in raw[1:]]
    diff = items - sum(sizes)
    i = 1
    while diff:
        step = 1 if diff > 0 else -1
        if sizes[i] + step >= 1:
            sizes[i] += step
            diff -= step
        i = i % (cases - 1) + 1
    return sizes


def build(items: int, cases: int) -> None:
    from sqlalchemy import insert, select

    from desktop.services.importing import import_paths
    from desktop.services.library import open_library
    from desktop.store.schema import Blob, Case, Customer, MediaItem, Message, Source

    t0 = time.perf_counter()
    photos = template_photos(200)
    shutil.rmtree(TEMPLATE / "lib", ignore_errors=True)
    with open_library(TEMPLATE / "lib") as tlib:
        import_paths(tlib, [TEMPLATE / "photos"], case_ref="TEMPLATE")
        with tlib.db.engine.connect() as conn:
            blob_rows = [dict(r._mapping) for r in conn.execute(select(Blob).order_by(Blob.sha256))]
        sha_to_file = {}
        for p in photos:
            sha_to_file[hashlib.sha256(p.read_bytes()).hexdigest()] = p
        thumbs = {r["sha256"]: tlib.thumb_path(r["sha256"]) for r in blob_rows}
    print(f"template: {len(blob_rows)} originals imported in {time.perf_counter() - t0:.1f} s", file=sys.stderr)

    shutil.rmtree(LIB, ignore_errors=True)
    rnd = random.Random(11)
    lib = open_library(LIB)
    now = datetime(2026, 11, 30, 17, 0)
    customers = []
    for i in range(6000):
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        customers.append({"id": i + 1, "name": name, "phone": f"+3161{i:07d}", "email": f"klant{i}@example.nl",
                          "created_at": now - timedelta(days=400)})
    sizes = case_sizes(items, cases, rnd)
    case_rows, source_rows, message_rows, media_rows, new_blobs = [], [], [], [], []
    msg_id = item_id = 0
    t = time.perf_counter()
    originals = lib.paths.originals
    for c in range(cases):
        cid = c + 1
        kind = ("whatsapp", "email", "files")[c % 3]
        opened = now - timedelta(days=rnd.uniform(0, 365), minutes=rnd.randrange(600))
        status = rnd.choice(("new", "in-progress", "waiting", "closed", "closed", "closed"))
        customer = rnd.randrange(1, 6001) if kind != "files" or c % 2 else None
        case_rows.append({"id": cid, "ref": f"C-2026-{cid:05d}", "title": f"{rnd.choice(WORDS).capitalize()} "
                          f"{rnd.choice(WORDS)} {cid}", "kind": "claim", "status": status, "customer_id": customer,
                          "opened_at": opened, "policy_ref": f"POL-{rnd.randrange(10**6):06d}",
                          "closed_at": opened + timedelta(days=20) if status == "closed" else None,
                          "answered_at": None, "incident_date": None, "handler": None})
        source_rows.append({"id": cid, "kind": kind, "path": f"/import/{cid}", "chat_key": None, "imported_at": opened})
        sent = opened
        for k in range(sizes[c]):
            sent += timedelta(minutes=rnd.randrange(1, 90))
            message = None
            if kind != "files":
                msg_id += 1
                message = msg_id
                message_rows.append({"id": msg_id, "case_id": cid, "source_id": cid, "customer_id": customer,
                                     "sent_at": sent, "sender": customers[(customer or 1) - 1]["name"],
                                     "from_customer": True, "kind": "attachment", "subject": None,
                                     "text": "", "match_key": f"{msg_id:064x}", "external_id": None})
                if k % 3 == 0:
                    for from_customer in (True, False):
                        msg_id += 1
                        sent += timedelta(minutes=rnd.randrange(1, 600))
                        text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(4, 20)))
                        message_rows.append({"id": msg_id, "case_id": cid, "source_id": cid,
                                             "customer_id": customer, "sent_at": sent,
                                             "sender": "Schadeafdeling" if not from_customer else
                                             customers[(customer or 1) - 1]["name"],
                                             "from_customer": from_customer, "kind": "text",
                                             "subject": "Schade" if kind == "email" else None, "text": text,
                                             "match_key": f"{msg_id:064x}", "external_id": None})
            item_id += 1
            tpl = blob_rows[item_id % len(blob_rows)]
            content = sha_to_file[tpl["sha256"]].read_bytes() + b"casedesk-scale-" + str(item_id).encode()
            sha = hashlib.sha256(content).hexdigest()
            target = originals / sha[:2] / sha
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(content)
            thumb = lib.thumb_path(sha)
            thumb.parent.mkdir(parents=True, exist_ok=True)
            if not thumb.exists():
                os.link(thumbs[tpl["sha256"]], thumb)
            new_blobs.append({**tpl, "sha256": sha, "size": len(content), "stored_at": sent})
            media_rows.append({"id": item_id, "case_id": cid, "blob_sha256": sha, "source_id": cid,
                               "message_id": message, "customer_id": customer, "name": f"IMG_{item_id:06d}.jpg",
                               "received_at": sent if message else None, "sender": None, "file_mtime": sent,
                               "taken_at": sent, "taken_at_source": "exif", "taken_date_only": False,
                               "included": True, "caption": None, "duplicate_of_id": None, "duplicate_kind": None,
                               "set_aside": False, "added_at": sent})
    print(f"{item_id} originals written in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    t = time.perf_counter()
    with lib.db.engine.begin() as conn:
        for table, rows in ((Customer, customers), (Case, case_rows), (Source, source_rows),
                            (Blob, new_blobs), (Message, message_rows), (MediaItem, media_rows)):
            for i in range(0, len(rows), 5000):
                conn.execute(insert(table), rows[i:i + 5000])
    lib.close()
    print(f"rows: {len(case_rows)} cases, {len(message_rows)} messages, {len(media_rows)} items in "
          f"{time.perf_counter() - t:.1f} s; whole build {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    (LIB / "scale.json").write_text(json.dumps({"items": items, "cases": cases, "messages": len(message_rows),
                                                "largest": case_rows[0]["ref"]}))


# measuring ------------------------------------------------------------------------------------------------------
def best(fn, runs: int = 3) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def fresh(*args: str) -> tuple[float, float, int]:
    """(wall s, peak RSS MB, exit code) of ``casedesk ARGS`` in a fresh process."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run([sys.executable, "-c", PEAK, sys.executable, "-m", "desktop", *args], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def measure(skip_window: bool) -> dict:
    from desktop.services.cases import list_cases, open_case, search_index
    from desktop.services.library import open_library

    info = json.loads((LIB / "scale.json").read_text())
    res: dict = {"library": info}
    with open_library(LIB) as lib:
        t = time.perf_counter()
        cases = list_cases(lib)
        res["case_list_first_s"] = round(time.perf_counter() - t, 3)  # with what earlier lists kept, if any
        forget_kept_response_times(lib)
        t = time.perf_counter()
        list_cases(lib)  # measures every case's response times and keeps them
        res["case_list_nothing_kept_s"] = round(time.perf_counter() - t, 3)
        res["case_list_s"] = round(best(lambda: list_cases(lib)), 3)
        assert len(cases) >= info["cases"]
        needle = "schimmel plafond"

        def window_search() -> None:
            index = search_index(lib)
            {ref for ref, hay in index.items() if needle in hay}

        res["search_window_index_s"] = round(best(window_search), 3)
        try:
            from desktop.services.cases import search_cases
        except ImportError:
            search_cases = None
        if search_cases is not None:
            res["search_cases_s"] = round(best(lambda: search_cases(lib, needle)), 3)
            res["search_hits"] = len(search_cases(lib, needle))
        res["open_largest_case_s"] = round(best(lambda: open_case(lib, info["largest"])), 3)
        res["largest_case_items"] = len(open_case(lib, info["largest"]).media)
    new = OUT / "scale-new"
    shutil.rmtree(new, ignore_errors=True)
    from tests.gen import jpeg

    run = int(time.time())  # new photos each run: the import stores them, it does not find them present
    for i in range(10):
        jpeg(new / f"IMG_20261130_1000{i}.jpg", seed=run * 10 + i, size=(1600, 1200),
             taken=f"2026:11:30 10:0{i}:00")
    wall, peak, rc = fresh("--data-dir", str(LIB), "import", str(new))
    res["import_10_photos_s"], res["import_10_photos_peak_mb"] = round(wall, 2), round(peak)
    assert rc == 0, rc
    wall, peak, rc = fresh("--data-dir", str(LIB), "verify")
    res["verify_s"], res["verify_peak_mb"] = round(wall, 1), round(peak)
    res["cases_json_cli_s"] = round(min(fresh("--data-dir", str(LIB), "cases", "--json")[0] for _ in range(3)), 2)
    if not skip_window:
        from bench.ui_bench import STARTUP_SCRIPT

        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
        ready = []
        for _ in range(3):
            out = subprocess.run([sys.executable, "-c", STARTUP_SCRIPT, str(LIB)], env=env, cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout.split()
            ready.append(float(out[1]))
        res["window_usable_s"] = round(min(ready), 2)
    res["load"] = round(os.getloadavg()[0], 1)
    return res


def forget_kept_response_times(lib) -> None:  # noqa: ANN001
    """Empty the case list's kept response times (``case_response``): the next list measures every case."""
    from sqlalchemy import text

    with lib.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM case_response"))


def case_list_cpu(runs: int = 7) -> dict:
    """CPU seconds of ``list_cases`` (best of ``runs``): as it runs (the response times kept per case), measuring
    every case's response times (a policy without fingerprint: nothing kept or read), and without any response
    times (measuring and reading kept ones stubbed out). On a loaded machine CPU time moves much less than wall
    time."""
    from dataclasses import replace

    import desktop.services.cases as cases_service
    from desktop.services.cases import list_cases
    from desktop.services.library import open_library
    from desktop.store import response_cache

    def best_cpu(fn) -> float:  # noqa: ANN001
        times = []
        for _ in range(runs):
            t = time.process_time()
            fn()
            times.append(time.process_time() - t)
        return round(min(times), 3)

    with open_library(LIB) as lib:
        list_cases(lib)
        res = {"case_list_cpu_s": best_cpu(lambda: list_cases(lib))}
        norm = cases_service._norm
        cases_service._norm = lambda lib: replace(norm(lib), fingerprint="")  # type: ignore[assignment]
        try:
            res["case_list_cpu_measuring_every_case_s"] = best_cpu(lambda: list_cases(lib))
        finally:
            cases_service._norm = norm  # type: ignore[assignment]
        measure, decode = response_cache.measure, response_cache.decode
        response_cache.measure = lambda policy, timed: response_cache.NOTHING  # type: ignore[assignment]
        response_cache.decode = lambda text, policy: response_cache.NOTHING  # type: ignore[assignment]
        try:
            res["case_list_cpu_without_response_times_s"] = best_cpu(lambda: list_cases(lib))
        finally:
            response_cache.measure, response_cache.decode = measure, decode  # type: ignore[assignment]
            forget_kept_response_times(lib)  # in case the stub's nothing was kept
        list_cases(lib)
    res["load"] = round(os.getloadavg()[0], 1)
    return res


def small_verify_peak() -> float:
    """Peak RSS of verify on the template library (200 originals), for comparison."""
    return fresh("--data-dir", str(TEMPLATE / "lib"), "verify")[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--skip-window", action="store_true")
    ap.add_argument("--case-list-cpu", action="store_true", help="only the case list's CPU time (best of 7)")
    ap.add_argument("--lib", type=Path, help="measure this copy of the built library instead (e.g. for another "
                                             "version of Casedesk: run this script with its checkout on PYTHONPATH)")
    args = ap.parse_args(argv)
    if args.lib:
        global LIB
        LIB = args.lib
    elif args.rebuild or not (LIB / "scale.json").exists():
        build(args.items, args.cases)
    if args.case_list_cpu:
        print(json.dumps(case_list_cpu(), indent=2))
        return 0
    res = measure(args.skip_window)
    res["verify_peak_mb_200_originals"] = round(small_verify_peak())
    print(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
