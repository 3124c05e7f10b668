"""demo-serve's supervisor: a child that dies comes back, and never takes the others with it."""

from __future__ import annotations

import io
import sys
import threading
import time

import pytest

from gonghui.portal.supervision import Supervisor

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]
CRASHER = [sys.executable, "-c", "import sys; sys.exit(3)"]


@pytest.fixture
def running():
    started: list[Supervisor] = []

    def start(children, **options) -> Supervisor:
        supervisor = Supervisor(children, first_pause=0.1, longest_pause=0.4, poll=0.05, log=io.StringIO(), **options)
        threading.Thread(target=supervisor.run, daemon=True).start()
        started.append(supervisor)
        return supervisor

    yield start
    for supervisor in started:
        supervisor.stop()
    time.sleep(0.3)


def wait_for(condition, timeout=15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_crashing_child_is_restarted_and_the_scanner_keeps_its_process(running):
    supervisor = running([("scan", SLEEPER), ("web", CRASHER)])
    scan, web = supervisor.children
    wait_for(lambda: scan.process is not None)
    scanner_pid = scan.process.pid
    wait_for(lambda: web.starts >= 4)
    assert set(web.exits) == {3}
    assert scan.process.pid == scanner_pid and scan.process.poll() is None and scan.starts == 1
    assert "web exited with 3" in supervisor.log.getvalue()


def test_a_killed_child_comes_back_alone(running):
    supervisor = running([("scan", SLEEPER), ("worker", SLEEPER)])
    scan, worker = supervisor.children
    wait_for(lambda: worker.process is not None and scan.process is not None)
    first_worker, scanner = worker.process, scan.process
    first_worker.kill()
    wait_for(lambda: worker.starts == 2 and worker.process is not None)
    assert worker.process.pid != first_worker.pid
    assert scan.process is scanner and scanner.poll() is None


def test_a_child_that_finishes_cleanly_is_left_finished(running):
    supervisor = running([("simulate", [sys.executable, "-c", "pass"])])
    (simulate,) = supervisor.children
    wait_for(lambda: simulate.exits == [0])
    time.sleep(0.3)
    assert simulate.starts == 1 and simulate.process is None


def test_pauses_double_with_quick_deaths_up_to_the_cap():
    supervisor = Supervisor([], first_pause=1, longest_pause=30)
    assert [supervisor.pause_after(n) for n in (1, 2, 3, 4, 5, 6, 7)] == [1, 2, 4, 8, 16, 30, 30]


def test_stop_ends_every_child(running):
    supervisor = running([("scan", SLEEPER), ("notify", SLEEPER)])
    wait_for(lambda: all(c.process is not None for c in supervisor.children))
    processes = [c.process for c in supervisor.children]
    supervisor.stop()
    wait_for(lambda: all(p.poll() is not None for p in processes))
