package pirsyncd.rsync;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Quoting for the places a word has to survive being re-read: a command line shown to a person
 * (pasted into a POSIX shell, its stdin spelled as a {@code printf}), rsync's own split of its
 * {@code -e} option, and the script a remote login shell runs for a move. No argument vector ever
 * goes through a shell here; the first two are for display and for rsync's parser, the last is
 * the one place a shell is unavoidable.
 */
final class ShellQuote {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuote() {}

    /** One word for a POSIX shell: left bare when that is safe, else in single quotes. */
    static String word(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** A whole command line for a POSIX shell, so {@code debug.commands} output can be pasted. */
    static String commandLine(List<String> argv) {
        return argv.stream().map(ShellQuote::word).collect(Collectors.joining(" "));
    }

    /**
     * One word for rsync's {@code -e} parser, which splits on spaces and honours single and double
     * quotes, a doubled quote inside standing for itself, and no backslashes (rsync(1), {@code --rsh}).
     */
    static String rsyncRshWord(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "''") + "'";
    }

    /**
     * A {@code printf} that writes exactly {@code stdin}: {@code printf '%b\0' 'a' 'b'} when it is
     * a NUL-terminated list (rsync's {@code --from0} names, filter rules, {@code xargs -0} input),
     * else {@code printf '%b' '...'} with the whole of it as one word.
     */
    static String printfPipe(byte[] stdin) {
        StringBuilder line = new StringBuilder();
        if (stdin.length > 0 && stdin[stdin.length - 1] == 0) {
            line.append("printf '%b\\0'");
            int start = 0;
            for (int i = 0; i < stdin.length; i++) {
                if (stdin[i] == 0) {
                    line.append(' ').append(printfArgument(java.util.Arrays.copyOfRange(stdin, start, i)));
                    start = i + 1;
                }
            }
        } else {
            line.append("printf '%b' ").append(printfArgument(stdin));
        }
        return line.toString();
    }

    /**
     * Raw bytes as one single-quoted argument for {@code printf '%b'}, in printable ASCII only: a
     * name's bytes need not be UTF-8 and may hold a newline, and a log line must stay one line that
     * any log encoding carries unchanged. Printable ASCII stands for itself, {@code \} is doubled,
     * {@code '} leaves the quotes as {@code '\''}, every other byte is {@code \0ooo} (three octal
     * digits, which %b turns back into that byte: POSIX printf, "%b").
     */
    static String printfArgument(byte[] raw) {
        StringBuilder word = new StringBuilder(raw.length + 2).append('\'');
        for (byte b : raw) {
            int c = b & 0xff;
            if (c == '\'') {
                word.append("'\\''");
            } else if (c == '\\') {
                word.append("\\\\");
            } else if (c >= 0x20 && c < 0x7f) {
                word.append((char) c);
            } else {
                word.append("\\0").append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                        .append((char) ('0' + (c & 7)));
            }
        }
        return word.append('\'').toString();
    }

    /**
     * Raw bytes in single quotes for sh: every byte but NUL and {@code '} stands for itself inside
     * single quotes (POSIX sh, 2.2.2), and {@code '} becomes {@code '\''}. File names cannot hold NUL.
     */
    static byte[] shBytes(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 8);
        out.write('\'');
        for (byte b : raw) {
            if (b == '\'') {
                out.writeBytes(new byte[] {'\'', '\\', '\'', '\''});
            } else {
                out.write(b);
            }
        }
        out.write('\'');
        return out.toByteArray();
    }
}
