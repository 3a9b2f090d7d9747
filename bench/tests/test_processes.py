import os
import time
import unittest

from pirbench import processes
from pirbench.clock import BenchTimeout, Deadline, poll_until


class ProcessesTest(unittest.TestCase):
    def test_usage_reads_this_process(self):
        mine = processes.usage(os.getpid())
        self.assertGreater(mine.rss_kib, 1000)
        self.assertGreaterEqual(mine.cpu_seconds, 0)

    def test_stop_takes_the_whole_group_with_it(self):
        # A shell that ignores SIGTERM and has a grandchild: both must be gone after stop().
        child = processes.Child("group", ["/bin/sh", "-c", "trap '' TERM; sleep 300 & echo $!; wait"])
        grandchild = int(child.log.wait_for(r"^\d+$", Deadline.after(10))[1])
        child.stop(grace=0.2)
        self.assertIsNotNone(child.exited())
        poll_until(lambda: not _alive(grandchild), Deadline.after(10), 0.01, "the grandchild to end")

    def test_log_lines_are_stamped_on_arrival(self):
        before = time.monotonic()
        child = processes.Child("echo", ["/bin/echo", "hello there"])
        stamped, text = child.log.wait_for("hello", Deadline.after(10))
        self.assertEqual(text, "hello there")
        self.assertGreaterEqual(stamped, before)
        child.stop()

    def test_a_wait_ends_at_its_deadline(self):
        started = time.monotonic()
        with self.assertRaises(BenchTimeout):
            poll_until(lambda: False, Deadline.after(0.05), 0.01, "nothing")
        self.assertLess(time.monotonic() - started, 5)

    def test_a_failing_helper_is_reported_with_its_exit_code(self):
        with self.assertRaisesRegex(RuntimeError, "exited 3"):
            processes.run_timed(["/bin/sh", "-c", "echo oops; exit 3"], 10)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False
