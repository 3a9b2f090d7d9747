/**
 * The one module that talks to the kernel: inotify and the few other syscalls pirsyncd needs,
 * through the Foreign Function &amp; Memory API. Nothing outside it sees a {@code MemorySegment}.
 * It is the only module granted native access ({@code --enable-native-access=pirsyncd.inotify}).
 *
 * <p>It owns: the inotify file descriptor and its read buffer ({@link pirsyncd.inotify.Inotify}),
 * the wake-up eventfd, the parser of {@code struct inotify_event} records, directory listing by raw
 * bytes ({@link pirsyncd.inotify.Directories}), rename by raw bytes, getuid/getpid/setsid
 * ({@link pirsyncd.inotify.Posix}) and the systemd notification datagram
 * ({@link pirsyncd.inotify.SystemdNotify}). Keeping every native call here means one module to
 * audit and one flag to grant.
 */
module pirsyncd.inotify {
    // tinylog: the "inotify" log tag
    requires org.tinylog.api;

    exports pirsyncd.inotify;
}
