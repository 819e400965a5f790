package kagami.cli.dump;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import kagami.evtx.EvtxReader;

/**
 * Resolves {@code FILE|DIR...} into the EVTX files to read. A named file is read whatever its extension (and
 * reported if it is not EVTX); directories are walked recursively and only files with the EVTX signature are
 * taken, so a collection of mixed evidence can be given as is.
 */
final class InputFiles {
    /** A problem with one argument or walked entry; the others are still processed. */
    record Problem(Path path, String messageKey, String detail) {
    }

    final List<Path> evtx = new ArrayList<>();
    final List<Path> named = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();
    long skippedNonEvtx;

    static InputFiles resolve(List<Path> arguments) {
        InputFiles in = new InputFiles();
        for (Path p : arguments) {
            if (Files.isDirectory(p)) {
                in.walk(p);
            } else if (Files.exists(p)) {
                in.named.add(p);
                in.evtx.add(p);
            } else {
                in.problems.add(new Problem(p, "dump.error.noSuchFile", ""));
            }
        }
        return in;
    }

    private void walk(Path dir) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(dir, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        try {
                            if (attrs.size() >= 8 && EvtxReader.hasSignature(file)) {
                                found.add(file);
                            } else {
                                skippedNonEvtx++;
                            }
                        } catch (IOException e) {
                            problems.add(problem(file, e));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    problems.add(problem(file, e));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(problem(dir, e));
        }
        found.sort(null);
        evtx.addAll(found);
    }

    static Problem problem(Path p, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new Problem(p, "dump.error.noSuchFile", "");
        }
        if (e instanceof AccessDeniedException) {
            return new Problem(p, "dump.error.accessDenied", "");
        }
        return new Problem(p, "dump.error.unreadable", String.valueOf(e.getMessage()));
    }
}
