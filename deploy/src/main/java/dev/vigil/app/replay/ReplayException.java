package dev.vigil.app.replay;

import java.nio.file.Path;

/** Input replay cannot use, with the file and the row (data rows count from 1, after the header) that said so. */
final class ReplayException extends RuntimeException {

    ReplayException(Path file, long row, String reason) {
        super(file + (row > 0 ? ":" + row : "") + ": " + reason);
    }
}
