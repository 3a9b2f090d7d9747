"""The pirsyncd benchmark harness: generates work, drives pirsyncd and lsyncd, measures, tabulates.

Layout, one job per file:
  cli        options, the order of the run, exit code
  profiles   the sizes of every row for the full and the smoke profile
  workspace  the tmpfs (or on-disk) scratch area, mounted and removed by us
  processes  starting processes in their own group, stopping them by pid, /proc figures
  logtail    a process's output, line by line, stamped with the time it arrived
  clock      deadlines and bounded polling (never a sleep used as synchronisation)
  trees      generating trees and checking a replica against what is expected
  results    figures, goals and verdicts
  table      the one table printed at the end
  mirrors/   one adapter per daemon under test (lsyncd, pirsyncd)
  rows/      one file per row of the table
"""
