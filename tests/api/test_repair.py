"""Repairs after run-time damage: one at a time, not again at once, and not ready until done."""

import threading

from api import repair
from api.holder import IndexHolder
from api.repair import Repairer
from tests.fakes import FakeAssistant, FakeEmbedder


class GatedHolder(IndexHolder):
    """Opening the index waits until the test opens the gate; every open is counted."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.gate = threading.Event()
        self.opens = 0

    def open(self):
        self.opens += 1
        assert self.gate.wait(30), "the test never opened the gate"
        return super().open()


def test_a_repair_reloads_the_index_once_and_readiness_follows(settings, monkeypatch):
    holder = GatedHolder(settings, embedder=FakeEmbedder(), assistant_factory=FakeAssistant)
    holder.gate.set()
    holder.load()
    damaged = holder.snapshot()
    holder.gate.clear()
    repairer = Repairer(holder)

    assert repairer.request("DatabaseError: file is not a database")
    assert holder.state == "building" and "DatabaseError" in holder.error
    assert holder.snapshot() is damaged, "requests keep the old pair until the new one is installed"
    assert not repairer.request("again"), "one repair at a time"
    holder.gate.set()
    assert repairer.wait(60)
    assert holder.opens == 2 and holder.snapshot() is not damaged and holder.error is None
    assert not repairer.request("soon after"), "not again within MIN_INTERVAL_S"
    monkeypatch.setattr(repair, "MIN_INTERVAL_S", 0.0)
    assert repairer.request("later") and repairer.wait(60) and holder.opens == 3


def test_a_repair_that_fails_is_reported_not_raised(settings):
    class Broken(GatedHolder):
        def open(self):
            super().open()
            raise RuntimeError("disk full")

    holder = Broken(settings, embedder=FakeEmbedder(), assistant_factory=FakeAssistant)
    holder.gate.set()
    repairer = Repairer(holder)
    assert repairer.request("damaged")
    assert not repairer.wait(60)
    assert holder.state == "failed" and "disk full" in holder.error
