package pirsyncd.rsync;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** File names that break naive tools: whitespace, control bytes, shell and glob syntax, 255 bytes, non-UTF-8. */
final class TortureNames {
    private TortureNames() {}

    static List<byte[]> all() {
        List<byte[]> names = new ArrayList<>();
        for (String text : List.of("with space", " leading space", "trailing space ", "new\nline", "tab\there",
                "carriage\rreturn", "-leading-dash", "--delete", "star*", "question?", "bracket[ab]", "back\\slash",
                "quote'single", "double\"quote", "$(touch pwned)", "`touch pwned`", ";semi|pipe&amp", "#hash",
                "~tilde", "ünïcødé ✓", "x".repeat(255))) {
            names.add(text.getBytes(StandardCharsets.UTF_8));
        }
        names.add(new byte[] {'l', 'a', 't', 'i', 'n', '1', '-', (byte) 0xe9, (byte) 0xff});
        names.add(new byte[] {(byte) 0xc3, 0x28, 'b', 'a', 'd'});
        names.add(new byte[] {(byte) 0x80, '\'', ' ', '*'});
        return names;
    }

    /** {@code directory/name}. */
    static byte[] join(byte[] directory, byte[] name) {
        byte[] joined = new byte[directory.length + 1 + name.length];
        System.arraycopy(directory, 0, joined, 0, directory.length);
        joined[directory.length] = '/';
        System.arraycopy(name, 0, joined, directory.length + 1, name.length);
        return joined;
    }
}
