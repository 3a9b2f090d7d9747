package pirsyncd.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts flag values into the file's tree as text nodes with a {@link Origin.Flag} origin, so
 * that they go through the same readers and rules as the file and errors name the flag.
 */
final class OverrideMerger {
    private OverrideMerger() {}

    static Node.Obj merge(Node.Obj root, ConfigOverrides overrides, Problems problems) {
        Node.Obj merged = root;
        for (ConfigOverrides.Setting setting : overrides.settings()) {
            Origin at = new Origin.Flag(setting.flag());
            Node value = setting.isList()
                    ? new Node.Arr(setting.values().stream().<Node>map(v -> new Node.Text(v, at)).toList(), at)
                    : new Node.Text(setting.values().getFirst(), at);
            if (setting.key().startsWith("targets[].")) {
                merged = setInSingleTarget(merged, setting.key().substring("targets[].".length()), value, setting.flag(), problems);
                continue;
            }
            List<String> path = List.of(setting.key().split("\\."));
            merged = set(merged, path, value, at);
            boolean perTarget = ConfigExamples.all().stream().anyMatch(e -> e.key().equals(setting.key()) && e.perTarget());
            if (perTarget) {
                merged = removeFromTargets(merged, path);
            }
        }
        return merged;
    }

    /** {@code obj} with {@code path} set to {@code value}, creating objects on the way. */
    private static Node.Obj set(Node.Obj obj, List<String> path, Node value, Origin at) {
        Map<String, Node.Member> members = new LinkedHashMap<>(obj.members());
        String key = path.getFirst();
        Node child;
        if (path.size() == 1) {
            child = value;
        } else {
            Node.Obj inner = obj.member(key).map(Node.Member::value)
                    .filter(Node.Obj.class::isInstance).map(Node.Obj.class::cast)
                    .orElse(new Node.Obj(Map.of(), at));
            child = set(inner, path.subList(1, path.size()), value, at);
        }
        Origin keyAt = obj.member(key).map(Node.Member::keyOrigin).orElse(at);
        members.put(key, new Node.Member(key, path.size() == 1 ? at : keyAt, child));
        return new Node.Obj(members, obj.origin());
    }

    /** A flag for an rsync option beats the targets' own values too. */
    private static Node.Obj removeFromTargets(Node.Obj root, List<String> path) {
        Optional<Node.Member> targets = root.member("targets");
        if (targets.isEmpty() || !(targets.get().value() instanceof Node.Arr(List<Node> items, Origin arrayAt))) {
            return root;
        }
        List<Node> cleaned = new ArrayList<>();
        for (Node item : items) {
            cleaned.add(item instanceof Node.Obj target ? remove(target, path) : item);
        }
        Map<String, Node.Member> members = new LinkedHashMap<>(root.members());
        members.put("targets", new Node.Member("targets", targets.get().keyOrigin(), new Node.Arr(cleaned, arrayAt)));
        return new Node.Obj(members, root.origin());
    }

    private static Node.Obj remove(Node.Obj obj, List<String> path) {
        Optional<Node.Member> member = obj.member(path.getFirst());
        if (member.isEmpty()) {
            return obj;
        }
        Map<String, Node.Member> members = new LinkedHashMap<>(obj.members());
        if (path.size() == 1) {
            members.remove(path.getFirst());
        } else if (member.get().value() instanceof Node.Obj inner) {
            members.put(path.getFirst(), new Node.Member(path.getFirst(), member.get().keyOrigin(),
                    remove(inner, path.subList(1, path.size()))));
        }
        return new Node.Obj(members, obj.origin());
    }

    /** {@code --destination} and {@code --target-name} stand for the one target. */
    private static Node.Obj setInSingleTarget(Node.Obj root, String key, Node value, String flag, Problems problems) {
        Origin at = value.origin();
        Optional<Node.Member> targets = root.member("targets");
        List<Node> items = new ArrayList<>();
        Origin arrayAt = at;
        Origin keyAt = at;
        if (targets.isPresent() && targets.get().value() instanceof Node.Arr(List<Node> existing, Origin existingAt)) {
            if (existing.size() > 1) {
                problems.add(at, "targets", "the config file has " + existing.size() + " targets, and "
                        + flag + " can only stand for one; drop the flag or edit the targets in the file");
                return root;
            }
            items.addAll(existing);
            arrayAt = existingAt;
            keyAt = targets.get().keyOrigin();
        }
        Node.Obj target = items.isEmpty() || !(items.getFirst() instanceof Node.Obj one) ? new Node.Obj(Map.of(), at) : one;
        Node.Obj updated = set(target, List.of(key), value, at);
        if (items.isEmpty()) {
            items.add(updated);
        } else {
            items.set(0, updated);
        }
        Map<String, Node.Member> members = new LinkedHashMap<>(root.members());
        members.put("targets", new Node.Member("targets", keyAt, new Node.Arr(items, arrayAt)));
        return new Node.Obj(members, root.origin());
    }
}
