package pirsyncd.config;

import java.util.LinkedHashSet;
import java.util.Set;

/** The keys each object of the config may hold, derived from the one catalogue in {@link ConfigExamples}. */
final class Keys {
    private Keys() {}

    /** Lets editors find docs/pirsyncd.schema.json; ignored otherwise. */
    static final String SCHEMA = "$schema";

    static final Set<String> TOP = top();
    static final Set<String> TARGET = target();
    static final Set<String> RETRY = childrenOf("retry");
    static final Set<String> WATCH = childrenOf("watch");
    static final Set<String> SSH = childrenOf("ssh");
    static final Set<String> LOG = childrenOf("log");
    static final Set<String> LOG_LEVELS = childrenOf("log.levels");
    static final Set<String> DEBUG = childrenOf("debug");

    private static Set<String> top() {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(SCHEMA);
        for (ConfigExample example : ConfigExamples.all()) {
            if (!example.key().startsWith("targets[]")) {
                keys.add(firstSegment(example.key()));
            }
        }
        return Set.copyOf(keys);
    }

    private static Set<String> target() {
        Set<String> keys = new LinkedHashSet<>(childrenOf("targets[]"));
        for (ConfigExample example : ConfigExamples.all()) {
            if (example.perTarget()) {
                keys.add(firstSegment(example.key()));
            }
        }
        return Set.copyOf(keys);
    }

    private static Set<String> childrenOf(String prefix) {
        Set<String> keys = new LinkedHashSet<>();
        for (ConfigExample example : ConfigExamples.all()) {
            if (example.key().startsWith(prefix + ".")) {
                keys.add(firstSegment(example.key().substring(prefix.length() + 1)));
            }
        }
        return Set.copyOf(keys);
    }

    private static String firstSegment(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }
}
