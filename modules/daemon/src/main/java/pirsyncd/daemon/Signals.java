package pirsyncd.daemon;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import pirsyncd.daemon.logging.DaemonLogWriter;

/**
 * The daemon's signals: SIGTERM and SIGINT stop it gracefully (final sync, exit 0), exactly
 * like {@code pirsyncd stop}; a second SIGINT (Ctrl-C again) gives up the final sync and exits at
 * once; SIGHUP reopens the log file after logrotate moved it.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) rather than a shutdown hook: a hook runs
 * while the JVM is already exiting with status 143 and cannot carry out an orderly stop on the
 * main thread, and there is no other way to catch SIGHUP in Java. It is reached through method
 * handles because javac warns about every compile-time use of {@code sun.*} under
 * {@code --release}, a warning no annotation can silence and {@code -Werror} turns into a failure.
 */
final class Signals {
    private Signals() {}

    /** 128 + SIGINT, the shell convention for "killed by Ctrl-C". */
    private static final int INTERRUPTED_EXIT = 130;

    /** Installs the handlers; call before the daemon can be seen to be up (see {@link StopSwitch}). */
    static void install(StopSwitch stops) {
        AtomicInteger interrupts = new AtomicInteger();
        handle("TERM", () -> stops.request("SIGTERM"));
        handle("INT", () -> {
            if (interrupts.incrementAndGet() == 1) {
                DaemonLog.DAEMON.info("interrupted: stopping after a final sync (interrupt again to stop at once)");
                stops.request("SIGINT");
            } else {
                DaemonLog.DAEMON.warn("interrupted again: exiting without waiting for the final sync");
                Runtime.getRuntime().halt(INTERRUPTED_EXIT);
            }
        });
        handle("HUP", () -> {
            DaemonLogWriter.requestReopen();
            DaemonLog.DAEMON.info("SIGHUP: log file reopened");
        });
    }

    /** {@code Signal.handle(new Signal(name), signal -> action.run())}. */
    private static void handle(String name, Runnable action) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Object signal = lookup.findConstructor(signalType, MethodType.methodType(void.class, String.class))
                    .invoke(name);
            // SignalHandler has one method, handle(Signal); toString/equals/hashCode keep their meaning
            Object handler = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            action.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "signal handler for SIG" + name;
                    });
            MethodHandle install = lookup.findStatic(signalType, "handle",
                    MethodType.methodType(handlerType, signalType, handlerType));
            install.invoke(signal, handler);
        } catch (Throwable e) {
            // only a JVM without jdk.unsupported gets here; the daemon still stops on SIGTERM, less gracefully
            DaemonLog.DAEMON.warn("cannot handle SIG{} ({}); the image lacks jdk.unsupported", name, e);
        }
    }
}
