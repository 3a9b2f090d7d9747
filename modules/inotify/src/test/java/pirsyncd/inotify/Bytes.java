package pirsyncd.inotify;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** Raw-byte path helpers for tests. */
final class Bytes {
    private Bytes() {}

    static byte[] of(Path path) {
        return path.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code dir + '/' + name} as raw bytes. */
    static byte[] child(Path dir, byte[] name) {
        byte[] parent = of(dir);
        byte[] joined = Arrays.copyOf(parent, parent.length + 1 + name.length);
        joined[parent.length] = '/';
        System.arraycopy(name, 0, joined, parent.length + 1, name.length);
        return joined;
    }
}
