"""Response times in working time for the whole case list: what does the calendar arithmetic cost?

    python bench/response_bench.py [--chats 400] [--runs 5] [--rebuild]

A library of ``--chats`` 1:1 WhatsApp exports (14 messages each, customer and organisation alternating, spread
over 2019-2026 so that eight years of public holidays are needed) is built once through the import service into
bench/out/response-lib. Then, each in a fresh process:
- raw limit: reading what ``list_cases`` reads (cases with customers, every message's time and side, the media
  counts) with the same session, without any response arithmetic;
- ``list_cases`` the first time in the process (the ``holidays`` package imported, a table per year read);
- ``list_cases`` again (medians of ``--runs``): the calendar arithmetic per case.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LIB = ROOT / "bench" / "out" / "response-lib"

MEASURE = r"""
import json, statistics, sys, time
sys.path.insert(0, sys.argv[1])
from sqlalchemy import func, select
from desktop.services.library import Library
from desktop.settings import AppPaths
from desktop.store.schema import Case, Customer, MediaItem, Message
lib = Library(AppPaths(__import__("pathlib").Path(sys.argv[2])))
runs = int(sys.argv[3])

def raw():
    with lib.db.session() as s:
        s.execute(select(Case, Customer).outerjoin(Customer, Case.customer_id == Customer.id)).all()
        s.execute(select(MediaItem.case_id, func.count()).group_by(MediaItem.case_id)).all()
        return len(s.execute(select(Message.case_id, Message.sent_at, Message.from_customer)).all())

from desktop.services.cases import list_cases
t = time.perf_counter(); raw(); raw_first = time.perf_counter() - t
t = time.perf_counter(); cases = list_cases(lib); first = time.perf_counter() - t
raws, warms = [], []
for _ in range(runs):
    t = time.perf_counter(); n = raw(); raws.append(time.perf_counter() - t)
    t = time.perf_counter(); list_cases(lib); warms.append(time.perf_counter() - t)
print(json.dumps({"cases": len(cases), "messages": n, "raw_first": raw_first, "first": first,
                  "raw": statistics.median(raws), "warm": statistics.median(warms),
                  "answered": sum(c.first_answer_minutes is not None for c in cases)}))
"""


def build(chats: int) -> None:
    from desktop.services.importing import import_paths
    from desktop.services.library import Library
    from desktop.settings import AppPaths

    shutil.rmtree(LIB, ignore_errors=True)
    src = LIB.parent / "response-src"
    shutil.rmtree(src, ignore_errors=True)
    rnd = random.Random(7)
    for i in range(chats):
        name = f"Klant {i:04d}"
        t = datetime(2019, 1, 1, 8, 0) + timedelta(hours=rnd.randrange(0, 8 * 365 * 24))
        lines = []
        for j in range(14):
            who = name if j % 2 == 0 else "Schadeservice Polder"
            lines.append(f"{t:%d-%m-%Y %H:%M} - {who}: bericht {j} over de schade")
            t += timedelta(minutes=rnd.randrange(5, 60 * 30))
        folder = src / f"c{i:04d}"
        folder.mkdir(parents=True)
        (folder / f"WhatsApp-chat met {name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Library(AppPaths(LIB)) as lib:
        report = import_paths(lib, sorted(src.iterdir()))
    assert not report.rejected, report.rejected
    shutil.rmtree(src)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chats", type=int, default=400)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args()
    if args.rebuild or not (LIB / "library.db").exists():
        build(args.chats)
    out = subprocess.run([sys.executable, "-c", MEASURE, str(ROOT), str(LIB), str(args.runs)], check=True,
                         capture_output=True, text=True)
    r = json.loads(out.stdout)
    ms = lambda v: f"{v * 1000:.0f} ms"  # noqa: E731
    print(f"{r['cases']} cases, {r['messages']} messages, {r['answered']} with a first answer")
    print(f"raw read, first in process  {ms(r['raw_first'])}")
    print(f"list_cases, first           {ms(r['first'])}   (holidays imported, one table per year)")
    print(f"raw read, warm (median)     {ms(r['raw'])}")
    print(f"list_cases, warm (median)   {ms(r['warm'])}   ({r['warm'] / r['raw']:.1f}x the raw read; "
          f"{(r['warm'] - r['raw']) / max(1, r['cases']) * 1e6:.0f} µs of arithmetic per case)")


if __name__ == "__main__":
    main()
