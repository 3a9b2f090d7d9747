package pirsyncd.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * When a destination's next run is due: a pure function of its pending state and the settings,
 * so that the timing rules are tested with tables of instants, without threads or sleeps.
 */
final class RunTiming {
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
     */
    record Inputs(int pending, Instant firstChangeAt, Instant lastChangeAt, boolean urgent,
            Optional<Instant> retryAt, boolean held) {}

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
        return Optional.of(quiet.isBefore(cap) ? quiet : cap);
    }
}
