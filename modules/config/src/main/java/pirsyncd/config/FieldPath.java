package pirsyncd.config;

/** Field paths as people read them in messages: {@code targets[1].ssh.port}. */
final class FieldPath {
    private FieldPath() {}

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
