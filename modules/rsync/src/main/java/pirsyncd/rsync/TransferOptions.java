package pirsyncd.rsync;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import pirsyncd.model.ExcludeRules;

/**
 * Every rsync option a target can set, with the daemon's defaults in {@link #defaults()}. Change
 * one with {@code TransferOptions.defaults().toBuilder().partial(true).build()}.
 *
 * @param rsyncPath the rsync binary to run here, a name looked up on PATH or an absolute path (the original's
 *     "definition of rsync version"); e.g. {@code /opt/rsync-3.4/bin/rsync}
 * @param remoteRsyncPath rsync on the remote side ({@code --rsync-path}), ssh destinations only; e.g. {@code
 *     sudo rsync} or {@code /usr/local/bin/rsync}
 * @param partial keep partly sent files so an interrupted big file resumes ({@code --partial}); e.g. {@code
 *     true}
 * @param partialDir where partly sent files wait, relative to their directory ({@code --partial-dir}; implies
 *     partial); e.g. {@code .rsync-partial}
 * @param append append to shorter destination files instead of rewriting them, for logs that only grow
 *     ({@code --append}); e.g. {@code true}
 * @param appendVerify like append, but check the whole file afterwards ({@code --append-verify}); e.g. {@code
 *     true}
 * @param maxSize skip files larger than this many bytes ({@code --max-size}; the original's MAX-SIZE); e.g.
 *     {@code 1073741824} for 1 GiB
 * @param minSize skip files smaller than this many bytes ({@code --min-size}; the original's MIN-SIZE); e.g.
 *     {@code 1}
 * @param delete propagate deletions; when false nothing is ever deleted at the destination; e.g. {@code
 *     false} for an archive that only grows
 * @param compress compress data on the wire ({@code -z}); worth it on slow links only; e.g. {@code true}
 * @param bwlimit bandwidth limit in KiB per second ({@code --bwlimit}); e.g. {@code 5000}
 * @param checksum compare whole trees by checksum instead of size and mtime ({@code --checksum}) in full and
 *     tree runs; reads every file on both sides; e.g. {@code true}
 * @param timeout rsync gives up when no data moves for this long ({@code --timeout}, whole seconds; exit 30,
 *     retried); e.g. {@code PT5M}
 * @param contimeout how long to wait for the connection ({@code --contimeout} for an rsync daemon, ssh {@code
 *     ConnectTimeout} for ssh); e.g. {@code PT30S}
 * @param runTimeout a run still going after this long is killed (the whole process) and retried; empty for no
 *     limit, because a first sync of a big tree may take hours; also bounds the helper steps (renames, the
 *     destination listing), see {@link #stepTimeout()}; e.g. {@code PT2H}
 * @param extraArgs more rsync arguments, placed before source and destination, each one argument; e.g. {@code
 *     ["--one-file-system", "--safe-links"]}
 * @param maxDelete at most this many deletions per batch ({@code --max-delete}; the runs of one batch share
 *     the allowance); more stops the run (exit 25) and holds the target until a person asks for a
 *     {@code resync}; e.g. {@code 1000}
 * @param allowDeleteWhenSourceEmpty let deletions through even when the source root is missing or empty while
 *     the destination is not; off so that an unmounted source cannot wipe the mirror; e.g. {@code true} when
 *     emptying the source is intended
 * @param sshPath the ssh client for ssh destinations; e.g. {@code /usr/bin/ssh}
 * @param sshPort ssh port ({@code ssh -p}); e.g. {@code 2222}
 * @param sshIdentityFile private key for ssh ({@code ssh -i}); e.g. {@code /etc/pirsyncd/id_ed25519}
 * @param sshOptions ssh options, each {@code Key=Value} given as {@code ssh -o}; e.g. {@code
 *     ["UserKnownHostsFile=/etc/pirsyncd/known_hosts"]}
 * @param passwordFile rsync daemon password ({@code --password-file}); must be a regular file of mode 0600
 *     owned by the running user, see {@link PasswordFile#check}; e.g. {@code /etc/pirsyncd/nas.secret}
 * @param logFile rsync's own per-target log ({@code --log-file}; the original's rsync logging); e.g. {@code
 *     /var/log/pirsyncd/nas.log}
 * @param debugCommands log every command a target runs (rsync, the destination listing, the renames), with
 *     its stdin, as one line that can be pasted into a shell (the original's "debugging rsync command"); e.g.
 *     {@code true}
 * @param excludes exclude rules in rsync syntax ({@code --exclude}), the same ones the watcher applies; e.g.
 *     {@code ExcludeRules.of("*.tmp", "/cache/")}
 */
public record TransferOptions(
        String rsyncPath,
        Optional<String> remoteRsyncPath,
        boolean partial,
        Optional<String> partialDir,
        boolean append,
        boolean appendVerify,
        OptionalLong maxSize,
        OptionalLong minSize,
        boolean delete,
        boolean compress,
        OptionalLong bwlimit,
        boolean checksum,
        Optional<Duration> timeout,
        Optional<Duration> contimeout,
        Optional<Duration> runTimeout,
        List<String> extraArgs,
        OptionalInt maxDelete,
        boolean allowDeleteWhenSourceEmpty,
        String sshPath,
        OptionalInt sshPort,
        Optional<Path> sshIdentityFile,
        List<String> sshOptions,
        Optional<Path> passwordFile,
        Optional<Path> logFile,
        boolean debugCommands,
        ExcludeRules excludes) {

    public TransferOptions {
        Objects.requireNonNull(rsyncPath, "rsyncPath");
        Objects.requireNonNull(remoteRsyncPath, "remoteRsyncPath");
        Objects.requireNonNull(partialDir, "partialDir");
        Objects.requireNonNull(maxSize, "maxSize");
        Objects.requireNonNull(minSize, "minSize");
        Objects.requireNonNull(bwlimit, "bwlimit");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(contimeout, "contimeout");
        Objects.requireNonNull(runTimeout, "runTimeout");
        Objects.requireNonNull(extraArgs, "extraArgs");
        Objects.requireNonNull(maxDelete, "maxDelete");
        Objects.requireNonNull(sshPath, "sshPath");
        Objects.requireNonNull(sshPort, "sshPort");
        Objects.requireNonNull(sshIdentityFile, "sshIdentityFile");
        Objects.requireNonNull(sshOptions, "sshOptions");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(excludes, "excludes");
        extraArgs = List.copyOf(extraArgs);
        sshOptions = List.copyOf(sshOptions);
        requireNonBlank(rsyncPath, "rsyncPath", "/usr/bin/rsync");
        requireNonBlank(sshPath, "sshPath", "/usr/bin/ssh");
        requireNotNegative(maxSize, "maxSize");
        requireNotNegative(minSize, "minSize");
        requireNotNegative(bwlimit, "bwlimit");
        if (maxDelete.isPresent() && maxDelete.getAsInt() < 0) {
            throw new IllegalArgumentException("maxDelete: " + maxDelete.getAsInt()
                    + " is negative; give 0 to forbid deletions or leave it out for no limit");
        }
        requireWholeSeconds(timeout, "timeout");
        requireWholeSeconds(contimeout, "contimeout");
        runTimeout.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("runTimeout: " + d + " must be positive, e.g. PT2H");
            }
        });
        if (sshPort.isPresent() && (sshPort.getAsInt() < 1 || sshPort.getAsInt() > 65535)) {
            throw new IllegalArgumentException("sshPort: " + sshPort.getAsInt() + " is not a port from 1 to 65535");
        }
        for (String option : sshOptions) {
            if (option.indexOf('=') <= 0) {
                throw new IllegalArgumentException("sshOptions: '" + option
                        + "' is not Key=Value, e.g. ServerAliveInterval=30");
            }
        }
    }

    /** The limit for a helper step when {@link #runTimeout()} is not set. */
    static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofMinutes(5);

    /**
     * How long a helper step (the renames, the destination listing of the deletion guard) may take
     * before it is killed and the batch retried: {@link #runTimeout()} if set, else 5 minutes, or
     * {@link #timeout()} if that is longer (a user with a slow link has said so there). Unlike an
     * rsync run, a helper step never has a reason to take hours.
     */
    public Duration stepTimeout() {
        if (runTimeout.isPresent()) {
            return runTimeout.get();
        }
        return timeout.filter(t -> t.compareTo(DEFAULT_STEP_TIMEOUT) > 0).orElse(DEFAULT_STEP_TIMEOUT);
    }

    private static void requireNonBlank(String value, String name, String example) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + ": is empty; name the program, e.g. " + example);
        }
    }

    private static void requireNotNegative(OptionalLong value, String name) {
        if (value.isPresent() && value.getAsLong() < 0) {
            throw new IllegalArgumentException(name + ": " + value.getAsLong() + " is negative; give a size in bytes");
        }
    }

    private static void requireWholeSeconds(Optional<Duration> value, String name) {
        value.ifPresent(d -> {
            if (d.toSeconds() < 1 || d.toNanosPart() != 0) {
                throw new IllegalArgumentException(name + ": " + d
                        + " must be a whole number of seconds, at least one (rsync counts seconds), e.g. PT30S");
            }
        });
    }

    /** The defaults: delete on, rsync I/O timeout 5 minutes, connection timeout 30 seconds, nothing else. */
    public static TransferOptions defaults() {
        return new Builder().build();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
            b.rsyncPath = rsyncPath;
            b.remoteRsyncPath = remoteRsyncPath;
            b.partial = partial;
            b.partialDir = partialDir;
            b.append = append;
            b.appendVerify = appendVerify;
            b.maxSize = maxSize;
            b.minSize = minSize;
            b.delete = delete;
            b.compress = compress;
            b.bwlimit = bwlimit;
            b.checksum = checksum;
            b.timeout = timeout;
            b.contimeout = contimeout;
            b.runTimeout = runTimeout;
            b.extraArgs = extraArgs;
            b.maxDelete = maxDelete;
            b.allowDeleteWhenSourceEmpty = allowDeleteWhenSourceEmpty;
            b.sshPath = sshPath;
            b.sshPort = sshPort;
            b.sshIdentityFile = sshIdentityFile;
            b.sshOptions = sshOptions;
            b.passwordFile = passwordFile;
            b.logFile = logFile;
            b.debugCommands = debugCommands;
            b.excludes = excludes;
        return b;
    }

    /** Builds {@link TransferOptions}; starts from the defaults. */
    public static final class Builder {
        private String rsyncPath = "rsync";
        private Optional<String> remoteRsyncPath = Optional.empty();
        private boolean partial = false;
        private Optional<String> partialDir = Optional.empty();
        private boolean append = false;
        private boolean appendVerify = false;
        private OptionalLong maxSize = OptionalLong.empty();
        private OptionalLong minSize = OptionalLong.empty();
        private boolean delete = true;
        private boolean compress = false;
        private OptionalLong bwlimit = OptionalLong.empty();
        private boolean checksum = false;
        private Optional<Duration> timeout = Optional.of(Duration.ofMinutes(5));
        private Optional<Duration> contimeout = Optional.of(Duration.ofSeconds(30));
        private Optional<Duration> runTimeout = Optional.empty();
        private List<String> extraArgs = List.of();
        private OptionalInt maxDelete = OptionalInt.empty();
        private boolean allowDeleteWhenSourceEmpty = false;
        private String sshPath = "ssh";
        private OptionalInt sshPort = OptionalInt.empty();
        private Optional<Path> sshIdentityFile = Optional.empty();
        private List<String> sshOptions = List.of();
        private Optional<Path> passwordFile = Optional.empty();
        private Optional<Path> logFile = Optional.empty();
        private boolean debugCommands = false;
        private ExcludeRules excludes = ExcludeRules.NONE;

        /** A builder holding the defaults. */
        public Builder() {}

        /** Sets {@link TransferOptions#rsyncPath()}. */
        public Builder rsyncPath(String value) {
            this.rsyncPath = value;
            return this;
        }

        /** Sets {@link TransferOptions#remoteRsyncPath()}. */
        public Builder remoteRsyncPath(Optional<String> value) {
            this.remoteRsyncPath = value;
            return this;
        }

        /** Sets {@link TransferOptions#partial()}. */
        public Builder partial(boolean value) {
            this.partial = value;
            return this;
        }

        /** Sets {@link TransferOptions#partialDir()}. */
        public Builder partialDir(Optional<String> value) {
            this.partialDir = value;
            return this;
        }

        /** Sets {@link TransferOptions#append()}. */
        public Builder append(boolean value) {
            this.append = value;
            return this;
        }

        /** Sets {@link TransferOptions#appendVerify()}. */
        public Builder appendVerify(boolean value) {
            this.appendVerify = value;
            return this;
        }

        /** Sets {@link TransferOptions#maxSize()}. */
        public Builder maxSize(OptionalLong value) {
            this.maxSize = value;
            return this;
        }

        /** Sets {@link TransferOptions#minSize()}. */
        public Builder minSize(OptionalLong value) {
            this.minSize = value;
            return this;
        }

        /** Sets {@link TransferOptions#delete()}. */
        public Builder delete(boolean value) {
            this.delete = value;
            return this;
        }

        /** Sets {@link TransferOptions#compress()}. */
        public Builder compress(boolean value) {
            this.compress = value;
            return this;
        }

        /** Sets {@link TransferOptions#bwlimit()}. */
        public Builder bwlimit(OptionalLong value) {
            this.bwlimit = value;
            return this;
        }

        /** Sets {@link TransferOptions#checksum()}. */
        public Builder checksum(boolean value) {
            this.checksum = value;
            return this;
        }

        /** Sets {@link TransferOptions#timeout()}. */
        public Builder timeout(Optional<Duration> value) {
            this.timeout = value;
            return this;
        }

        /** Sets {@link TransferOptions#contimeout()}. */
        public Builder contimeout(Optional<Duration> value) {
            this.contimeout = value;
            return this;
        }

        /** Sets {@link TransferOptions#runTimeout()}. */
        public Builder runTimeout(Optional<Duration> value) {
            this.runTimeout = value;
            return this;
        }

        /** Sets {@link TransferOptions#extraArgs()}. */
        public Builder extraArgs(List<String> value) {
            this.extraArgs = value;
            return this;
        }

        /** Sets {@link TransferOptions#maxDelete()}. */
        public Builder maxDelete(OptionalInt value) {
            this.maxDelete = value;
            return this;
        }

        /** Sets {@link TransferOptions#allowDeleteWhenSourceEmpty()}. */
        public Builder allowDeleteWhenSourceEmpty(boolean value) {
            this.allowDeleteWhenSourceEmpty = value;
            return this;
        }

        /** Sets {@link TransferOptions#sshPath()}. */
        public Builder sshPath(String value) {
            this.sshPath = value;
            return this;
        }

        /** Sets {@link TransferOptions#sshPort()}. */
        public Builder sshPort(OptionalInt value) {
            this.sshPort = value;
            return this;
        }

        /** Sets {@link TransferOptions#sshIdentityFile()}. */
        public Builder sshIdentityFile(Optional<Path> value) {
            this.sshIdentityFile = value;
            return this;
        }

        /** Sets {@link TransferOptions#sshOptions()}. */
        public Builder sshOptions(List<String> value) {
            this.sshOptions = value;
            return this;
        }

        /** Sets {@link TransferOptions#passwordFile()}. */
        public Builder passwordFile(Optional<Path> value) {
            this.passwordFile = value;
            return this;
        }

        /** Sets {@link TransferOptions#logFile()}. */
        public Builder logFile(Optional<Path> value) {
            this.logFile = value;
            return this;
        }

        /** Sets {@link TransferOptions#debugCommands()}. */
        public Builder debugCommands(boolean value) {
            this.debugCommands = value;
            return this;
        }

        /** Sets {@link TransferOptions#excludes()}. */
        public Builder excludes(ExcludeRules value) {
            this.excludes = value;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException naming the option that is out of range
         */
        public TransferOptions build() {
            return new TransferOptions(rsyncPath, remoteRsyncPath, partial, partialDir, append, appendVerify,
                    maxSize, minSize, delete, compress, bwlimit, checksum, timeout, contimeout, runTimeout, extraArgs,
                    maxDelete, allowDeleteWhenSourceEmpty, sshPath, sshPort, sshIdentityFile, sshOptions,
                    passwordFile, logFile, debugCommands, excludes);
        }
    }
}
