package pirsyncd.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A path below the source root, as the raw bytes the kernel uses: segments joined by {@code '/'},
 * no leading or trailing slash, the empty path standing for the root itself.
 *
 * <p>A Linux file name is a sequence of bytes, not text: a name that is not valid UTF-8 must reach
 * rsync's file list unchanged, so the bytes are the identity of a path and {@link #toString()} is
 * only a view for people. Instances are immutable; the byte array never leaves this class
 * uncopied.
 */
public final class RelativePath implements Comparable<RelativePath> {
    /** The source root itself. */
    public static final RelativePath ROOT = new RelativePath(new byte[0]);

    private final byte[] bytes;
    private final int hash;

    private RelativePath(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /**
     * The path with these raw bytes.
     *
     * @throws IllegalArgumentException if it is absolute, ends in a slash, has an empty, "." or
     *     ".." segment, or contains a NUL byte
     */
    public static RelativePath of(byte[] raw) {
        if (raw.length == 0) {
            return ROOT;
        }
        byte[] copy = raw.clone();
        int segmentStart = 0;
        for (int i = 0; i <= copy.length; i++) {
            if (i == copy.length || copy[i] == '/') {
                checkSegment(copy, segmentStart, i);
                segmentStart = i + 1;
            } else if (copy[i] == 0) {
                throw new IllegalArgumentException("a path cannot contain a NUL byte: " + escape(copy));
            }
        }
        return new RelativePath(copy);
    }

    /** The path spelled by this text in UTF-8; for tests, configuration and people. */
    public static RelativePath of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A single file name (one segment) as raw bytes, e.g. from {@code struct inotify_event}. */
    public RelativePath resolve(byte[] name) {
        if (name.length == 0) {
            throw new IllegalArgumentException("an empty name cannot be resolved");
        }
        for (byte b : name) {
            if (b == '/' || b == 0) {
                throw new IllegalArgumentException("a file name cannot contain '/' or NUL: " + escape(name));
            }
        }
        checkSegment(name, 0, name.length);
        if (isRoot()) {
            return new RelativePath(name.clone());
        }
        byte[] joined = Arrays.copyOf(bytes, bytes.length + 1 + name.length);
        joined[bytes.length] = '/';
        System.arraycopy(name, 0, joined, bytes.length + 1, name.length);
        return new RelativePath(joined);
    }

    /** {@link #resolve(byte[])} for a name given as text (UTF-8). */
    public RelativePath resolve(String name) {
        return resolve(name.getBytes(StandardCharsets.UTF_8));
    }

    private static void checkSegment(byte[] raw, int from, int to) {
        int length = to - from;
        boolean dot = length == 1 && raw[from] == '.';
        boolean dotDot = length == 2 && raw[from] == '.' && raw[from + 1] == '.';
        if (length == 0 || dot || dotDot) {
            throw new IllegalArgumentException(
                    "not a clean relative path (empty, \".\" or \"..\" segment, or a leading/trailing slash): "
                            + escape(raw));
        }
    }

    /** True for the source root. */
    public boolean isRoot() {
        return bytes.length == 0;
    }

    /** A copy of the raw bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** The number of bytes, as rsync and the kernel count them. */
    public int byteLength() {
        return bytes.length;
    }

    /** Writes the raw bytes, e.g. into a NUL-separated {@code --files-from} list. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    /** The last segment's raw bytes; empty for the root. */
    public byte[] fileName() {
        int slash = lastSlash();
        return Arrays.copyOfRange(bytes, slash + 1, bytes.length);
    }

    /** The parent path; the root's parent is the root. */
    public RelativePath parent() {
        int slash = lastSlash();
        return slash < 0 ? ROOT : new RelativePath(Arrays.copyOf(bytes, slash));
    }

    private int lastSlash() {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '/') {
                return i;
            }
        }
        return -1;
    }

    /** How many segments the path has; 0 for the root. */
    public int depth() {
        if (isRoot()) {
            return 0;
        }
        int count = 1;
        for (byte b : bytes) {
            if (b == '/') {
                count++;
            }
        }
        return count;
    }

    /** True if {@code ancestor} is this path or one of its ancestors (segment-wise, not by prefix). */
    public boolean isWithin(RelativePath ancestor) {
        if (ancestor.isRoot()) {
            return true;
        }
        int n = ancestor.bytes.length;
        if (bytes.length < n || !Arrays.equals(bytes, 0, n, ancestor.bytes, 0, n)) {
            return false;
        }
        return bytes.length == n || bytes[n] == '/';
    }

    /**
     * This path moved along with a rename of {@code from} to {@code to}.
     *
     * @throws IllegalArgumentException if this path is not within {@code from}
     */
    public RelativePath rebase(RelativePath from, RelativePath to) {
        if (!isWithin(from)) {
            throw new IllegalArgumentException(this + " is not within " + from);
        }
        if (bytes.length == from.bytes.length) {
            return to;
        }
        int skip = from.isRoot() ? 0 : from.bytes.length + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(to.bytes.length + bytes.length - skip + 1);
        out.writeBytes(to.bytes);
        if (!to.isRoot()) {
            out.write('/');
        }
        out.write(bytes, skip, bytes.length - skip);
        return new RelativePath(out.toByteArray());
    }

    /** True if the bytes are valid UTF-8, so that {@link #toString()} is exact. */
    public boolean isUtf8() {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Override
    public int compareTo(RelativePath other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelativePath other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /**
     * The path for people: UTF-8 text, with bytes that are not valid UTF-8 and control characters
     * shown as {@code \xNN} so that a log line stays one line; the root shows as {@code "."}.
     */
    @Override
    public String toString() {
        return isRoot() ? "." : escape(bytes);
    }

    /** Decodes raw name bytes for people, escaping invalid UTF-8 and control characters as {@code \xNN}. */
    public static String escape(byte[] raw) {
        StringBuilder out = new StringBuilder(raw.length);
        HexFormat hex = HexFormat.of();
        int i = 0;
        while (i < raw.length) {
            int b = raw[i] & 0xff;
            int length = utf8SequenceLength(raw, i);
            if (length == 0) {
                out.append("\\x").append(hex.toHexDigits((byte) b));
                i++;
            } else if (b < 0x20 || b == 0x7f || b == '\\') {
                out.append(b == '\\' ? "\\\\" : "\\x" + hex.toHexDigits((byte) b));
                i++;
            } else {
                out.append(new String(raw, i, length, StandardCharsets.UTF_8));
                i += length;
            }
        }
        return out.toString();
    }

    /** The length of the well-formed UTF-8 sequence starting at {@code i}, or 0 if there is none. */
    private static int utf8SequenceLength(byte[] raw, int i) {
        int b = raw[i] & 0xff;
        int length;
        int min;
        if (b < 0x80) {
            return 1;
        } else if (b >= 0xc2 && b <= 0xdf) {
            length = 2;
            min = 0x80;
        } else if (b >= 0xe0 && b <= 0xef) {
            length = 3;
            min = 0x800;
        } else if (b >= 0xf0 && b <= 0xf4) {
            length = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + length > raw.length) {
            return 0;
        }
        int codePoint = b & (0xff >> (length + 1));
        for (int k = 1; k < length; k++) {
            int c = raw[i + k] & 0xff;
            if ((c & 0xc0) != 0x80) {
                return 0;
            }
            codePoint = (codePoint << 6) | (c & 0x3f);
        }
        boolean surrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
        return codePoint < min || codePoint > 0x10ffff || surrogate ? 0 : length;
    }
}
