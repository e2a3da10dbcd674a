"""Timing and memory helpers for the benchmark scripts (evals/bench.py, evals/scale.py).

Peak memory is the kernel's high-water resident set size: for a child, its own `VmHWM`, sampled
from /proc while it runs (so children never blur into each other or into their parent); for this
process, `getrusage(RUSAGE_SELF)`.
"""

import os
import resource
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assistant.evaluation.metrics import percentile


@dataclass(frozen=True)
class Measured:
    """One finished child process: wall time, peak memory, exit code and output."""

    wall_s: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


@dataclass(frozen=True)
class Latency:
    n: int
    p50_ms: float | None
    p95_ms: float | None

    @classmethod
    def of(cls, samples_ms: Sequence[float]) -> "Latency":
        return cls(len(samples_ms), percentile(samples_ms, 50), percentile(samples_ms, 95))


def _high_water_mb(pid: int) -> float:
    """The process's own peak RSS (VmHWM), 0 once it has exited.

    Not `wait4`'s ru_maxrss: Linux carries the parent's RSS at fork into the child's maxrss across
    exec, so a child of a large pytest or bench process would report the parent's memory.
    """
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_measured(command: Sequence[str], env: Mapping[str, str] | None = None, cwd: str | None = None,
                 poll_s: float = 0.005) -> Measured:
    """Run `command` to completion; its own wall time and peak RSS (sampled every `poll_s`)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(list(command), env=dict(env) if env is not None else None, cwd=cwd,
                                   stdout=out, stderr=err, text=True)
        peak = _high_water_mb(process.pid)
        while True:
            pid, status = os.waitpid(process.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, _high_water_mb(process.pid))
            time.sleep(poll_s)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        out.seek(0)
        err.seek(0)
        return Measured(wall, peak, process.returncode, out.read(), err.read())


def own_peak_mb() -> float:
    """This process's peak RSS so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_ms(call, *args, **kwargs) -> tuple[float, object]:
    """(milliseconds, result) of one call."""
    started = time.perf_counter()
    result = call(*args, **kwargs)
    return (time.perf_counter() - started) * 1000, result
