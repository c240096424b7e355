# A time limit for code run in process by a test: a hang (an alias bomb, a runaway template)
# fails the test with a clear message instead of holding up the whole run.

import contextlib
import signal


class TimeLimitExceeded(AssertionError):
    pass


@contextlib.contextmanager
def time_limit(seconds: float, what: str = "the call"):
    def expire(signum, frame):
        raise TimeLimitExceeded(f"{what} took longer than {seconds:g} s: it hangs")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
