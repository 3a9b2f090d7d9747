import os
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from pirbench import trees


class TreesTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="pirbench-test-")
        self.root = Path(self._tmp.name)
        self.source = self.root / "source"
        self.destination = self.root / "destination"
        self.source.mkdir()
        self.destination.mkdir()

    def tearDown(self):
        self._tmp.cleanup()

    def test_content_has_the_asked_size_and_differs_by_seed(self):
        self.assertEqual(len(trees.content(3, 4096)), 4096)
        self.assertNotEqual(trees.content(1, 64), trees.content(2, 64))

    def test_make_dirs_makes_exactly_the_count(self):
        self.assertEqual(trees.make_dirs(self.source, 53, fanout=10), 53)
        walked = sum(len(dirs) for _, dirs, _ in os.walk(self.source))
        self.assertEqual(walked, 53)

    def test_a_mirrored_tree_is_an_exact_replica_with_raw_byte_names(self):
        written = trees.make_files(self.source, 3, 4, 100)
        self.assertEqual(len(written), 12)
        odd = bytes(self.source) + b"/caf\xe9-latin1"  # not UTF-8: names are bytes end to end
        with open(odd, "wb") as out:
            out.write(b"x")
        trees.mirror(self.source, self.destination, 60)
        self.assertIsNone(trees.difference(self.source, self.destination))

    def test_difference_names_missing_extra_and_changed_entries(self):
        trees.make_files(self.source, 1, 2, 10)
        trees.mirror(self.source, self.destination, 60)
        trees.write(self.destination / "d00000" / "f00001", trees.content(99, 10))
        self.assertEqual(trees.difference(self.source, self.destination), "differs (content): d00000/f00001")
        self.assertIsNone(trees.difference(self.source, self.destination, compare_content=False))
        (self.destination / "d00000" / "f00001").unlink()
        self.assertEqual(trees.difference(self.source, self.destination),
                         "missing at the destination: d00000/f00001")
        trees.mirror(self.source, self.destination, 60)
        trees.write(self.destination / "extra", b"")
        self.assertIn("extra at the destination: extra", trees.difference(self.source, self.destination))

    def test_an_entry_that_vanishes_while_the_tree_is_read_is_a_difference_not_a_crash(self):
        trees.make_files(self.source, 1, 2, 10)
        trees.mirror(self.source, self.destination, 60)
        # rsync renames its temporary file into place between the listing and the stat
        temporary = self.destination / "d00000" / ".f00001.tmp"
        trees.write(temporary, b"partial")
        real_scandir = os.scandir

        def listing_then_rename(path):
            entries = list(real_scandir(path))
            if temporary.exists() and path == bytes(temporary.parent):
                temporary.unlink()
            return _Listing(entries)

        with mock.patch.object(trees.os, "scandir", listing_then_rename):
            self.assertIsNone(trees.difference(self.source, self.destination))

    def test_arrivals_wait_for_every_path_size_and_absence(self):
        arrivals = trees.Arrivals(self.destination, [("a", 3), ("b", None)], ["gone"])
        self.assertFalse(arrivals.check())
        trees.write(self.destination / "a", b"xy")
        self.assertFalse(arrivals.check())  # wrong size yet
        trees.write(self.destination / "a", b"xyz")
        (self.destination / "b").mkdir()
        (self.destination / "gone").mkdir()
        self.assertFalse(arrivals.check())
        (self.destination / "gone").rmdir()
        self.assertTrue(arrivals.check())


class _Listing(list):
    """A finished os.scandir listing, usable as a context manager like the real one."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
