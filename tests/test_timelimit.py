# The time limit used by the hostile-input tests really stops a hang.

import time

import pytest

from timelimit import TimeLimitExceeded, time_limit


def test_a_hang_fails_within_the_limit():
    start = time.monotonic()
    with pytest.raises(TimeLimitExceeded, match="hangs"):
        with time_limit(0.2, "the loop"):
            while True:
                pass
    assert time.monotonic() - start < 2


def test_a_quick_call_passes():
    with time_limit(2):
        assert sum(range(100)) == 4950
