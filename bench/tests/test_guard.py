import contextlib
import io
import os
import signal
import time
import unittest

from pirbench import processes
from pirbench.clock import Deadline, poll_until
from pirbench.guard import EXIT_BROKEN, EXIT_INTERRUPTED, Expired, HarnessBroken, guarded, watchdog


class WatchdogTest(unittest.TestCase):
    def test_the_watchdog_ends_a_wait_that_has_no_deadline(self):
        started = time.monotonic()
        with self.assertRaises(Expired):
            with watchdog(0.2):
                time.sleep(30)
        self.assertLess(time.monotonic() - started, 5)

    def test_no_row_error_handler_can_swallow_it(self):
        with self.assertRaises(Expired):
            with watchdog(0.1):
                try:
                    time.sleep(30)
                except Exception:  # noqa: BLE001 — what a row's handler does
                    self.fail("an ordinary error handler caught the watchdog")

    def test_a_block_that_ends_in_time_disarms_it(self):
        with watchdog(0.2):
            pass
        time.sleep(0.4)  # the bound of the finished block passes: nothing may fire now


def quietly(body, bound, cleanup):
    """guarded(...) with its one line to stderr captured: (exit code, what it said)."""
    said = io.StringIO()
    with contextlib.redirect_stderr(said):
        code = guarded(body, bound, cleanup)
    return code, said.getvalue()


class GuardedTest(unittest.TestCase):
    def test_the_watchdog_takes_the_ctrl_c_way_out_and_stops_every_child(self):
        children = []

        def hangs() -> int:
            children.append(processes.Child("sleeper", ["/bin/sleep", "300"]))
            time.sleep(30)
            return 0
        code, said = quietly(hangs, 0.3, processes.stop_all)
        self.assertEqual(code, EXIT_BROKEN)
        self.assertEqual(said, "bench: the whole run outlived its bound of 0.3 s; stopping everything it started\n")
        poll_until(lambda: children[0].exited() is not None, Deadline.after(10), 0.01, "the child to be stopped")

    def test_sigterm_is_an_interrupt_and_cleans_up(self):
        cleaned = []

        def terminated() -> int:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(30)
            return 0
        code, said = quietly(terminated, 60, lambda: cleaned.append(True))
        self.assertEqual(code, EXIT_INTERRUPTED)
        self.assertIn("interrupted", said)
        self.assertEqual(cleaned, [True])
        self.assertIs(signal.getsignal(signal.SIGTERM), signal.SIG_DFL)

    def test_a_broken_harness_is_one_line_and_exit_1(self):
        def broken() -> int:
            raise HarnessBroken("the reference is missing; install it")
        self.assertEqual(quietly(broken, 60, lambda: None), (EXIT_BROKEN, "bench: the reference is missing; install it\n"))

    def test_the_body_exit_code_is_returned_after_cleanup(self):
        cleaned = []
        self.assertEqual(guarded(lambda: 0, 60, lambda: cleaned.append(True)), 0)
        self.assertEqual(cleaned, [True])
