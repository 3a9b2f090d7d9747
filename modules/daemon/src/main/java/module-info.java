/**
 * The daemon users touch: the {@code pirsyncd} command line (picocli), foreground and background
 * modes, instances with their pid files, the control socket, logging and systemd notification.
 * It wires the other modules into the running pipeline (watch → schedule → rsync) and owns the
 * process; it exports nothing.
 */
module pirsyncd.daemon {
    // the pipeline it wires: changes from the watch tree go to the scheduler, which runs one
    // rsync launcher per target; the config module turns file and flags into their settings
    requires pirsyncd.model;
    requires pirsyncd.watch;
    requires pirsyncd.schedule;
    requires pirsyncd.rsync;
    requires pirsyncd.config;
    // setsid for the background child, the systemd notify datagram, and why native access is missing
    requires pirsyncd.inotify;

    // picocli reflects on the command classes to build the CLI
    requires info.picocli;
    requires org.tinylog.api;
    // the logging back end; named so that jlink puts it in the image, and read for its Writer type
    requires org.tinylog.impl;
    // control socket replies (databind) and the client's light streaming parser (core)
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    // the RuntimeMXBean that tinylog asks for, set up early on a background thread (StartupWarmUp)
    requires java.management;
    // SO_PEERCRED: who is on the other end of the control socket
    requires jdk.net;
    // sun.misc.Signal: SIGTERM/SIGINT for a graceful stop with exit 0, SIGHUP to reopen the log
    requires jdk.unsupported;

    opens pirsyncd.daemon to info.picocli, com.fasterxml.jackson.databind;
    // tinylog creates our writer by class name, reflectively from its API module
    exports pirsyncd.daemon.logging to org.tinylog.api;
}
