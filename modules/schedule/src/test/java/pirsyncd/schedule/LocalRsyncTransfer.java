package pirsyncd.schedule;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pirsyncd.model.Batch;
import pirsyncd.model.EntryKind;
import pirsyncd.model.Move;
import pirsyncd.model.RelativePath;
import pirsyncd.model.Transfer;
import pirsyncd.model.TransferResult;

/**
 * A {@link Transfer} for the pipeline tests: the real rsync binary into a local directory, file
 * lists over stdin ({@code --files-from=- --from0}), an argument vector and no shell. It follows
 * the {@link Batch} contract the way the scheduler's README asks: renames first, and one the
 * destination cannot do is skipped and replaced by its old name in the paths and its new name in
 * the paths (a file) or the trees (a directory); then the paths, content compared; then the
 * trees, recursively.
 */
final class LocalRsyncTransfer implements Transfer {
    private static final Pattern FILES = Pattern.compile("Number of regular files transferred: ([\\d,]+)");
    private static final Pattern BYTES = Pattern.compile("Total bytes sent: ([\\d,]+)");

    private final Path source;
    private final Path destination;

    LocalRsyncTransfer(Path source, Path destination) {
        this.source = source;
        this.destination = destination;
    }

    @Override
    public TransferResult run(Batch batch) throws InterruptedException {
        long started = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        switch (batch) {
            case Batch.Full full -> outcomes.add(rsync(List.of("-a", "--delete"), Set.of()));
            case Batch.Incremental incremental -> {
                Set<RelativePath> paths = new TreeSet<>(incremental.paths());
                Set<RelativePath> trees = new TreeSet<>(incremental.trees());
                for (Move move : incremental.moves()) {
                    if (!rename(move)) {
                        paths.add(move.from());
                        (move.kind() == EntryKind.FILE ? paths : trees).add(move.to());
                    }
                }
                if (!paths.isEmpty()) {
                    outcomes.add(rsync(List.of("-a", "--ignore-times", "--force", "--delete-missing-args",
                            "--files-from=-", "--from0"), paths));
                }
                if (!trees.isEmpty()) {
                    outcomes.add(rsync(List.of("-a", "-r", "--delete", "--force", "--delete-missing-args",
                            "--files-from=-", "--from0"), trees));
                }
            }
        }
        long files = 0;
        long bytes = 0;
        for (Outcome outcome : outcomes) {
            files += outcome.files();
            bytes += outcome.bytes();
            if (outcome.exitCode() != 0 && outcome.exitCode() != 24) { // 24: some files vanished, normal here
                return new TransferResult(TransferResult.Outcome.RETRY, outcome.exitCode(),
                        "rsync exit " + outcome.exitCode() + ": " + outcome.firstLine(), files, bytes, since(started));
            }
        }
        return new TransferResult(TransferResult.Outcome.OK, 0, "success", files, bytes, since(started));
    }

    /** rename(2) at the destination; false if it could not be done there (the caller syncs both names). */
    private boolean rename(Move move) {
        try {
            Files.move(destination.resolve(move.from().toString()), destination.resolve(move.to().toString()),
                    StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException skipped) {
            return false;
        }
    }

    private record Outcome(int exitCode, long files, long bytes, String firstLine) {}

    private Outcome rsync(List<String> options, Set<RelativePath> places) throws InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("rsync");
        command.addAll(options);
        command.add("--stats");
        command.add(source + "/");
        command.add(destination + "/");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Outcome(-1, 0, 0, "cannot start rsync: " + e.getMessage());
        }
        try (OutputStream list = process.getOutputStream()) {
            for (RelativePath place : places) {
                place.writeTo(list);
                list.write(0);
            }
        } catch (IOException e) {
            // rsync exited early; its exit code says why
        }
        String output;
        try (InputStream out = process.getInputStream()) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            out.transferTo(all);
            output = all.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            output = "";
        }
        try {
            int exit = process.waitFor();
            String firstLine = output.isBlank() ? "" : output.strip().lines().findFirst().orElse("");
            return new Outcome(exit, number(FILES, output), number(BYTES, output), firstLine);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static long number(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        return matcher.find() ? Long.parseLong(matcher.group(1).replace(",", "")) : 0;
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
