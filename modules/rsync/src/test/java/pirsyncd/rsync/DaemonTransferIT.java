package pirsyncd.rsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pirsyncd.model.Batch;
import pirsyncd.model.TransferResult;
import pirsyncd.model.TransferResult.Outcome;

/** The contract against a real rsync daemon the test starts on 127.0.0.1, with its password checks. */
class DaemonTransferIT extends TransferContract {
    private RsyncDaemonFixture daemon;

    @BeforeEach
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void startDaemon() throws Exception {
        daemon = RsyncDaemonFixture.start(Files.createDirectories(work.resolve("daemon")));
    }

    @AfterEach
    void stopDaemon() throws Exception {
        daemon.close();
    }

    @Override
    Destination destination() {
        return daemon.destination("mirror");
    }

    @Override
    Path mirror() {
        return daemon.moduleDirectory.resolve("mirror");
    }

    @Override
    TransferOptions.Builder options() {
        return TransferOptions.defaults().toBuilder().passwordFile(Optional.of(daemon.passwordFile));
    }

    @Override
    boolean renames() {
        return false;
    }

    /** The daemon cannot rename: the moved tree is deleted and sent again, so a smaller one shows it. */
    @Override
    int renamedTreeFiles() {
        return 1_000;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void passwordFileReadableByOthersIsRefused() throws Exception {
        Files.writeString(source().resolve("f"), "x");
        Files.setPosixFilePermissions(daemon.passwordFile, PosixFilePermissions.fromString("rw-r--r--"));
        TransferResult refused = transfer(options().build()).run(new Batch.Full("first sync"));
        assertEquals(Outcome.FATAL, refused.outcome(), refused::toString);
        assertTrue(refused.meaning().contains("chmod 600 " + daemon.passwordFile), refused.meaning());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void wrongPasswordIsReportedAsAuthFailure() throws Exception {
        Files.writeString(source().resolve("f"), "x");
        Path wrong = work.resolve("wrong.password");
        Files.writeString(wrong, "not-the-password\n");
        Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
        TransferResult refused = transfer(options().passwordFile(Optional.of(wrong)).build())
                .run(new Batch.Full("first sync"));
        assertEquals(Outcome.FATAL, refused.outcome(), refused::toString);
        assertEquals(5, refused.exitCode(), refused::toString);
        assertTrue(refused.meaning().contains("auth failed"), refused.meaning());
    }
}
