package pirsyncd.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A batch of file operations on names given as raw bytes, applied in one go by {@code fsops.py} so that
 * the daemon sees them as fast as a real program would make them. Build it, then {@link #apply()}.
 */
final class FsOps {
    private static final HexFormat HEX = HexFormat.of();

    private final Path root;
    private final StringBuilder ops = new StringBuilder();

    private FsOps(Path root) {
        this.root = root;
    }

    static FsOps in(Path root) {
        return new FsOps(root);
    }

    static byte[] bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    FsOps write(byte[] path, byte[] content) {
        return op("write", path, content);
    }

    FsOps write(String path, String content) {
        return write(bytes(path), bytes(content));
    }

    FsOps append(String path, String content) {
        return op("append", bytes(path), bytes(content));
    }

    FsOps mkdir(byte[] path) {
        return op("mkdir", path);
    }

    FsOps mkdirs(String path) {
        return op("mkdirs", bytes(path));
    }

    FsOps rename(byte[] from, byte[] to) {
        return op("rename", from, to);
    }

    FsOps rename(String from, String to) {
        return rename(bytes(from), bytes(to));
    }

    FsOps unlink(byte[] path) {
        return op("unlink", path);
    }

    FsOps unlink(String path) {
        return unlink(bytes(path));
    }

    FsOps rmtree(String path) {
        return rmtree(bytes(path));
    }

    FsOps rmtree(byte[] path) {
        return op("rmtree", path);
    }

    /** {@code parent/child} in bytes. */
    static byte[] join(byte[] parent, byte[] child) {
        byte[] joined = java.util.Arrays.copyOf(parent, parent.length + 1 + child.length);
        joined[parent.length] = '/';
        System.arraycopy(child, 0, joined, parent.length + 1, child.length);
        return joined;
    }

    FsOps rmdir(String path) {
        return op("rmdir", bytes(path));
    }

    FsOps symlink(String target, String path) {
        return op("symlink", bytes(target), bytes(path));
    }

    FsOps link(String existing, String path) {
        return op("link", bytes(existing), bytes(path));
    }

    /** A file of {@code size} bytes that is a hole except for its last 4 KiB. */
    FsOps sparse(String path, long size) {
        ops.append("sparse ").append(HEX.formatHex(bytes(path))).append(' ').append(size).append('\n');
        return this;
    }

    /** {@code count} files {@code f000000...} of about {@code size} bytes in {@code dir}, which must exist. */
    FsOps files(String dir, int count, int size) {
        ops.append("files ").append(HEX.formatHex(bytes(dir))).append(' ').append(count).append(' ').append(size)
                .append('\n');
        return this;
    }

    /** Appends a byte to every file in {@code dir}. */
    FsOps touchAll(String dir) {
        return op("touchall", bytes(dir));
    }

    void apply() {
        PythonScript.FSOPS.run(Duration.ofMinutes(5), ops.toString().getBytes(StandardCharsets.US_ASCII),
                root.toString());
        ops.setLength(0);
    }

    private FsOps op(String name, byte[]... args) {
        ops.append(name);
        for (byte[] arg : args) {
            ops.append(' ').append(HEX.formatHex(arg));
        }
        ops.append('\n');
        return this;
    }
}
