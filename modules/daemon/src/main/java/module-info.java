/**
 * The daemon users touch: the {@code pirsyncd} command line (picocli), foreground and
 * background modes, the control socket and logging. It wires the other modules together and
 * owns the process; it exports nothing.
 */
module pirsyncd.daemon {
    // picocli reflects on the command classes to build the CLI
    requires info.picocli;
    requires org.tinylog.api;
    // the logging back end; named so that jlink puts it in the image
    requires org.tinylog.impl;

    opens pirsyncd.daemon to info.picocli;
}
