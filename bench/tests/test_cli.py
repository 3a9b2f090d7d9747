import contextlib
import io
import os
import tempfile
import unittest
from unittest import mock

from pirbench import cli
from pirbench.profiles import FULL, SMOKE
from pirbench.guard import HarnessBroken
from pirbench.rows.common import Context


class MissingLsyncdTest(unittest.TestCase):
    """lsyncd not installed: its cells say why in the full profile; the smoke profile is a broken harness."""

    def setUp(self):
        self.empty = tempfile.TemporaryDirectory()
        self.no_lsyncd = mock.patch.dict(os.environ, {"PATH": self.empty.name})
        self.no_lsyncd.start()

    def tearDown(self):
        self.no_lsyncd.stop()
        self.empty.cleanup()

    def test_outside_the_smoke_profile_its_cells_say_why(self):
        unavailable = {}
        self.assertEqual(cli.lsyncd_mirrors(FULL, unavailable), [])
        self.assertEqual(unavailable, {"lsyncd": "n/a (lsyncd not installed)"})
        outcomes = Context(FULL, None, [], 0.0, None, unavailable).each(lambda mirror: {})
        self.assertEqual(outcomes.get("lsyncd", "time").missing, unavailable["lsyncd"])

    def test_in_the_smoke_profile_it_is_a_harness_failure(self):
        with self.assertRaisesRegex(HarnessBroken, "apt-get install lsyncd"):
            cli.lsyncd_mirrors(SMOKE, {})

    def test_the_smoke_run_ends_with_exit_1_and_one_line_no_traceback(self):
        with tempfile.TemporaryDirectory() as scratch:
            said = io.StringIO()
            with contextlib.redirect_stderr(said), contextlib.redirect_stdout(io.StringIO()):
                code = cli.main(["--smoke", "--disk", "--dir", scratch, "--daemons", "lsyncd"])
            self.assertEqual(code, 1)
            self.assertNotIn("Traceback", said.getvalue())
            self.assertEqual([line for line in said.getvalue().splitlines() if "lsyncd" in line],
                             [line for line in said.getvalue().splitlines() if line.startswith("bench: the smoke")])
            self.assertEqual(os.listdir(scratch), [], "the scratch area was left behind")
