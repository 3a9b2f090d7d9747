package pirsyncd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How {@code stop} tells that the daemon's process has ended. */
@Timeout(30)
class ClientCommandsIT {
    @Test
    void aRunningProcessIsAliveAndAnEndedOneIsNot() throws Exception {
        assertTrue(ClientCommands.alive(ProcessHandle.current().pid()));
        Process ended = new ProcessBuilder("/bin/true").start();
        assertEquals(0, ended.waitFor());
        assertFalse(ClientCommands.alive(ended.pid()));
    }

    @Test
    void aZombieHasEndedEvenWhileItsParentHasNotReapedIt() throws Exception {
        // a parent that never reaps its child, as some containers' init does with a daemon
        Process parent = new ProcessBuilder("/usr/bin/python3", "-c", """
                import os, sys, time
                child = os.fork()
                if child == 0:
                    os._exit(0)
                print(child, flush=True)
                time.sleep(60)
                """).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.US_ASCII))) {
            long child = Long.parseLong(out.readLine().strip());
            Path stat = Path.of("/proc", Long.toString(child), "stat");
            // the child exits at once; wait (bounded by @Timeout) until the kernel shows it as a zombie
            while (!Files.readString(stat).contains(") Z ")) {
                Thread.onSpinWait();
            }
            assertTrue(Files.exists(stat), "the zombie is still in /proc");
            assertFalse(ClientCommands.alive(child));
        } finally {
            parent.destroyForcibly().waitFor();
        }
    }
}
