package pirsyncd.rsync;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellQuoteTest {
    @Test
    void safeWordsStayBareOthersAreSingleQuoted() {
        assertEquals("rsync -a --delete /src/ host:/dst/",
                ShellQuote.commandLine(List.of("rsync", "-a", "--delete", "/src/", "host:/dst/")));
        assertEquals("'a b' 'it'\\''s' '$(x)' ''", ShellQuote.commandLine(List.of("a b", "it's", "$(x)", "")));
    }

    @Test
    void rsyncRshWordsDoubleTheirQuotes() {
        assertEquals("'a''b c'", ShellQuote.rsyncRshWord("a'b c"));
        assertEquals("BatchMode=yes", ShellQuote.rsyncRshWord("BatchMode=yes"));
    }

    @Test
    void shBytesKeepEveryByteLiteralInsideSingleQuotes() {
        byte[] raw = {'a', '\'', '\n', (byte) 0xff, '$'};
        assertEquals("'a'\\''\n\u00ff$'", new String(ShellQuote.shBytes(raw), ISO_8859_1));
    }

    @Test
    void printfArgumentsSpellEveryByteInPrintableAscii() {
        byte[] raw = {'a', ' ', '\'', '\\', '\n', (byte) 0xfe, '%', '7'};
        assertEquals("'a '\\''\\\\\\0012\\0376%7'", ShellQuote.printfArgument(raw));
    }

    @Test
    void aNulSeparatedListBecomesOnePrintfWordPerName() {
        byte[] list = {'.', '/', 'a', 0, '.', '/', 'b', ' ', 'c', 0};
        assertEquals("printf '%b\\0' './a' './b c'", ShellQuote.printfPipe(list));
        assertEquals("printf '%b' 'cd /x\\0012'", ShellQuote.printfPipe("cd /x\n".getBytes(ISO_8859_1)));
    }
}
