package pirsyncd.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The entry point: reads the config file (if any), applies the flags, validates everything and
 * returns the effective settings, or throws one {@link ConfigException} listing every problem.
 * Nothing is started and nothing is written; the only side effects are reading the file and
 * looking at the files and folders it names.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /**
     * Loads a configuration.
     *
     * @param file the config file, as the user named it (messages quote it that way); empty when
     *     the flags alone describe the setup ({@code --source} and {@code --destination})
     * @param flags the command-line settings, which beat the file
     * @return the validated effective configuration
     * @throws ConfigException with one line per problem; exit with {@link ConfigException#EX_CONFIG}
     */
    public static PirsyncdConfig load(Optional<Path> file, ConfigOverrides flags) throws ConfigException {
        Path workingDir = Path.of("").toAbsolutePath();
        ReadContext context = new ReadContext(
                file.map(f -> f.toAbsolutePath().getParent()).orElse(workingDir),
                workingDir,
                FileRules.runningUid(),
                Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin"));
        return load(file, flags, context);
    }

    static PirsyncdConfig load(Optional<Path> file, ConfigOverrides flags, ReadContext context) throws ConfigException {
        Problems problems = new Problems();
        Node.Obj root = new Node.Obj(Map.of(), new Origin.Nowhere());
        if (file.isPresent()) {
            Optional<Node.Obj> parsed = readFile(file.get(), problems);
            if (parsed.isEmpty()) {
                throw new ConfigException(problems.sorted());
            }
            root = parsed.get();
        }
        Node.Obj merged = OverrideMerger.merge(root, flags, problems);
        Optional<PirsyncdConfig> config = ConfigReader.read(new Section(merged, "", problems), context, file);
        if (config.isEmpty() || !problems.isEmpty()) {
            throw new ConfigException(problems.sorted());
        }
        return config.get();
    }

    private static Optional<Node.Obj> readFile(Path file, Problems problems) {
        String name = file.toString();
        Origin whole = new Origin.Nowhere();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                problems.add(whole, name, "is a folder; give the config file (e.g. /etc/pirsyncd/www.json)");
                return Optional.empty();
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            problems.add(whole, name, "does not exist; check the path given to --config");
            return Optional.empty();
        } catch (AccessDeniedException e) {
            problems.add(whole, name, "cannot be read (permission denied); run as its owner or chmod it");
            return Optional.empty();
        } catch (IOException e) {
            problems.add(whole, name, "cannot be read (" + e.getMessage() + ")");
            return Optional.empty();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            problems.add(whole, name, "is not UTF-8 text; save it as UTF-8");
            return Optional.empty();
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark some editors write; JSON allows ignoring it
        }
        return TreeReader.read(name, text, problems);
    }
}
