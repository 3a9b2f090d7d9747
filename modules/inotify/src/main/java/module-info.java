/**
 * The one module that talks to the kernel: inotify and the few other syscalls pirsyncd needs,
 * through the Foreign Function &amp; Memory API. Nothing outside it sees a {@code MemorySegment}.
 * It is the only module granted native access ({@code --enable-native-access=pirsyncd.inotify}).
 */
module pirsyncd.inotify {
    // tinylog: the "inotify" log tag
    requires org.tinylog.api;
}
