package pirsyncd.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Renders a {@link PirsyncdConfig} as the readable, complete list {@code pirsyncd check} prints. */
final class Describer {
    private final StringBuilder out = new StringBuilder();

    private Describer() {}

    static String describe(PirsyncdConfig config) {
        Describer d = new Describer();
        d.line(0, "instance", config.instance());
        d.line(0, "config file", config.file().map(Path::toString).orElse("(none: flags only)"));
        d.line(0, "source", config.source().toString());
        ScheduleSettings s = config.schedule();
        d.line(0, "delay", seconds(s.delay()));
        d.line(0, "maxDelay", seconds(s.maxDelay()));
        d.line(0, "everyEvents", s.everyEvents() == 0 ? "0 (off)" : Long.toString(s.everyEvents()));
        d.line(0, "initialSync", Boolean.toString(s.initialSync()));
        d.line(0, "retry.initial", seconds(s.retryInitial()));
        d.line(0, "retry.max", seconds(s.retryMax()));
        d.line(0, "maxPending", Long.toString(s.maxPending()));
        d.line(0, "shutdownTimeout", seconds(config.shutdownTimeout()));
        d.line(0, "exclude", list(config.exclude()));
        LogSettings log = config.log();
        d.line(0, "log.file", log.file().map(Path::toString).orElse("(default)"));
        d.line(0, "log.level", log.level().spelling());
        for (String tag : List.of("inotify", "watch", "schedule", "rsync", "control", "config")) {
            d.line(0, "log.levels." + tag, log.levelFor(tag).spelling());
        }
        d.line(0, "log.maxSize", log.maxSizeBytes() + " bytes");
        d.line(0, "log.backups", Integer.toString(log.backups()));
        d.line(0, "debug.events", Boolean.toString(config.debug().events()));
        d.line(0, "debug.commands", Boolean.toString(config.debug().commands()));
        for (int i = 0; i < config.targets().size(); i++) {
            d.target(i, config.targets().get(i));
        }
        return d.out.toString();
    }

    private void target(int index, Target target) {
        out.append("targets[").append(index).append("]\n");
        line(1, "name", target.name());
        line(1, "destination", target.destination() + " (" + kind(target.kind()) + ")");
        TransferSettings t = target.transfer();
        line(1, "rsyncPath", t.rsyncPath());
        line(1, "remoteRsyncPath", or(t.remoteRsyncPath(), "(remote default)"));
        line(1, "partial", Boolean.toString(t.partial()));
        line(1, "partialDir", or(t.partialDir(), "(none)"));
        line(1, "append", Boolean.toString(t.append()));
        line(1, "appendVerify", Boolean.toString(t.appendVerify()));
        line(1, "maxSize", or(t.maxSize(), "(no limit)"));
        line(1, "minSize", or(t.minSize(), "(no limit)"));
        line(1, "delete", Boolean.toString(t.delete()));
        line(1, "compress", Boolean.toString(t.compress()));
        line(1, "bwlimit", or(t.bwlimit(), "(no limit)"));
        line(1, "checksum", Boolean.toString(t.checksum()));
        line(1, "timeout", t.timeoutSeconds() == 0 ? "0 (none)" : t.timeoutSeconds() + " s");
        line(1, "contimeout", t.contimeoutSeconds() == 0 ? "0 (default)" : t.contimeoutSeconds() + " s");
        line(1, "extraArgs", list(t.extraArgs()));
        line(1, "maxDelete", or(t.maxDelete(), "(no limit)"));
        line(1, "allowDeleteWhenSourceEmpty", Boolean.toString(t.allowDeleteWhenSourceEmpty()));
        line(1, "ssh.port", or(t.ssh().port(), "(ssh default)"));
        line(1, "ssh.identityFile", t.ssh().identityFile().map(Path::toString).orElse("(ssh default)"));
        line(1, "ssh.options", list(t.ssh().options()));
        line(1, "passwordFile", t.passwordFile().map(Path::toString).orElse("(none)"));
        line(1, "rsyncLog", t.rsyncLog().map(Path::toString).orElse("(none)"));
    }

    private void line(int indent, String key, String value) {
        out.append("  ".repeat(indent)).append(key).append(": ").append(value).append('\n');
    }

    private static String kind(DestinationKind kind) {
        return switch (kind) {
            case LOCAL -> "local";
            case SSH -> "ssh";
            case RSYNC_DAEMON -> "rsync daemon";
        };
    }

    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toNanos()).movePointLeft(9).stripTrailingZeros().toPlainString() + " s";
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? "(none)" : String.join(" ", values.stream().map(v -> "\"" + v + "\"").toList());
    }

    private static String or(Optional<String> value, String absent) {
        return value.orElse(absent);
    }

    private static String or(OptionalInt value, String absent) {
        return value.isPresent() ? Integer.toString(value.getAsInt()) : absent;
    }

    private static String or(OptionalLong value, String absent) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : absent;
    }
}
