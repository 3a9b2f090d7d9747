/**
 * Configuration: the JSON config file and the command-line flags that override it, read with the
 * line and column of every value, validated before anything starts, and turned into the
 * effective settings ({@link pirsyncd.config.PirsyncdConfig}) the daemon runs on. Every problem
 * becomes one line {@code FILE:LINE:COL: FIELD: message with the fix}; all are reported at once,
 * with exit code 78 ({@code EX_CONFIG}). It also holds the catalogue of settings behind
 * {@code pirsyncd examples}.
 *
 * <p>It is a module of its own so that the daemon only prints what this module decides, and so
 * that the rules live in one place that needs no process, socket or native code to test.
 */
module pirsyncd.config {
    // ExcludeRules: the exclude patterns parsed once, the same for the watcher and rsync
    requires pirsyncd.model;
    // Destination, TransferOptions and PasswordFile: targets are the launcher's types and rules
    requires transitive pirsyncd.rsync;
    // the streaming parser, for line:column of every key and value (databind is not needed)
    requires com.fasterxml.jackson.core;

    exports pirsyncd.config;
}
