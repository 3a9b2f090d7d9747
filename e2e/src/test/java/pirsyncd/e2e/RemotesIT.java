package pirsyncd.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The suite's own sshd and rsync daemon work with plain rsync before pirsyncd is asked to use them, so
 * a failure of a remote scenario points at the product, not at the test's servers.
 */
@Timeout(180)
class RemotesIT {

    @Test
    void plainRsyncReachesTheSuitesSshd() {
        Path world = Workspace.fresh("remotes-probe/ssh");
        FsOps.in(world).mkdirs("src/x").write("src/x/f", "over ssh").apply();
        String ssh = "ssh -p " + Remotes.sshd().port() + " -i " + Remotes.sshIdentity()
                + " -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR";
        Exec.run(Duration.ofSeconds(60), List.of("rsync", "-a", "-e", ssh, world.resolve("src") + "/",
                "root@127.0.0.1:" + world.resolve("dst") + "/")).requireSuccess();
        assertEquals(List.of(), TreeComparator.differences(world.resolve("src"), world.resolve("dst"), Set.of()));
    }

    @Test
    void plainRsyncReachesTheSuitesRsyncDaemon() {
        Path world = Workspace.fresh("remotes-probe/rsyncd");
        FsOps.in(world).mkdirs("src/x").write("src/x/f", "over the daemon protocol").mkdirs("dst").apply();
        String url = "rsync://" + Remotes.RSYNC_USER + "@127.0.0.1:" + Remotes.rsyncd().port() + "/"
                + Remotes.RSYNC_MODULE + "/" + Remotes.modulePath(world.resolve("dst")) + "/";
        Exec.run(Duration.ofSeconds(60), List.of("rsync", "-a", "--password-file=" + Remotes.rsyncPasswordFile(),
                world.resolve("src") + "/", url)).requireSuccess();
        assertEquals(List.of(), TreeComparator.differences(world.resolve("src"), world.resolve("dst"), Set.of()));
    }
}
