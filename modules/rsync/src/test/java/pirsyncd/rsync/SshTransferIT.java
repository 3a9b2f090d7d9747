package pirsyncd.rsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pirsyncd.model.Batch;
import pirsyncd.model.EntryKind;
import pirsyncd.model.Move;
import pirsyncd.model.RelativePath;
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

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sshFailingAtTheRenamesIsARetryThatKeepsThemRenames() throws Exception {
        createPlainTree();
        ok(transfer(options().build()), new Batch.Full("first sync"));
        Files.move(source().resolve("docs"), source().resolve("docs moved"));
        Batch.Incremental moved = batch(
                List.of(new Move(RelativePath.of("docs"), RelativePath.of("docs moved"), EntryKind.DIRECTORY)),
                List.of(RelativePath.of("docs")), List.of(RelativePath.of("docs moved")));

        // nobody listens on that port: ssh exits 255 before the script runs
        TransferResult refused = transfer(options().sshPort(OptionalInt.of(LocalServer.freePort())).build()).run(moved);
        assertEquals(Outcome.RETRY, refused.outcome(), refused::toString);
        assertEquals(255, refused.exitCode(), refused::toString);
        assertTrue(refused.renamesRetryable(), refused::toString);
        assertTrue(Files.exists(mirror().resolve("docs/readme.txt")), "a failed rename step deleted the old name");
        assertFalse(Files.exists(mirror().resolve("docs moved")), "a failed rename step sent the new name");

        TransferResult retried = ok(transfer(options().build()), moved);
        assertEquals(0, retried.filesSent(), () -> "the retry sent the renamed tree again: " + retried);
        TreeComparison.ignoringDirectoryTimes().assertSame(source(), mirror());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHangingRenameStepIsKilledAfterRunTimeoutAndRetried() throws Exception {
        createPlainTree();
        ok(transfer(options().build()), new Batch.Full("first sync"));
        Files.move(source().resolve("run.sh"), source().resolve("run2.sh"));
        // a connection that never answers
        List<String> hanging = new ArrayList<>(List.of("ProxyCommand=sleep 120"));
        hanging.addAll(options().build().sshOptions());
        TransferOptions stuck = options().sshOptions(hanging).runTimeout(Optional.of(Duration.ofSeconds(2))).build();
        long started = System.nanoTime();
        TransferResult killed = transfer(stuck).run(batch(
                List.of(new Move(RelativePath.of("run.sh"), RelativePath.of("run2.sh"), EntryKind.FILE)),
                List.of(RelativePath.of("run.sh")), List.of(RelativePath.of("run2.sh"))));
        assertEquals(Outcome.RETRY, killed.outcome(), killed::toString);
        assertTrue(killed.meaning().startsWith("renames: ssh did not finish within 2 s"), killed.meaning());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 30, "not killed at the step limit");
        assertTrue(Files.exists(mirror().resolve("run.sh")), "a timed-out rename fell back to deleting");
    }
}
