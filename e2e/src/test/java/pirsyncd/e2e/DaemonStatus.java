package pirsyncd.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of {@code status --json} this suite relies on (issue 7): the daemon's pid, the total of pending
 * changes and each target's state and pending count. The raw text is kept for failure messages.
 */
record DaemonStatus(long pid, long pending, long watches, List<Target> targets, String json) {

    /** One destination's line of the status. */
    record Target(String destination, String state, long pending, String lastError) {}

    DaemonStatus {
        targets = List.copyOf(targets);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static DaemonStatus parse(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<Target> targets = new ArrayList<>();
            for (JsonNode t : root.path("targets")) {
                targets.add(new Target(t.path("destination").asText(), t.path("state").asText(),
                        t.path("pending").asLong(-1), t.path("lastError").isNull() ? "" : t.path("lastError").asText()));
            }
            return new DaemonStatus(root.path("pid").asLong(-1), root.path("pending").asLong(-1),
                    root.path("watches").asLong(-1), targets, json.strip());
        } catch (IOException e) {
            throw new UncheckedIOException("status --json printed something that is not JSON: " + json, e);
        }
    }

    /** Nothing pending anywhere and every target idle: the daemon believes the replica is complete. */
    boolean settled() {
        return pending == 0 && !targets.isEmpty()
                && targets.stream().allMatch(t -> t.pending() == 0 && t.state().equals("idle"));
    }
}
