package pirsyncd.daemon;

import java.lang.management.ManagementFactory;
import pirsyncd.inotify.Posix;

/**
 * Sets up, on a background thread at the very start of a daemon, two things its main thread
 * needs a moment later and that take tens of milliseconds each to set up while that thread is
 * busy building the command line and reading the configuration:
 *
 * <ul>
 *   <li>the JDK's platform MBeans: tinylog's runtime (2.7, {@code ModernJavaRuntime}) asks for the
 *       {@code RuntimeMXBean} when logging starts, which loads and initialises
 *       {@code java.management} and {@code java.util.logging} (about 55 ms measured alone);
 *   <li>this project's native calls: the first one links every C function ({@link Posix#getuid},
 *       which cannot fail), when the JVM grants native access (otherwise the main thread says so).
 * </ul>
 *
 * <p>Nothing here may log: tinylog takes its configuration at the first message, and the main
 * thread sets it only after reading the configuration. (A first version checked native access
 * here, whose inotify test logs at debug level: the daemon then logged with tinylog's defaults.)
 *
 * <p>Nothing here has an effect the main thread does not repeat: if the background work has not
 * finished, the main thread waits for the class initialisation in progress or does it itself.
 * Measured (docs/benchmarks.md, "Tuning the launcher").
 */
final class StartupWarmUp {
    private StartupWarmUp() {}

    /** Starts the warm-up thread; returns at once. */
    static void begin() {
        Thread.ofPlatform().name("start-up warm-up").daemon().start(() -> {
            try {
                ManagementFactory.getRuntimeMXBean();
                if (Posix.class.getModule().isNativeAccessEnabled()) {
                    Posix.getuid();
                }
            } catch (RuntimeException | LinkageError e) {
                // the main thread meets the same failure where it can say it properly
            }
        });
    }
}
