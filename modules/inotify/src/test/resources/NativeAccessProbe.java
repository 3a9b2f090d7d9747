/** Run by NativeAccessIT in a child JVM (source-file mode) to print NativeAccess's verdict. */
public class NativeAccessProbe {
    public static void main(String[] args) {
        System.out.println(pirsyncd.inotify.NativeAccess.unavailableReason().orElse("available"));
    }
}
