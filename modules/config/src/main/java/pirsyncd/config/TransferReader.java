package pirsyncd.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import pirsyncd.model.ExcludeRules;
import pirsyncd.rsync.Destination;
import pirsyncd.rsync.PasswordFile;
import pirsyncd.rsync.TransferOptions;

/**
 * Reads one target's rsync options into the launcher's {@link TransferOptions}: each key from the
 * target if it sets it, else from the top level, else the launcher's default
 * ({@link TransferOptions#defaults()}, the one place defaults live). Errors point at whichever
 * object the value came from; a top-level error met again for the next target is reported once.
 */
final class TransferReader {
    /** Options pirsyncd sets itself or exposes as settings; in extraArgs they would fight it. */
    private static final List<String[]> MANAGED = List.of(
            new String[] {"--files-from", "pirsyncd passes its own file list; remove it"},
            new String[] {"--from0", "pirsyncd sets it itself; remove it"},
            new String[] {"-0", "pirsyncd sets it itself; remove it"},
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

    static TransferOptions read(Section target, Section top, Destination destination, ExcludeRules excludes,
            boolean debugCommands, ReadContext context) {
        return new TransferReader(target, top, context).read(destination, excludes, debugCommands);
    }

    private Section pick(String key) {
        return target.has(key) ? target : top;
    }

    private TransferOptions read(Destination destination, ExcludeRules excludes, boolean debugCommands) {
        TransferOptions defaults = TransferOptions.defaults();
        TransferOptions.Builder b = defaults.toBuilder().excludes(excludes).debugCommands(debugCommands);
        String rsyncPath = pick("rsyncPath").string("rsyncPath").orElse(defaults.rsyncPath());
        b.rsyncPath(rsyncPath);
        FileRules.programProblem(rsyncPath, context.pathVariable(), "rsync")
                .ifPresent(p -> pick("rsyncPath").error("rsyncPath", p));
        pick("remoteRsyncPath").string("remoteRsyncPath").ifPresent(v -> b.remoteRsyncPath(Optional.of(v)));
        boolean partial = pick("partial").bool("partial").orElse(defaults.partial());
        b.partial(partial);
        Optional<String> partialDir = pick("partialDir").string("partialDir");
        if (partialDir.isPresent() && pick("partial").bool("partial").equals(Optional.of(false))) {
            pick("partialDir").error("partialDir", "needs partial; remove \"partial\": false or remove partialDir");
        }
        b.partialDir(partialDir.or(defaults::partialDir));
        boolean append = pick("append").bool("append").orElse(defaults.append());
        boolean appendVerify = pick("appendVerify").bool("appendVerify").orElse(defaults.appendVerify());
        if (append && appendVerify) {
            pick("appendVerify").error("appendVerify", "append and appendVerify exclude each other; keep one");
        }
        b.append(append).appendVerify(appendVerify);
        OptionalLong maxSize = size("maxSize", 1, true, "500M");
        OptionalLong minSize = size("minSize", 1, true, "1K");
        if (maxSize.isPresent() && minSize.isPresent() && minSize.getAsLong() > maxSize.getAsLong()) {
            pick("minSize").error("minSize", "is larger than maxSize, so nothing would be transferred; lower minSize or raise maxSize");
        }
        b.maxSize(maxSize.isPresent() ? maxSize : defaults.maxSize());
        b.minSize(minSize.isPresent() ? minSize : defaults.minSize());
        pick("delete").bool("delete").ifPresent(b::delete);
        pick("compress").bool("compress").ifPresent(b::compress);
        OptionalLong bwlimitBytes = size("bwlimit", 1024, false, "2M");
        if (bwlimitBytes.isPresent()) {
            // the launcher counts KiB/s, as rsync does for a plain number; 0 means no limit
            long kib = (bwlimitBytes.getAsLong() + 1023) / 1024;
            b.bwlimit(kib == 0 ? OptionalLong.empty() : OptionalLong.of(kib));
        }
        pick("checksum").bool("checksum").ifPresent(b::checksum);
        pick("timeout").integer("timeout", 0, 86_400, "300")
                .ifPresent(s -> b.timeout(s == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(s))));
        pick("contimeout").integer("contimeout", 0, 3_600, "20")
                .ifPresent(s -> b.contimeout(s == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(s))));
        pick("runTimeout").seconds("runTimeout", 1, "7200").ifPresent(d -> b.runTimeout(Optional.of(d)));
        b.extraArgs(extraArgs());
        pick("maxDelete").integer("maxDelete", 0, Integer.MAX_VALUE, "1000")
                .ifPresent(n -> b.maxDelete(OptionalInt.of(n.intValue())));
        pick("allowDeleteWhenSourceEmpty").bool("allowDeleteWhenSourceEmpty").ifPresent(b::allowDeleteWhenSourceEmpty);
        ssh(b, destination);
        // a top-level passwordFile is the default of the rsync daemon targets only; others never use one
        passwordFile(destination).filter(f -> destination instanceof Destination.RsyncDaemon)
                .ifPresent(f -> b.passwordFile(Optional.of(f)));
        writableFile(pick("rsyncLog"), "rsyncLog", context).ifPresent(f -> b.logFile(Optional.of(f)));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            // every rule of the launcher is checked above with a location; this is the backstop
            target.error("destination", "the rsync options are not usable: " + e.getMessage());
            return defaults;
        }
    }

    private OptionalLong size(String key, long plainUnit, boolean allowOffset, String example) {
        return SizeSyntax.read(pick(key), key, plainUnit, allowOffset, example)
                .map(text -> SizeSyntax.bytes(text, plainUnit, allowOffset))
                .orElse(OptionalLong.empty());
    }

    private List<String> extraArgs() {
        Section from = pick("extraArgs");
        List<String> args = from.strings("extraArgs", "[\"--acls\"]").orElse(List.of());
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            Origin at = from.itemOrigin("extraArgs", i);
            String field = FieldPath.index(from.field("extraArgs"), i);
            if (!arg.startsWith("-")) {
                from.problems().add(at, field, "\"" + arg + "\" is not an option; extraArgs holds rsync options only, one per element, e.g. \"--acls\"");
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            for (String[] managed : MANAGED) {
                boolean hit = managed[0].startsWith("--") ? name.startsWith(managed[0]) : name.equals(managed[0]);
                if (hit) {
                    from.problems().add(at, field, "\"" + arg + "\": " + managed[1]);
                    break;
                }
            }
        }
        return args;
    }

    private void ssh(TransferOptions.Builder b, Destination destination) {
        Optional<Section> own = target.section("ssh");
        Optional<Section> shared = top.section("ssh");
        own.ifPresent(s -> s.rejectUnknownKeys(Keys.SSH));
        shared.ifPresent(s -> s.rejectUnknownKeys(Keys.SSH));
        boolean isSsh = destination instanceof Destination.Ssh;
        if (own.isPresent() && !isSsh) {
            target.error("ssh", "applies to ssh destinations ([user@]host:path) only; remove it from this target");
        }
        sshPick(own, shared, "path").ifPresent(s -> s.string("path").ifPresent(program -> {
            // only an ssh destination runs it; for the others a missing ssh is no problem
            if (isSsh) {
                FileRules.programProblem(program, context.pathVariable(), "the ssh client (openssh-client)")
                        .ifPresent(p -> s.error("path", p));
            }
            b.sshPath(program);
        }));
        sshPick(own, shared, "port").flatMap(s -> s.integer("port", 1, 65_535, "2222"))
                .ifPresent(p -> b.sshPort(OptionalInt.of(p.intValue())));
        sshPick(own, shared, "identityFile").ifPresent(s -> s.string("identityFile").ifPresent(written -> {
            Path file = context.resolve(s.originOf("identityFile"), written);
            if (isSsh) {
                FileRules.identityFileProblem(file, written, context.uid()).ifPresent(p -> s.error("identityFile", p));
            }
            b.sshIdentityFile(Optional.of(file));
        }));
        sshPick(own, shared, "options").ifPresent(s -> s.strings("options", "[\"ConnectTimeout=10\"]").ifPresent(options -> {
            boolean ok = true;
            for (String option : options) {
                if (!option.matches("[A-Za-z][A-Za-z0-9]*=\\S.*")) {
                    s.error("options", "\"" + option + "\" is not an ssh option; write Name=value, e.g. \"ConnectTimeout=10\" (without -o)");
                    ok = false;
                }
            }
            if (ok) {
                b.sshOptions(options);
            }
        }));
    }

    private static Optional<Section> sshPick(Optional<Section> own, Optional<Section> shared, String key) {
        return own.filter(s -> s.has(key)).or(() -> shared.filter(s -> s.has(key)));
    }

    /** The launcher's {@link PasswordFile#check} holds the rule (mode 0600, regular file, our uid). */
    private Optional<Path> passwordFile(Destination destination) {
        Section from = pick("passwordFile");
        boolean daemon = destination instanceof Destination.RsyncDaemon;
        if (from == target && !daemon) {
            target.error("passwordFile", "applies to rsync daemon destinations (host::module, rsync://host/module) only; remove it from this target");
        }
        return from.string("passwordFile").flatMap(written -> {
            Path file;
            try {
                file = context.resolve(from.originOf("passwordFile"), written);
            } catch (InvalidPathException e) {
                from.error("passwordFile", "\"" + written + "\" is not a valid path; " + e.getReason());
                return Optional.empty();
            }
            if (daemon) {
                try {
                    PasswordFile.check(file);
                } catch (IllegalArgumentException e) {
                    from.error("passwordFile", "\"" + written + "\"" + withoutPrefix(e.getMessage(), "passwordFile " + file));
                }
            }
            return Optional.of(file);
        });
    }

    /** The launcher's messages start by naming the setting and file, which our format already does. */
    private static String withoutPrefix(String message, String prefix) {
        String text = message == null ? " is not usable" : message;
        return text.startsWith(prefix) ? text.substring(prefix.length()) : ": " + text;
    }

    /** A setting that names a file to be written: its folder must exist. Shared with the log settings. */
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
}
