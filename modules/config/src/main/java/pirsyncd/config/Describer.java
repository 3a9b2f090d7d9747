package pirsyncd.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import pirsyncd.rsync.Destination;
import pirsyncd.rsync.TransferOptions;

/** Renders a {@link PirsyncdConfig} as the readable, complete list {@code pirsyncd check} prints. */
final class Describer {
    private final StringBuilder out = new StringBuilder();

    private Describer() {}

    static String describe(PirsyncdConfig config, Optional<Path> defaultLogFile) {
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
        d.line(0, "exclude", list(config.exclude().patterns()));
        WatchSettings w = config.watch();
        d.line(0, "watch.unwatchedRescanInterval", seconds(w.unwatchedRescanInterval()));
        d.line(0, "watch.rootRetryInterval", seconds(w.rootRetryInterval()));
        d.line(0, "watch.maxWatches", w.maxWatches() == 0 ? "0 (as many as the kernel allows)" : Integer.toString(w.maxWatches()));
        LogSettings log = config.log();
        d.line(0, "log.file", log.file().map(Path::toString).orElseGet(() -> defaultLogFile
                .map(f -> f + " (the default, NAME.log in the runtime folder)")
                .orElse("(default: NAME.log in the runtime folder)")));
        d.line(0, "log.level", log.level().spelling());
        for (String tag : LogSettings.TAGS) {
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
        line(1, "destination", target.destination().display() + " (" + kind(target.destination()) + ")");
        TransferOptions t = target.options();
        line(1, "rsyncPath", t.rsyncPath());
        line(1, "remoteRsyncPath", t.remoteRsyncPath().orElse("(remote default)"));
        line(1, "partial", Boolean.toString(t.partial()));
        line(1, "partialDir", t.partialDir().orElse("(none)"));
        line(1, "append", Boolean.toString(t.append()));
        line(1, "appendVerify", Boolean.toString(t.appendVerify()));
        line(1, "maxSize", bytes(t.maxSize()));
        line(1, "minSize", bytes(t.minSize()));
        line(1, "delete", Boolean.toString(t.delete()));
        line(1, "compress", Boolean.toString(t.compress()));
        line(1, "bwlimit", t.bwlimit().isPresent() ? t.bwlimit().getAsLong() + " KiB/s" : "(no limit)");
        line(1, "checksum", Boolean.toString(t.checksum()));
        line(1, "timeout", t.timeout().map(Describer::seconds).orElse("0 (none)"));
        line(1, "contimeout", t.contimeout().map(Describer::seconds).orElse("0 (system default)"));
        line(1, "runTimeout", t.runTimeout().map(Describer::seconds).orElse("(none)"));
        line(1, "extraArgs", list(t.extraArgs()));
        line(1, "maxDelete", t.maxDelete().isPresent() ? Integer.toString(t.maxDelete().getAsInt()) : "(no limit)");
        line(1, "allowDeleteWhenSourceEmpty", Boolean.toString(t.allowDeleteWhenSourceEmpty()));
        line(1, "ssh.path", t.sshPath());
        line(1, "ssh.port", t.sshPort().isPresent() ? Integer.toString(t.sshPort().getAsInt()) : "(ssh default)");
        line(1, "ssh.identityFile", t.sshIdentityFile().map(Path::toString).orElse("(ssh default)"));
        line(1, "ssh.options", list(t.sshOptions()));
        line(1, "passwordFile", t.passwordFile().map(Path::toString).orElse("(none)"));
        line(1, "rsyncLog", t.logFile().map(Path::toString).orElse("(none)"));
    }

    private void line(int indent, String key, String value) {
        out.append("  ".repeat(indent)).append(key).append(": ").append(value).append('\n');
    }

    private static String kind(Destination destination) {
        return switch (destination) {
            case Destination.Local local -> "local";
            case Destination.Ssh ssh -> "ssh";
            case Destination.RsyncDaemon daemon -> "rsync daemon";
        };
    }

    private static String bytes(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() + " bytes" : "(no limit)";
    }

    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toNanos()).movePointLeft(9).stripTrailingZeros().toPlainString() + " s";
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? "(none)" : String.join(" ", values.stream().map(v -> "\"" + v + "\"").toList());
    }
}
