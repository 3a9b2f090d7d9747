package pirsyncd.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The rsync options of one target, validated. Sizes keep rsync's own syntax ({@code "10M"}),
 * since rsync parses them; they have been checked against that syntax.
 *
 * @param rsyncPath the local rsync program
 * @param remoteRsyncPath {@code --rsync-path}
 * @param partial {@code --partial}
 * @param partialDir {@code --partial-dir}
 * @param append {@code --append}
 * @param appendVerify {@code --append-verify}
 * @param maxSize {@code --max-size}
 * @param minSize {@code --min-size}
 * @param delete delete at the destination what is gone at the source
 * @param compress {@code --compress}
 * @param bwlimit {@code --bwlimit}, absent for no limit
 * @param checksum {@code --checksum} for full syncs
 * @param timeoutSeconds {@code --timeout}, 0 for none
 * @param contimeoutSeconds {@code --contimeout}, 0 for the default
 * @param extraArgs further rsync options, one per element
 * @param maxDelete {@code --max-delete}, absent for no limit
 * @param allowDeleteWhenSourceEmpty whether a deleting full sync may run from an empty source
 * @param ssh ssh settings for ssh destinations
 * @param passwordFile {@code --password-file} for rsync daemon destinations; checked to be 0600
 *     and owned by the running user
 * @param rsyncLog {@code --log-file}
 */
public record TransferSettings(
        String rsyncPath,
        Optional<String> remoteRsyncPath,
        boolean partial,
        Optional<String> partialDir,
        boolean append,
        boolean appendVerify,
        Optional<String> maxSize,
        Optional<String> minSize,
        boolean delete,
        boolean compress,
        Optional<String> bwlimit,
        boolean checksum,
        long timeoutSeconds,
        long contimeoutSeconds,
        List<String> extraArgs,
        OptionalLong maxDelete,
        boolean allowDeleteWhenSourceEmpty,
        SshSettings ssh,
        Optional<Path> passwordFile,
        Optional<Path> rsyncLog) {
    public TransferSettings {
        Objects.requireNonNull(rsyncPath);
        extraArgs = List.copyOf(extraArgs);
        Objects.requireNonNull(ssh);
    }
}
