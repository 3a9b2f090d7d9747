package pirsyncd.inotify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reads events from an Inotify until a condition over everything read so far holds, or a deadline. */
final class EventCollector {
    private final Inotify inotify;
    private final List<InotifyEvent> events = new ArrayList<>();

    EventCollector(Inotify inotify) {
        this.inotify = inotify;
    }

    /** Reads until {@code done} holds for the events so far; fails with what was read if the deadline passes. */
    List<InotifyEvent> until(Predicate<List<InotifyEvent>> done, long timeoutSeconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!done.test(events)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeoutSeconds + " s; " + events.size()
                        + " events read" + (events.size() > 50 ? ", the last: " + events.subList(events.size() - 50, events.size())
                        : ": " + events));
            }
            inotify.awaitEvents(events::add, 200);
        }
        return events;
    }

    /** Reads until an event matching {@code wanted} was read. */
    InotifyEvent awaitEvent(Predicate<InotifyEvent> wanted) throws IOException {
        until(list -> list.stream().anyMatch(wanted), 20);
        return events.stream().filter(wanted).findFirst().orElseThrow();
    }

    List<InotifyEvent> events() {
        return events;
    }
}
