package pirsyncd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stop asked for while the daemon starts is not lost, and is handed over once. */
class StopSwitchTest {
    private final List<String> stops = new ArrayList<>();

    @Test
    void aRequestBeforeTheDaemonExistsReachesItWhenAttached() {
        StopSwitch stopSwitch = new StopSwitch();
        stopSwitch.request("SIGTERM");
        stopSwitch.request("SIGINT");
        assertEquals(List.of(), stops);
        stopSwitch.attach(stops::add);
        assertEquals(List.of("SIGTERM"), stops, "the first reason, once");
    }

    @Test
    void aRequestAfterAttachGoesStraightToTheDaemon() {
        StopSwitch stopSwitch = new StopSwitch();
        stopSwitch.attach(stops::add);
        assertEquals(List.of(), stops);
        stopSwitch.request("SIGTERM");
        assertEquals(List.of("SIGTERM"), stops);
    }
}
