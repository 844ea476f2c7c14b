"""The task runner: results on the GUI thread, progress throttled, cancel, superseded tasks dropped."""

from __future__ import annotations

import threading
import time

from desktop.core.errors import UsageError
from desktop.core.progress import Cancelled
from desktop.ui.tasks import JOBS, WRITER, QtProgress, TaskRunner


def test_results_and_errors_arrive_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 41 + 1

    def boom() -> None:
        raise UsageError("no such thing")

    runner.run(work, on_done=lambda r: seen.update(result=r, done_thread=threading.get_ident()))
    runner.run(boom, on_error=lambda e: seen.update(error=e, error_thread=threading.get_ident()))
    none_results = []
    for _ in range(50):  # None results through queued signals must not corrupt None's reference count
        runner.run(lambda: None, pool=WRITER, on_done=none_results.append)
    qtbot.waitUntil(runner.is_idle, timeout=5000)
    assert seen["result"] == 42 and seen["worker"] != gui
    assert seen["done_thread"] == gui and seen["error_thread"] == gui
    assert isinstance(seen["error"], UsageError)
    assert none_results == [None] * 50


def test_unhandled_errors_go_to_the_runner_signal(qtbot):
    runner = TaskRunner()

    def fail() -> None:
        raise ValueError("bad")

    with qtbot.waitSignal(runner.error, timeout=5000) as blocker:
        runner.run(fail, name="failing")
    error, name = blocker.args
    assert isinstance(error, ValueError) and name == "failing"


def test_cancel_stops_the_work_and_reports_cancelled(qtbot):
    runner = TaskRunner()
    steps = []

    def long(progress, cancel) -> str:  # noqa: ANN001
        for i in range(1000):
            cancel.check()
            steps.append(i)
            progress(i, 1000, f"item {i}")
            time.sleep(0.002)
        return "finished"

    results = []
    task = runner.run(long, pool=JOBS, progress=True, on_done=results.append)
    with qtbot.waitSignal(task.progress, timeout=5000):
        pass
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.cancel()
    assert results == [] and len(steps) < 1000
    qtbot.waitUntil(runner.is_idle, timeout=5000)


def test_a_newer_task_with_the_same_key_supersedes_the_older(qtbot):
    runner = TaskRunner()
    gate = threading.Event()
    got = []

    def slow() -> str:
        gate.wait(5)
        return "old"

    old = runner.run(slow, key="case-open", on_done=got.append)
    runner.run(lambda: "new", key="case-open", on_done=got.append)
    qtbot.waitUntil(lambda: got == ["new"], timeout=5000)
    gate.set()
    qtbot.waitUntil(runner.is_idle, timeout=5000)
    assert got == ["new"] and old.token.cancelled


def test_qtprogress_throttles_but_always_sends_the_end():
    sent = []
    p = QtProgress(lambda *a: sent.append(a), interval_s=10.0)
    for i in range(500):
        p(i, 500, "x")
    p(500, 500, "done")
    assert p.calls == 501
    assert sent[0][0] == 0 and sent[-1][:3] == (500, 500, "done") and len(sent) == 2


def test_cancelled_is_not_an_error(qtbot):
    runner = TaskRunner()
    errors = []
    runner.error.connect(lambda e, n: errors.append(e))

    def stop() -> None:
        raise Cancelled()

    task = runner.run(stop)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert errors == []
