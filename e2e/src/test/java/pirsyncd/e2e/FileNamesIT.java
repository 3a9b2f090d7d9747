package pirsyncd.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * File names that break scripts: every one created, renamed and deleted as a file and as a directory,
 * on every destination kind. Made from bytes by {@code fsops.py}, so the bytes that are not UTF-8 reach
 * the kernel exactly; compared as bytes by both oracles. This scenario drives {@code pirsyncd run} in the
 * foreground (the others use {@code start}).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FileNamesIT {
    @RegisterExtension
    static final Summary SUMMARY = new Summary();

    /** The torture set of issues 5 and 8, and a few more that have bitten shell scripts. */
    static List<byte[]> tortureNames() {
        List<byte[]> names = new ArrayList<>();
        for (String name : List.of("with space", "new\nline", "tab\there", "-leading-dash", "--delete", "-",
                "*?[", "[a-z]", "back\\slash", "quote'\"$(touch pwned)`id`", " spaces around ", ".hidden",
                "#hash", "~tilde", "colon:name", "percent%s%n", "e\u0301-combining and \u00e9 precomposed",
                "x".repeat(255), "\u00e9".repeat(127) + "x")) {
            names.add(name.getBytes(StandardCharsets.UTF_8));
        }
        names.add(new byte[] {'l', 'a', 't', 'i', 'n', '-', (byte) 0xe9, (byte) 0xff, (byte) 0xfe});
        names.add(new byte[] {(byte) 0xc3, (byte) 0x28, '-', 'i', 'n', 'v', 'a', 'l', 'i', 'd'});
        names.add(new byte[] {'c', 't', 'r', 'l', 0x01, 0x1b, '[', '3', '1', 'm', 0x7f});
        return names;
    }

    @ParameterizedTest
    @EnumSource(DestinationKind.class)
    void everyTortureNameSurvivesCreateRenameAndDelete(DestinationKind kind) {
        List<byte[]> names = tortureNames();
        try (Mirror mirror = Mirror.create("file names: torture set of " + names.size(), kind)) {
            byte[] dirs = FsOps.bytes("dirs");
            FsOps before = mirror.ops().mkdir(dirs);
            for (byte[] name : names) {
                before.write(name, name);
            }
            before.apply();
            Daemon daemon = mirror.run();
            mirror.converge(daemon);

            FsOps changes = mirror.ops();
            for (byte[] name : names) {
                changes.mkdir(FsOps.join(dirs, name)).write(FsOps.join(FsOps.join(dirs, name), name), name);
            }
            changes.apply();
            mirror.converge(daemon);

            FsOps renames = mirror.ops();
            for (int i = 0; i < names.size(); i++) {
                byte[] name = names.get(i);
                byte[] other = names.get((i + 1) % names.size());
                // file NAME -> dirs/NAME/renamed-i; directory dirs/NAME -> dirs/r-i-OTHER(prefix)
                renames.rename(name, FsOps.join(FsOps.join(dirs, name), FsOps.bytes("renamed-" + i)));
                byte[] renamedDir = FsOps.join(dirs, prefixed("r" + i + "-", other));
                renames.rename(FsOps.join(dirs, name), renamedDir);
            }
            renames.apply();
            mirror.converge(daemon);

            FsOps deletes = mirror.ops();
            for (int i = 0; i < names.size(); i += 2) {
                deletes.rmtree(FsOps.join(dirs, prefixed("r" + i + "-", names.get((i + 1) % names.size()))));
            }
            deletes.apply();
            mirror.converge(daemon);
        }
    }

    /** {@code prefix + name}, cut to the 255 bytes a name may have. */
    private static byte[] prefixed(String prefix, byte[] name) {
        byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] joined = new byte[Math.min(255, head.length + name.length)];
        System.arraycopy(head, 0, joined, 0, head.length);
        System.arraycopy(name, 0, joined, head.length, joined.length - head.length);
        return joined;
    }
}
