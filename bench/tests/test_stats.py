import unittest

from pirbench.stats import median, percentile


class PercentileTest(unittest.TestCase):
    def test_nearest_rank_picks_a_sample_that_happened(self):
        samples = [float(i) for i in range(1, 201)]  # 1..200
        self.assertEqual(percentile(samples, 50), 100.0)
        self.assertEqual(percentile(samples, 99), 198.0)
        self.assertEqual(percentile(samples, 100), 200.0)

    def test_order_of_samples_does_not_matter(self):
        self.assertEqual(median([5.0, 1.0, 3.0]), 3.0)

    def test_one_sample_is_every_percentile(self):
        for p in (0, 1, 50, 99, 100):
            self.assertEqual(percentile([7.0], p), 7.0)

    def test_no_samples_or_a_percentile_out_of_range_is_refused(self):
        with self.assertRaises(ValueError):
            percentile([], 50)
        with self.assertRaises(ValueError):
            percentile([1.0], 101)
