package pirsyncd.watch;

import java.util.List;
import java.util.StringJoiner;
import pirsyncd.inotify.InotifyEvent;
import pirsyncd.inotify.InotifyMask;
import pirsyncd.model.Change;
import pirsyncd.model.RelativePath;

/**
 * The lines of the {@code debug.events} log: each raw inotify event with the directory it came
 * from and the changes it became, so a person can see why a change was (or was not) reported.
 *
 * <pre>
 * IN_CREATE|IN_ISDIR wd=3 cookie=0 name=new in docs -&gt; Created(docs/new, DIRECTORY)
 * IN_MOVED_FROM wd=3 cookie=77 name=a in docs -&gt; held for its IN_MOVED_TO
 * IN_MODIFY wd=4 cookie=0 name=f in (unknown wd 4) -&gt; nothing
 * </pre>
 *
 * Names are shown escaped ({@link RelativePath#escape}), so a name that is not UTF-8 is still
 * told apart from its neighbours.
 */
final class EventLog {
    private EventLog() {}

    /** One line for an event read from {@code where} (a path, or why it has none) that became {@code became}. */
    static String line(InotifyEvent event, String where, List<Change> became) {
        return line(event, where, became.isEmpty() ? "nothing" : changes(became));
    }

    /** One line for an event read from {@code where} with a free-text outcome. */
    static String line(InotifyEvent event, String where, String outcome) {
        return InotifyMask.describe(event.mask()) + " wd=" + event.wd() + " cookie="
                + Integer.toUnsignedString(event.cookie()) + " name=" + RelativePath.escape(event.name())
                + " in " + where + " -> " + outcome;
    }

    /** The line for an IN_MOVED_FROM whose IN_MOVED_TO never came (a move out of the tree). */
    static String unpaired(int cookie, String why, List<Change> became) {
        return "IN_MOVED_FROM cookie=" + Integer.toUnsignedString(cookie) + " unpaired (" + why + ") -> "
                + (became.isEmpty() ? "nothing" : changes(became));
    }

    /** Where an event's directory is, for the log: its path, "/" for the root, or why it is not in the tree. */
    static String where(WatchTree tree, Node dir, int wd) {
        if (dir == null) {
            return "(unknown wd " + wd + ")";
        }
        if (!tree.isAttached(dir)) {
            return "(a directory no longer in the tree)";
        }
        return dir == tree.root() ? "/" : tree.pathOf(dir).toString();
    }

    /** {@code Created(a/b, DIRECTORY), Moved(x -> y, FILE)}. */
    static String changes(List<Change> changes) {
        StringJoiner joined = new StringJoiner(", ");
        for (Change change : changes) {
            joined.add(describe(change));
        }
        return joined.toString();
    }

    static String describe(Change change) {
        return switch (change) {
            case Change.Created c -> "Created(" + c.path() + ", " + c.kind() + ")";
            case Change.Modified m -> "Modified(" + m.path() + ", " + m.kind() + (m.closed() ? "" : ", open") + ")";
            case Change.AttributesChanged a -> "AttributesChanged(" + shown(a.path()) + ", " + a.kind() + ")";
            case Change.Deleted d -> "Deleted(" + d.path() + ", " + d.kind() + ")";
            case Change.Moved m -> "Moved(" + m.from() + " -> " + m.to() + ", " + m.kind() + ")";
            case Change.Rescan r -> "Rescan(" + shown(r.scope()) + ", " + r.reason() + ")";
        };
    }

    private static String shown(RelativePath path) {
        return path.isRoot() ? "/" : path.toString();
    }
}
