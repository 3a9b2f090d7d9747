package pirsyncd.config;

import java.nio.file.Path;

/**
 * What reading needs from outside the config text: where relative paths start (the config
 * file's folder for the file, the working directory for flags), who runs us, and PATH.
 */
record ReadContext(Path configDir, Path workingDir, int uid, String pathVariable) {

    /** A path setting made absolute: flags are relative to where the command was typed. */
    Path resolve(Origin origin, String written) {
        Path base = switch (origin) {
            case Origin.InFile f -> configDir;
            case Origin.Flag f -> workingDir;
            case Origin.Nowhere n -> workingDir;
        };
        return base.resolve(written).toAbsolutePath().normalize();
    }
}
