package pirsyncd.inotify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class NativeAccessIT {
    @Test
    void availableWhenTheModuleIsGrantedNativeAccess() {
        // surefire runs this module with --enable-native-access=pirsyncd.inotify (see the pom)
        assertEquals(Optional.empty(), NativeAccess.unavailableReason());
    }

    @Test
    void aJvmWithoutTheFlagIsToldWhichFlagIsMissing() throws Exception {
        assertEquals("native access is not enabled for the class path; start the JVM with "
                + "--enable-native-access=ALL-UNNAMED", probe(List.of()));
        assertEquals("available", probe(List.of("--enable-native-access=ALL-UNNAMED")));
    }

    /** Runs NativeAccessProbe.java in a child JVM with this module's classes on the class path. */
    private static String probe(List<String> jvmFlags) throws Exception {
        String classPath = location(NativeAccess.class) + File.pathSeparator + location(org.tinylog.Logger.class);
        Path probe = Path.of(NativeAccessIT.class.getResource("/NativeAccessProbe.java").toURI());
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", classPath, probe.toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(true, process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
