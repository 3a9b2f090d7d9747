package pirsyncd.rsync;

import java.io.ByteArrayOutputStream;
import java.util.Collection;
import pirsyncd.model.RelativePath;

/** The NUL-separated name list rsync reads with {@code --files-from=- --from0}, written from raw bytes. */
final class NameList {
    private NameList() {}

    static byte[] of(Collection<RelativePath> paths) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RelativePath path : paths) {
            // the root is "." to rsync; an empty entry would be skipped
            out.writeBytes(path.isRoot() ? new byte[] {'.'} : path.toBytes());
            out.write(0);
        }
        return out.toByteArray();
    }
}
