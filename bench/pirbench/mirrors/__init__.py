"""The daemons under test, behind one small interface (base.Mirror): start on a source and a destination,
say when watching and when the initial sync is done, say whether the inotify queue overflowed, stop."""
