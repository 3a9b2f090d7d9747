package pirsyncd.e2e;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Frames a test run: a fresh {@link SummaryTable} (and {@code summary.txt}) when the launcher session
 * opens; when it closes — after the last test class, however many classes ran — every stopped daemon
 * has exited ({@link Exits}) and the whole table is printed once. Registered in {@code META-INF/services}, so Maven, an IDE or the console
 * launcher all pick it up.
 */
public final class SummarySessionListener implements LauncherSessionListener {
    /** Called by the launcher through {@link java.util.ServiceLoader}. */
    public SummarySessionListener() {}

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        SummaryTable.startRun();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Exits.drain();
        System.out.print(SummaryTable.render());
        System.out.flush();
    }
}
