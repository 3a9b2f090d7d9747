package pirsyncd.daemon;

import java.util.Locale;

/**
 * One request on the control socket. On the wire it is one JSON object on one line, e.g.
 * {@code {"request":"status","format":"text"}}; the reply is one JSON object, then the daemon
 * closes the connection.
 *
 * @param command what is asked
 * @param format how a status reply should come back
 */
record ControlRequest(Command command, Format format) {

    /** The closed set of things a client may ask. */
    enum Command {
        /** The instance's state: reply field {@code status} (JSON) or {@code text} (table). */
        STATUS,
        /** Queue a full sync of every target; reply field {@code message}. */
        RESYNC,
        /** Flush pending changes with a final sync, then exit; the reply reports the flush. */
        STOP,
        /** The status figures in Prometheus text format; reply field {@code text}. */
        METRICS;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a status is rendered. */
    enum Format {
        /** Structured, for scripts. */
        JSON,
        /** A table for people. */
        TEXT;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The request as one JSON line; written by hand so that clients need no JSON object mapper. */
    String toJsonLine() {
        return "{\"request\":\"" + command.wireName() + "\",\"format\":\"" + format.wireName() + "\"}\n";
    }
}
