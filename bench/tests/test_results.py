import unittest

from pirbench import table
from pirbench.results import AtMost, Figure, HigherThanLsyncd, Line, NoWorseThanLsyncd, ReportOnly

MS = "ms"


def line(mine, theirs, goal, **kw):
    return Line("row", "what", mine, theirs, goal, **kw)


class VerdictTest(unittest.TestCase):
    def test_each_goal_is_judged_on_the_right_figures(self):
        cases = [
            # pirsyncd, lsyncd, goal, verdict
            (Figure.of(90, MS), Figure.of(500, MS), AtMost(100, MS), "yes"),
            (Figure.of(101, MS), Figure.of(5, MS), AtMost(100, MS), "no"),
            (Figure.of(10, MS), Figure.of(10, MS), NoWorseThanLsyncd(), "yes"),
            (Figure.of(11, MS), Figure.of(10, MS), NoWorseThanLsyncd(), "no"),
            (Figure.of(2000, "/s"), Figure.of(1000, "/s"), HigherThanLsyncd(), "yes"),
            (Figure.of(1000, "/s"), Figure.of(1000, "/s"), HigherThanLsyncd(), "no"),
            (Figure.of(1, MS), Figure.of(2, MS), ReportOnly(), "—"),
        ]
        for mine, theirs, goal, verdict in cases:
            with self.subTest(goal=goal, mine=mine.value, theirs=theirs.value):
                self.assertEqual(line(mine, theirs, goal).met(), verdict)

    def test_a_missing_figure_gives_no_verdict_and_no_ratio(self):
        na = Figure.none("n/a (run not implemented)")
        subject = line(na, Figure.of(10, MS), NoWorseThanLsyncd())
        self.assertEqual(subject.met(), "—")
        self.assertIsNone(subject.ratio())
        self.assertEqual(line(na, Figure.of(10, MS), AtMost(1, MS)).met(), "—")

    def test_two_writer_bound_rates_prove_nothing(self):
        subject = line(Figure.of(30000, "/s", at_least=True), Figure.of(29000, "/s", at_least=True),
                       HigherThanLsyncd())
        self.assertEqual(subject.met(), "—")

    def test_ratio_is_pirsyncd_over_lsyncd_unless_not_comparable(self):
        self.assertAlmostEqual(line(Figure.of(5, MS), Figure.of(20, MS), ReportOnly()).ratio(), 0.25)
        self.assertIsNone(line(Figure.of(1, ""), Figure.of(1, ""), ReportOnly(), comparable=False).ratio())
        self.assertIsNone(line(Figure.of(0, "B"), Figure.of(0, "B"), AtMost(0, "B")).ratio())


class TableTest(unittest.TestCase):
    def test_text_table_lines_up_and_shows_reasons(self):
        lines = [line(Figure.of(12.345, MS), Figure.of(10, MS), NoWorseThanLsyncd()),
                 line(Figure.none("n/a (run not implemented)"), Figure.of(1234567, "B"), AtMost(0, "B"))]
        rendered = table.text(lines).splitlines()
        self.assertEqual(len({len(rendered[0]), len(rendered[1])}), 1)
        self.assertIn("12.3 ms", rendered[2])
        self.assertIn("1.23×", rendered[2])
        self.assertIn("no", rendered[2].split())
        self.assertIn("n/a (run not implemented)", rendered[3])
        self.assertIn("1,234,567 B", rendered[3])

    def test_markdown_table_has_a_header_and_escapes_pipes(self):
        rendered = table.markdown([line(Figure.of(1, MS), Figure.none("a|b"), ReportOnly())]).splitlines()
        self.assertTrue(rendered[0].startswith("| row | measure | pirsyncd"))
        self.assertEqual(rendered[1], "|---|---|---|---|---|---|---|")
        self.assertIn("a\\|b", rendered[2])

    def test_lower_bounds_are_marked(self):
        self.assertEqual(Figure.of(5000, "changes/s", at_least=True).show(), "≥ 5,000 changes/s")
