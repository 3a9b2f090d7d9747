# Lists a tree for the e2e comparator, one line per entry, names as raw bytes (hex) so nothing is lost
# to a character set: path kind mode mtime_ns size content link
#   kind: d (directory), f (regular file), l (symlink), o (other)
#   content: sha256 of a regular file, the target (hex) of a symlink, "-" otherwise
#   link: for a regular file with more than one link, the first path (hex, sorted) of its inode in this
#         tree, so hard-link groups compare between trees; "-" otherwise
# Usage: python3 tree_manifest.py ROOT   (the root itself is listed as ".")
import hashlib
import os
import stat
import sys


def digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            block = f.read(1 << 20)
            if not block:
                return h.hexdigest()
            h.update(block)


def main():
    root = os.fsencode(sys.argv[1])
    entries = []
    stack = [b""]
    while stack:
        rel = stack.pop()
        full = os.path.join(root, rel) if rel else root
        st = os.lstat(full)
        entries.append((rel or b".", st, full))
        if stat.S_ISDIR(st.st_mode):
            for name in os.listdir(full):
                stack.append(os.path.join(rel, name) if rel else name)
    entries.sort(key=lambda e: e[0])
    first_of_inode = {}
    out = sys.stdout
    for rel, st, full in entries:
        mode = stat.S_IMODE(st.st_mode)
        link = "-"
        if stat.S_ISDIR(st.st_mode):
            kind, content, size = "d", "-", 0
        elif stat.S_ISLNK(st.st_mode):
            kind, content, size = "l", os.readlink(full).hex(), st.st_size
        elif stat.S_ISREG(st.st_mode):
            kind, content, size = "f", digest(full), st.st_size
            if st.st_nlink > 1:
                link = first_of_inode.setdefault((st.st_dev, st.st_ino), rel).hex()
        else:
            kind, content, size = "o", "-", 0
        out.write("%s %s %o %d %d %s %s\n" % (rel.hex(), kind, mode, st.st_mtime_ns, size, content, link))


main()
