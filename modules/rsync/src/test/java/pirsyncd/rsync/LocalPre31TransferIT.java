package pirsyncd.rsync;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The contract on a local destination as if rsync were older than 3.1: no
 * {@code --delete-missing-args}, so deletions go through the filtered run over the parents.
 */
class LocalPre31TransferIT extends TransferContract {
    @Override
    Destination destination() {
        return Destination.parse(mirror().toString());
    }

    @Override
    Path mirror() {
        return work.resolve("mirror");
    }

    @Override
    TransferOptions.Builder options() {
        return TransferOptions.defaults().toBuilder();
    }

    @Override
    boolean renames() {
        return true;
    }

    /** LocalTransferIT proves 10,000; here the filtered tree run only needs to be shown cheap. */
    @Override
    int renamedTreeFiles() {
        return 1_000;
    }

    @Override
    RsyncTransfer transfer(TransferOptions options) throws IOException {
        return new RsyncTransfer(source(), destination(), options, "old-rsync", new RsyncVersion(3, 0, 9, 30));
    }
}
