# Runs a program with a lowered inotify watch limit that applies to it alone. Started inside a new user
# namespace (unshare --user --map-root-user), where the per-namespace limit
# /proc/sys/user/max_inotify_watches is ours to lower (Linux >= 5.11 counts watches per user namespace,
# and a child namespace's watches also count against its parents), so the rest of the machine keeps
# its limit.
# Usage: unshare --user --map-root-user python3 with_watch_limit.py LIMIT PROGRAM [ARGS...]
import os
import sys

with open("/proc/sys/user/max_inotify_watches", "w") as limit:
    limit.write(sys.argv[1])
os.execv(sys.argv[2], sys.argv[2:])
