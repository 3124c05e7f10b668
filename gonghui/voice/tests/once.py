"""Helpers for the tests that a state change happens once (voice and safety)."""

import threading

import pytest
from django.db import close_old_connections, connection

from gonghui.core.history import history_for
from gonghui.core.models import Notice

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time anyway")


def changes(obj, step, recipient) -> tuple[int, int]:
    """Run the step twice; return the (history rows, notices to `recipient`) the two runs added."""
    history, notices = history_for(obj).count(), Notice.objects.filter(recipient=recipient).count()
    first, second = step(), step()
    assert first.pk == second.pk
    return history_for(obj).count() - history, Notice.objects.filter(recipient=recipient).count() - notices


def at_once(n: int, step) -> list:
    """Run `step` in n threads released together, each on its own connection; return what they raised."""
    barrier, errors = threading.Barrier(n), []

    def run():
        try:
            barrier.wait()
            step()
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time anyway")
