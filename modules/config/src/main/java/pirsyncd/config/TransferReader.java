package pirsyncd.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads one target's rsync options: each key from the target if it sets it, else from the top
 * level, else the default. Errors point at whichever object the value came from; a top-level
 * error found again for the next target is reported once.
 */
final class TransferReader {
    /** Options pirsyncd sets itself or exposes as settings; in extraArgs they would fight it. */
    private static final List<String[]> MANAGED = List.of(
            new String[] {"--files-from", "pirsyncd passes its own file list; remove it"},
            new String[] {"--from0", "pirsyncd sets it itself; remove it"},
            new String[] {"-0", "pirsyncd sets it itself; remove it"},
            new String[] {"--delete", "use the \"delete\" setting instead"},
            new String[] {"--del", "use the \"delete\" setting instead"},
            new String[] {"--exclude", "use the \"exclude\" setting, which the watcher also honours"},
            new String[] {"--include", "use the \"exclude\" setting, which the watcher also honours"},
            new String[] {"--filter", "use the \"exclude\" setting, which the watcher also honours"},
            new String[] {"-e", "use the \"ssh\" settings instead"},
            new String[] {"--rsh", "use the \"ssh\" settings instead"},
            new String[] {"--remove-source-files", "a mirror must never delete its source; remove it"},
            new String[] {"--server", "it is for rsync's own use; remove it"},
            new String[] {"--daemon", "it is for rsync's own use; remove it"});

    private final Section target;
    private final Section top;
    private final ReadContext context;

    private TransferReader(Section target, Section top, ReadContext context) {
        this.target = target;
        this.top = top;
        this.context = context;
    }

    static TransferSettings read(Section target, Section top, DestinationKind kind, ReadContext context) {
        return new TransferReader(target, top, context).read(kind);
    }

    private Section pick(String key) {
        return target.has(key) ? target : top;
    }

    private TransferSettings read(DestinationKind kind) {
        String rsyncPath = pick("rsyncPath").string("rsyncPath").orElse("rsync");
        FileRules.programProblem(rsyncPath, context.pathVariable()).ifPresent(p -> pick("rsyncPath").error("rsyncPath", p));
        Optional<String> remoteRsyncPath = pick("remoteRsyncPath").string("remoteRsyncPath");
        boolean partial = pick("partial").bool("partial").orElse(true);
        Optional<String> partialDir = pick("partialDir").string("partialDir");
        if (partialDir.isPresent() && !partial) {
            pick("partialDir").error("partialDir", "needs partial; remove \"partial\": false or remove partialDir");
        }
        boolean append = pick("append").bool("append").orElse(false);
        boolean appendVerify = pick("appendVerify").bool("appendVerify").orElse(false);
        if (append && appendVerify) {
            pick("appendVerify").error("appendVerify", "append and appendVerify exclude each other; keep one");
        }
        Optional<String> maxSize = SizeSyntax.read(pick("maxSize"), "maxSize", 1, true, "500M");
        Optional<String> minSize = SizeSyntax.read(pick("minSize"), "minSize", 1, true, "1K");
        if (maxSize.isPresent() && minSize.isPresent()
                && SizeSyntax.bytes(minSize.get(), 1, true).getAsLong() > SizeSyntax.bytes(maxSize.get(), 1, true).getAsLong()) {
            pick("minSize").error("minSize", "\"" + minSize.get() + "\" is larger than maxSize \"" + maxSize.get()
                    + "\", so nothing would be transferred; lower minSize or raise maxSize");
        }
        boolean delete = pick("delete").bool("delete").orElse(true);
        boolean compress = pick("compress").bool("compress").orElse(false);
        Optional<String> bwlimit = SizeSyntax.read(pick("bwlimit"), "bwlimit", 1024, false, "2M")
                .filter(limit -> SizeSyntax.bytes(limit, 1024, false).getAsLong() != 0);
        boolean checksum = pick("checksum").bool("checksum").orElse(false);
        long timeout = pick("timeout").integer("timeout", 0, 86_400, "300").orElse(0L);
        long contimeout = pick("contimeout").integer("contimeout", 0, 3_600, "20").orElse(0L);
        List<String> extraArgs = extraArgs();
        OptionalLong maxDelete = pick("maxDelete").integer("maxDelete", 0, Integer.MAX_VALUE, "1000")
                .map(OptionalLong::of).orElse(OptionalLong.empty());
        boolean allowEmpty = pick("allowDeleteWhenSourceEmpty").bool("allowDeleteWhenSourceEmpty").orElse(false);
        SshSettings ssh = ssh(kind);
        Optional<Path> passwordFile = passwordFile(kind);
        Optional<Path> rsyncLog = writableFile(pick("rsyncLog"), "rsyncLog");
        return new TransferSettings(rsyncPath, remoteRsyncPath, partial, partialDir, append, appendVerify, maxSize, minSize,
                delete, compress, bwlimit, checksum, timeout, contimeout, extraArgs, maxDelete, allowEmpty, ssh,
                passwordFile, rsyncLog);
    }

    private List<String> extraArgs() {
        Section from = pick("extraArgs");
        List<String> args = from.strings("extraArgs", "[\"--acls\"]").orElse(List.of());
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                from.error("extraArgs", "\"" + arg + "\" is not an option; extraArgs holds rsync options only, one per element, e.g. \"--acls\"");
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            for (String[] managed : MANAGED) {
                boolean hit = managed[0].startsWith("--") ? name.startsWith(managed[0]) : name.equals(managed[0]);
                if (hit) {
                    from.error("extraArgs", "\"" + arg + "\": " + managed[1]);
                    break;
                }
            }
        }
        return args;
    }

    private SshSettings ssh(DestinationKind kind) {
        Optional<Section> own = target.section("ssh");
        Optional<Section> shared = top.section("ssh");
        own.ifPresent(s -> s.rejectUnknownKeys(Keys.SSH));
        shared.ifPresent(s -> s.rejectUnknownKeys(Keys.SSH));
        if (own.isPresent() && kind != DestinationKind.SSH) {
            target.error("ssh", "applies to ssh destinations ([user@]host:path) only; remove it from this target");
        }
        if (own.isEmpty() && shared.isEmpty()) {
            return SshSettings.DEFAULTS;
        }
        OptionalInt port = sshPick(own, shared, "port").flatMap(s -> s.integer("port", 1, 65_535, "2222"))
                .map(p -> OptionalInt.of(p.intValue())).orElse(OptionalInt.empty());
        Optional<Path> identity = sshPick(own, shared, "identityFile").flatMap(s -> s.string("identityFile").flatMap(written -> {
            Path file = context.resolve(s.originOf("identityFile"), written);
            Optional<String> problem = kind == DestinationKind.SSH
                    ? FileRules.identityFileProblem(file, written, context.uid()) : Optional.empty();
            problem.ifPresent(p -> s.error("identityFile", p));
            return Optional.of(file);
        }));
        List<String> options = sshPick(own, shared, "options").flatMap(s -> {
            Optional<List<String>> values = s.strings("options", "[\"ConnectTimeout=10\"]");
            values.ifPresent(list -> list.stream()
                    .filter(o -> !o.matches("[A-Za-z][A-Za-z0-9]*=\\S.*"))
                    .forEach(o -> s.error("options", "\"" + o + "\" is not an ssh option; write Name=value, e.g. \"ConnectTimeout=10\" (without -o)")));
            return values;
        }).orElse(List.of());
        return new SshSettings(port, identity, options);
    }

    private static Optional<Section> sshPick(Optional<Section> own, Optional<Section> shared, String key) {
        return own.filter(s -> s.has(key)).or(() -> shared.filter(s -> s.has(key)));
    }

    private Optional<Path> passwordFile(DestinationKind kind) {
        Section from = pick("passwordFile");
        if (from == target && target.has("passwordFile") && kind != DestinationKind.RSYNC_DAEMON) {
            target.error("passwordFile", "applies to rsync daemon destinations (host::module, rsync://host/module) only; remove it from this target");
        }
        return from.string("passwordFile").map(written -> {
            Path file = context.resolve(from.originOf("passwordFile"), written);
            FileRules.passwordFileProblem(file, written, context.uid()).ifPresent(p -> from.error("passwordFile", p));
            return file;
        });
    }

    /** A file setting that names a file to be written; shared with the log settings. */
    static Optional<Path> writableFile(Section from, String key, ReadContext context) {
        return from.string(key).flatMap(written -> {
            try {
                Path file = context.resolve(from.originOf(key), written);
                FileRules.writableFileProblem(file, written).ifPresent(p -> from.error(key, p));
                return Optional.of(file);
            } catch (InvalidPathException e) {
                from.error(key, "\"" + written + "\" is not a valid path; " + e.getReason());
                return Optional.empty();
            }
        });
    }

    private Optional<Path> writableFile(Section from, String key) {
        return writableFile(from, key, context);
    }
}
