package pirsyncd.rsync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the deletion guard reads {@code rsync --list-only -d DEST/}: only a clear "not there" lets deletions through. */
class DeleteGuardTest {
    private static final String LISTED_DOT = "drwxr-xr-x          4,096 2026/11/29 23:05:58 .";
    private static final String LISTED_FILE = "-rw-r--r--              2 2026/11/29 23:05:58 f2";
    private static final String SUMMARY_23 =
            "rsync error: some files/attrs were not transferred (see previous errors) (code 23) at main.c(1394)";

    /** Lines are separated by {@code ;}; {@code dot} and {@code file} stand for listed entries, {@code -} for none. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            only the directory itself: empty                | 0   | false | dot      | -  | EMPTY
            an entry: not empty                             | 0   | false | dot;file | -  | NOT_EMPTY
            the top directory does not exist: missing       | 23  | false | -        | rsync: [sender] change_dir "/srv/m" failed: No such file or directory (2);summary | MISSING
            an rsync daemon says the same                   | 23  | false | -        | rsync: [sender] change_dir "/m" (in data) failed: No such file or directory (2);summary | MISSING
            an older rsync says link_stat                   | 23  | false | -        | rsync: link_stat "/srv/m/." failed: No such file or directory (2);summary | MISSING
            ssh chatter around it does not matter           | 23  | false | -        | Warning: Permanently added [127.0.0.1]:2222 (ED25519) to the list of known hosts.;rsync: change_dir "/srv/m" failed: No such file or directory (2);summary | MISSING
            a partly failed listing with entries: not empty | 23  | false | dot;file | rsync: [sender] readlink_stat("/srv/m/x") failed: Permission denied (13);summary | NOT_EMPTY
            a listing that failed otherwise: unknown        | 23  | false | -        | rsync: [sender] opendir "/srv/m/." failed: Permission denied (13);summary | UNKNOWN
            missing and another error: unknown              | 23  | false | -        | rsync: [sender] change_dir "/srv/m" failed: No such file or directory (2);rsync: [sender] read error: Input/output error (5);summary | UNKNOWN
            exit 23 without any complaint: unknown          | 23  | false | -        | summary | UNKNOWN
            not a directory: unknown                        | 23  | false | -        | rsync: [sender] change_dir "/srv/m" failed: Not a directory (20);summary | UNKNOWN
            ssh failed: unknown                             | 255 | false | -        | ssh: connect to host 10.0.0.9 port 22: Connection refused | UNKNOWN
            killed after the step limit: unknown            | -1  | true  | -        | -  | UNKNOWN
            """)
    void theListingIsReadStrictly(String description, int exitCode, boolean timedOut, String stdout, String stderr,
            DeleteGuard.State expected) {
        ProcessRun.Result listing = new ProcessRun.Result(exitCode, timedOut, lines(stdout), lines(stderr),
                Duration.ofMillis(5));
        assertEquals(expected, DeleteGuard.listed(listing), description);
    }

    private static List<String> lines(String spec) {
        if (spec.equals("-")) {
            return List.of();
        }
        return Arrays.stream(spec.split(";")).map(l -> switch (l) {
            case "dot" -> LISTED_DOT;
            case "file" -> LISTED_FILE;
            case "summary" -> SUMMARY_23;
            default -> l;
        }).toList();
    }
}
