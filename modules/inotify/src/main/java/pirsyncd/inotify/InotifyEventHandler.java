package pirsyncd.inotify;

/**
 * Receives the events of one read, in kernel order, on the thread that called
 * {@link Inotify#awaitEvents} or {@link InotifyEvents#parse}.
 *
 * <p>If the handler throws, the exception propagates out of the read and the events remaining in
 * that buffer are lost; a watcher that cannot afford that must not throw.
 */
@FunctionalInterface
public interface InotifyEventHandler {
    /** Called once per event; the event's name array now belongs to the handler. */
    void onEvent(InotifyEvent event);
}
