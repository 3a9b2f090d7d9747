package pirsyncd.inotify;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One entry of a directory listing.
 *
 * <p>{@code name} holds the raw bytes of the name (never {@code "."} or {@code ".."}, never
 * empty, no {@code '/'} or NUL). For speed the array is not copied: it is freshly allocated per
 * entry and handed over to the receiver, who must treat it as immutable. {@code equals} and
 * {@code hashCode} compare the name's content.
 *
 * @param name the raw file name bytes
 * @param type what the entry is, without following symbolic links
 */
@SuppressWarnings("ArrayRecordComponent") // raw bytes handed over without a copy; equals/hashCode overridden
public record DirectoryEntry(byte[] name, EntryType type) {
    /** Checks both components are present. */
    public DirectoryEntry {
        if (name == null || type == null) {
            throw new IllegalArgumentException("a directory entry needs a name and a type");
        }
    }

    /** The name decoded as UTF-8 with invalid bytes replaced; for logs and people only. */
    public String nameForHumans() {
        return new String(name, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DirectoryEntry that && type == that.type && Arrays.equals(name, that.name);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(name) * 31 + type.hashCode();
    }

    @Override
    public String toString() {
        return type + " " + nameForHumans();
    }
}
