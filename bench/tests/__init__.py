"""Unit tests of the harness itself: python3 -m unittest discover -s bench/tests -t bench"""
