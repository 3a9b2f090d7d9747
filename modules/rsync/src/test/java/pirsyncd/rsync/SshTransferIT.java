package pirsyncd.rsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pirsyncd.model.Batch;
import pirsyncd.model.TransferResult;
import pirsyncd.model.TransferResult.Outcome;

/** The contract over ssh to a real sshd the test starts on 127.0.0.1 with keys it generates. */
class SshTransferIT extends TransferContract {
    private SshdFixture sshd;

    @BeforeEach
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void startSshd() throws Exception {
        Optional<String> unavailable = SshdFixture.unavailableReason();
        Assumptions.assumeTrue(unavailable.isEmpty(), () -> "skipped: " + unavailable.orElse(""));
        sshd = SshdFixture.start(Files.createDirectories(work.resolve("sshd")));
    }

    @AfterEach
    void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Override
    Destination destination() {
        return sshd.destination(mirror());
    }

    @Override
    Path mirror() {
        return work.resolve("mirror");
    }

    @Override
    TransferOptions.Builder options() {
        return sshd.options(TransferOptions.defaults().toBuilder());
    }

    @Override
    boolean renames() {
        return true;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void unknownKeyFailsAtOnceInsteadOfPrompting() throws Exception {
        Files.writeString(source().resolve("f"), "x");
        Path stranger = work.resolve("stranger");
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString()).start()
                .waitFor(60, TimeUnit.SECONDS);
        TransferResult refused = transfer(options().sshIdentityFile(Optional.of(stranger)).build())
                .run(new Batch.Full("first sync"));
        assertEquals(Outcome.RETRY, refused.outcome(), refused::toString);
        assertTrue(refused.meaning().contains("Permission denied"), refused.meaning());
    }
}
