/**
 * The daemon users touch: the {@code pirsyncd} command line (picocli), foreground and background
 * modes, instances with their pid files, the control socket, logging and systemd notification.
 * It wires the other modules into the running pipeline (watch → schedule → rsync) and owns the
 * process; it exports nothing.
 */
module pirsyncd.daemon {
    // picocli reflects on the command classes to build the CLI
    requires info.picocli;
    requires org.tinylog.api;
    // the logging back end; named so that jlink puts it in the image, and read for its Writer type
    requires org.tinylog.impl;
    // control socket replies (databind) and the client's light streaming parser (core)
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    // SO_PEERCRED: who is on the other end of the control socket
    requires jdk.net;

    opens pirsyncd.daemon to info.picocli, com.fasterxml.jackson.databind;
    // tinylog creates our writer by class name, reflectively from its API module
    exports pirsyncd.daemon.logging to org.tinylog.api;
}
