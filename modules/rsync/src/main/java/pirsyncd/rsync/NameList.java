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
            // "./" first: rsync skips a --files-from entry starting with '#' or ';' as a comment,
            // even with --from0; the root is "." (an empty entry would be skipped too)
            out.write('.');
            if (!path.isRoot()) {
                out.write('/');
                out.writeBytes(path.toBytes());
            }
            out.write(0);
        }
        return out.toByteArray();
    }
}
