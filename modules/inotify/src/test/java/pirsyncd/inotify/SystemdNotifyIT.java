package pirsyncd.inotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SystemdNotifyIT {
    @TempDir
    Path dir;

    @Test
    void sendsOneDatagramToASocketPath() throws Throwable {
        String path = dir.resolve("notify.sock").toString();
        try (DatagramReceiver receiver = new DatagramReceiver(path)) {
            SystemdNotify notify = SystemdNotify.forSocket(path);
            notify.send("READY=1\nSTATUS=watching 3 directories");
            notify.send("STOPPING=1");
            assertEquals("READY=1\nSTATUS=watching 3 directories", receiver.receive(10_000));
            assertEquals("STOPPING=1", receiver.receive(10_000));
        }
    }

    @Test
    void sendsToAnAbstractName() throws Throwable {
        String name = "@pirsyncd-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (DatagramReceiver receiver = new DatagramReceiver(name)) {
            SystemdNotify.forSocket(name).send("READY=1");
            assertEquals("READY=1", receiver.receive(10_000));
        }
    }

    @Test
    void missingSocketIsNoSuchFile() {
        String path = dir.resolve("absent.sock").toString();
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> SystemdNotify.forSocket(path).send("READY=1"));
        assertTrue(e.getMessage().startsWith(path + ": sendto"), e.getMessage());
    }

    @Test
    void unusableAddressesAreRejectedWithTheReason() {
        IllegalArgumentException relative = assertThrows(IllegalArgumentException.class,
                () -> SystemdNotify.forSocket("vsock:2:1234"));
        assertTrue(relative.getMessage().contains("neither an absolute socket path nor an @abstract name"));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> SystemdNotify.forSocket("/" + "x".repeat(120)));
        assertTrue(tooLong.getMessage().contains("at most 107"), tooLong.getMessage());
    }
}
