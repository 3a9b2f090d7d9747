package pirsyncd.rsync;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Quoting for the three places a word has to survive being re-read: a command line shown to a
 * person (pasted into a POSIX shell), rsync's own split of its {@code -e} option, and the script a
 * remote login shell runs for a move. No argument vector ever goes through a shell here; the first
 * two are for display and for rsync's parser, the third is the one place a shell is unavoidable.
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
