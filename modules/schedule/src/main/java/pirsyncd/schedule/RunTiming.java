package pirsyncd.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a destination's next run is due: a pure function of its pending state and the settings,
 * so that the timing rules are tested with tables of instants, without threads or sleeps.
 */
final class RunTiming {
    /**
     * How long a file still being written (a write reported without its close) must go without
     * another such write before a run starts anyway. Rewriting a file in place reports IN_MODIFY for
     * the truncate and for each write, then IN_CLOSE_WRITE, all within microseconds; at delay 0 the
     * first IN_MODIFY alone would start a run that copies a half-written file, and the close would
     * need a second run. 50 ms covers a writer that pauses between writes (a slow disk, a process
     * descheduled on a busy machine) while adding little to the latency of a file that is never
     * closed, such as one written through a mapping or held open by a logger. It only matters when
     * {@code delay} is shorter; then a close ends the wait at once.
     */
    static final Duration WRITE_QUIET = Duration.ofMillis(50);

    /**
     * The longest a file still being written holds a run back when {@code maxDelay} is 0 (the
     * default with delay 0), counted from the first pending change: a file appended to more often
     * than every {@link #WRITE_QUIET} for ever (a busy log) is still sent at least this often, and so
     * is everything pending with it. A positive {@code maxDelay} is the user's own bound and is kept.
     */
    static final Duration WRITE_CAP = Duration.ofSeconds(1);

    private RunTiming() {}

    /**
     * What the decision looks at.
     *
     * @param pending how many places are pending (0: nothing to run)
     * @param firstChangeAt when the pending set last went from empty to non-empty
     * @param lastChangeAt when the latest change arrived
     * @param urgent a full sync was asked for (start, resync) or the scheduler is flushing: run now
     * @param retryAt after a failed run, not before this; empty when the last run succeeded
     * @param held the last run stopped itself to protect the destination (max-delete): nothing runs,
     *     not even a flush, until a {@code resync} clears this
     * @param lastOpenWriteAt when the latest write without a close arrived, if some pending place is
     *     still being written ({@link WritesInProgress}); empty if none is
     */
    record Inputs(int pending, Instant firstChangeAt, Instant lastChangeAt, boolean urgent,
            Optional<Instant> retryAt, boolean held, Optional<Instant> lastOpenWriteAt) {}

    /** The instant the next run is due (run at once if it is not after now), or empty if nothing is pending. */
    static Optional<Instant> due(Inputs in, ScheduleSettings settings) {
        if (in.pending() == 0 || in.held()) {
            return Optional.empty();
        }
        if (in.urgent()) {
            return Optional.of(in.firstChangeAt());
        }
        if (in.retryAt().isPresent()) {
            // a failing destination is not hammered: new changes wait for the retry with the old batch
            return in.retryAt();
        }
        // pending counts places (and renames), not events: a thousand writes to one file are one
        // place, and running for them early would send the same single file
        if (settings.everyEvents() > 0 && in.pending() >= settings.everyEvents()) {
            return Optional.of(in.lastChangeAt());
        }
        Instant quiet = in.lastChangeAt().plus(settings.delay());
        Instant cap = in.firstChangeAt().plus(settings.maxDelay());
        Instant due = earlier(quiet, cap);
        if (in.lastOpenWriteAt().isPresent()) {
            // a file is still being written: not before its writer has been quiet for a moment, but
            // never later than the cap
            Instant settled = later(due, in.lastOpenWriteAt().get().plus(WRITE_QUIET));
            Instant writeCap = in.firstChangeAt().plus(settings.maxDelay().isZero() ? WRITE_CAP : settings.maxDelay());
            due = earlier(settled, writeCap);
        }
        return Optional.of(due);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
