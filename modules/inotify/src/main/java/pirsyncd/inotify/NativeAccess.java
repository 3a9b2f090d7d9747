package pirsyncd.inotify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Says, before anything else runs, whether this module's native calls can work here, and if not
 * why, in one line a person can act on.
 */
public final class NativeAccess {
    private NativeAccess() {}

    /**
     * Empty when native access works; otherwise one line: not Linux, an unsupported CPU
     * architecture, a kernel without inotify, or the missing
     * {@code --enable-native-access=pirsyncd.inotify} JVM flag.
     */
    public static Optional<String> unavailableReason() {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.of("pirsyncd needs Linux (inotify); this is " + os);
        }
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) {
            return Optional.of("pirsyncd's native calls support x86-64 and aarch64; this is " + arch);
        }
        Module module = NativeAccess.class.getModule();
        if (!module.isNativeAccessEnabled()) {
            String flag = module.isNamed() ? module.getName() : "ALL-UNNAMED";
            return Optional.of("native access is not enabled for " + (module.isNamed() ? flag : "the class path")
                    + "; start the JVM with --enable-native-access=" + flag);
        }
        if (!Files.isDirectory(Path.of("/proc/sys/fs/inotify"))) {
            return Optional.of("this kernel has no inotify (no /proc/sys/fs/inotify); build it with CONFIG_INOTIFY_USER=y");
        }
        try {
            Inotify.open().close();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot create an inotify instance: " + e.getMessage());
        } catch (LinkageError e) {
            return Optional.of("the C library lacks a needed function: " + e.getMessage());
        }
    }
}
