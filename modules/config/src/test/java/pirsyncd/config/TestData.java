package pirsyncd.config;

import java.nio.file.Path;

/** Where the shared test data lives, seen from the module folder surefire runs in. */
final class TestData {
    static final Path ROOT = Path.of("../../testdata");
    static final Path BAD = ROOT.resolve("bad-configs");
    static final Path GOOD = ROOT.resolve("good-configs");
    static final Path DOCS = Path.of("../../docs");

    private TestData() {}
}
