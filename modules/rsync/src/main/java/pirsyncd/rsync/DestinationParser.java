package pirsyncd.rsync;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads rsync's destination syntax; the rules are rsync(1)'s, the messages say how to fix a mistake. */
final class DestinationParser {
    private static final String FORMS =
            "write /local/dir, [user@]host:/path (ssh), rsync://[user@]host[:port]/module/path or host::module/path";

    private DestinationParser() {}

    static Destination parse(String text) {
        if (text == null || text.isBlank()) {
            throw bad("destination is empty", text);
        }
        if (text.indexOf('\0') >= 0 || text.indexOf('\n') >= 0) {
            throw bad("destination contains a NUL or newline character", text);
        }
        if (text.startsWith("rsync://")) {
            return parseUrl(text, text.substring("rsync://".length()));
        }
        int colon = text.indexOf(':');
        int slash = text.indexOf('/');
        boolean remote = colon >= 0 && (slash < 0 || colon < slash);
        // an IPv6 literal in brackets holds colons of its own: [::1]:/path
        int bracketEnd = hostBracketEnd(text);
        if (bracketEnd > 0) {
            colon = text.indexOf(':', bracketEnd);
            remote = colon == bracketEnd + 1;
        }
        if (!remote) {
            return local(text);
        }
        String login = text.substring(0, colon);
        if (text.startsWith("::", colon)) {
            return parseDoubleColon(text, login, text.substring(colon + 2));
        }
        String path = text.substring(colon + 1);
        Login parsed = Login.of(login, text);
        if (path.isEmpty()) {
            throw bad("ssh destination has no path (rsync would use the remote home directory, and --delete"
                    + " would then mirror over it); write " + login + ":/absolute/path or " + login + ":.", text);
        }
        return new Destination.Ssh(parsed.user(), parsed.host(), path);
    }

    /** The index of the ']' closing a bracketed host such as {@code user@[::1]:/path}, or -1. */
    private static int hostBracketEnd(String text) {
        int at = text.indexOf('@');
        int slash = text.indexOf('/');
        int open = at >= 0 && (slash < 0 || at < slash) ? at + 1 : 0;
        if (open >= text.length() || text.charAt(open) != '[') {
            return -1;
        }
        return text.indexOf(']', open);
    }

    private static Destination local(String text) {
        try {
            return new Destination.Local(Path.of(text));
        } catch (InvalidPathException e) {
            throw bad("not a valid local path (" + e.getReason() + ")", text);
        }
    }

    private static Destination parseDoubleColon(String text, String login, String modulePath) {
        Login parsed = Login.of(login, text);
        ModulePath mp = ModulePath.of(modulePath, text);
        return new Destination.RsyncDaemon(parsed.user(), parsed.host(), OptionalInt.empty(), mp.module(),
                mp.path());
    }

    private static Destination parseUrl(String text, String rest) {
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw bad("rsync:// destination has no module", text);
        }
        String authority = rest.substring(0, slash);
        int at = authority.lastIndexOf('@');
        Optional<String> user = at >= 0 ? Optional.of(authority.substring(0, at)) : Optional.empty();
        String hostPort = authority.substring(at + 1);
        OptionalInt port = OptionalInt.empty();
        String host = hostPort;
        int portColon = hostPort.startsWith("[") ? hostPort.indexOf(':', hostPort.indexOf(']')) : hostPort.indexOf(':');
        if (portColon >= 0) {
            host = hostPort.substring(0, portColon);
            port = OptionalInt.of(parsePort(hostPort.substring(portColon + 1), text));
        }
        host = unbracket(host);
        if (host.isEmpty() || user.map(String::isEmpty).orElse(false)) {
            throw bad("rsync:// destination has an empty user or host", text);
        }
        ModulePath mp = ModulePath.of(rest.substring(slash + 1), text);
        return new Destination.RsyncDaemon(user, host, port, mp.module(), mp.path());
    }

    private static int parsePort(String digits, String text) {
        try {
            int port = Integer.parseInt(digits);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw bad("port '" + digits + "' is not a number from 1 to 65535", text);
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static IllegalArgumentException bad(String what, String text) {
        return new IllegalArgumentException("destination '" + text + "': " + what + "; " + FORMS);
    }

    private record Login(Optional<String> user, String host) {
        static Login of(String login, String text) {
            int at = login.lastIndexOf('@');
            String user = at >= 0 ? login.substring(0, at) : null;
            String host = unbracket(login.substring(at + 1));
            if (host.isEmpty() || (user != null && user.isEmpty())) {
                throw bad("empty user or host before ':'", text);
            }
            if (host.startsWith("-") || (user != null && user.startsWith("-"))) {
                throw bad("a host or user cannot start with '-' (ssh would read it as an option)", text);
            }
            return new Login(Optional.ofNullable(user), host);
        }
    }

    private record ModulePath(String module, String path) {
        static ModulePath of(String modulePath, String text) {
            String trimmed = stripSlashes(modulePath);
            int slash = trimmed.indexOf('/');
            String module = slash < 0 ? trimmed : trimmed.substring(0, slash);
            String path = slash < 0 ? "" : stripSlashes(trimmed.substring(slash + 1));
            if (module.isEmpty()) {
                throw bad("rsync daemon destination has no module name (see the daemon's rsyncd.conf [module])",
                        text);
            }
            return new ModulePath(module, path);
        }

        private static String stripSlashes(String s) {
            int from = 0;
            int to = s.length();
            while (from < to && s.charAt(from) == '/') {
                from++;
            }
            while (to > from && s.charAt(to - 1) == '/') {
                to--;
            }
            return s.substring(from, to);
        }
    }
}
