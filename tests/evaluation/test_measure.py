import sys

from assistant.evaluation.measure import Latency, run_measured, timed_ms


def test_a_child_reports_its_own_exit_code_output_and_peak_memory():
    code = "import sys; block = bytearray(150 * 2**20); block[::4096] = b'x' * len(block[::4096]); " \
           "print('hello'); sys.stderr.write('warn'); sys.exit(3)"
    measured = run_measured([sys.executable, "-c", code])
    assert (measured.returncode, measured.ok) == (3, False)
    assert measured.stdout.strip() == "hello" and measured.stderr == "warn"
    assert measured.peak_mb >= 150
    small = run_measured([sys.executable, "-c", "pass"])
    assert small.ok and small.peak_mb < measured.peak_mb


def test_latency_summary_and_timed_call():
    lat = Latency.of([1.0, 2.0, 3.0, 4.0, 100.0])
    assert (lat.n, lat.p50_ms) == (5, 3.0) and lat.p95_ms > 4.0
    assert Latency.of([]) == Latency(0, None, None)
    ms, value = timed_ms(sum, [1, 2, 3])
    assert value == 6 and ms >= 0
