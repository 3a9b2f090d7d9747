import unittest
from pathlib import Path

from pirbench.mirrors.base import Job
from pirbench.mirrors.lsyncd import config, lua_string


class LsyncdConfigTest(unittest.TestCase):
    def test_lua_strings_escape_quotes_backslashes_and_control_characters(self):
        self.assertEqual(lua_string('a"b\\c\nd'), '"a\\034b\\092c\\010d"')
        self.assertEqual(lua_string("/tmp/plain"), '"/tmp/plain"')

    def test_config_is_default_rsync_with_the_same_delay_and_rsync(self):
        text = config(Job(Path("/s"), Path("/d"), Path("/x"), 0.0))
        self.assertIn("default.rsync", text)
        self.assertIn('source = "/s"', text)
        self.assertIn('target = "/d"', text)
        self.assertIn("delay = 0,", text)
        self.assertIn('binary = "/usr/bin/rsync"', text)
