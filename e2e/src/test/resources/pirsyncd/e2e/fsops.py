# Applies file-system operations whose names are raw bytes, for names Java cannot spell (bytes that are
# not UTF-8) and for bulk work. Reads one operation per line from stdin, fields separated by spaces,
# names hex-encoded and relative to ROOT:
#   write PATH HEXDATA | append PATH HEXDATA | mkdir PATH | mkdirs PATH | rename FROM TO | unlink PATH
#   rmtree PATH | rmdir PATH | symlink TARGET PATH | link EXISTING NEW | sparse PATH SIZE (a hole, then 4 KiB of data)
#   files DIR COUNT SIZE (COUNT files f000000.. of SIZE bytes) | touchall DIR (rewrite every file in DIR)
# Usage: python3 fsops.py ROOT < ops
import os
import shutil
import sys


def main():
    root = os.fsencode(sys.argv[1])
    p = lambda h: os.path.join(root, bytes.fromhex(h))
    for line in sys.stdin.buffer:
        f = line.decode("ascii").split()
        if not f:
            continue
        op = f[0]
        if op in ("write", "append"):
            with open(p(f[1]), "wb" if op == "write" else "ab") as out:
                out.write(bytes.fromhex(f[2]) if len(f) > 2 else b"")
        elif op == "mkdir":
            os.mkdir(p(f[1]))
        elif op == "mkdirs":
            os.makedirs(p(f[1]), exist_ok=True)
        elif op == "rename":
            os.rename(p(f[1]), p(f[2]))
        elif op == "unlink":
            os.unlink(p(f[1]))
        elif op == "rmtree":
            shutil.rmtree(p(f[1]))
        elif op == "rmdir":
            os.rmdir(p(f[1]))
        elif op == "symlink":
            os.symlink(bytes.fromhex(f[1]), p(f[2]))
        elif op == "link":
            os.link(p(f[1]), p(f[2]))
        elif op == "sparse":
            with open(p(f[1]), "wb") as out:
                out.seek(int(f[2]) - 4096)
                out.write(b"\x5a" * 4096)
        elif op == "files":
            directory, count, size = p(f[1]), int(f[2]), int(f[3])
            for i in range(count):
                with open(os.path.join(directory, b"f%06d" % i), "wb") as out:
                    out.write((b"%06d" % i) * (size // 6 + 1))
        elif op == "touchall":
            directory = p(f[1])
            for name in os.listdir(directory):
                with open(os.path.join(directory, name), "ab") as out:
                    out.write(b"+")
        else:
            raise SystemExit("fsops.py: unknown operation " + op)


main()
