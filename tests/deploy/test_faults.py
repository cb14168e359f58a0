"""One app host dies under load behind the proxy: every answer acknowledged is stored once, the rest are
told they failed and are stored once when sent again (bench/proxy_faults.py, small size)."""

from __future__ import annotations


def test_tablets_lose_and_double_nothing_when_an_app_host_dies_behind_the_proxy(stack):
    from bench import faults, proxy_faults

    report = proxy_faults.run(stack, clients=30, seconds=10)
    assert report.ok, "\n".join(faults.describe(report))
    assert report.first_pass["stored"] > 0
    # The host is back: a coordinator's requests are served by both again.
    assert stack.apps[0].process.poll() is None
