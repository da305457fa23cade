package dev.ceremony.cli;

import dev.ceremony.engine.ShareHandout;
import dev.ceremony.quorum.QuorumException;
import dev.ceremony.quorum.QuorumLog;
import dev.ceremony.token.Pin;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Shares and the SO PIN in batch mode, for rehearsals only: shares handed out are written to files
 * in {@code --share-out DIR} (mode 600, never overwritten), and shares to log in are read from the
 * {@code --share-file FILE}s given. On a production token every one of these is refused: there the
 * custodians see and type their shares in the terminal UI, and no share is written anywhere.
 */
final class BatchShares {

    private final boolean rehearsal;
    private final String tokenLabel;
    private final Optional<Path> soPinFile;
    private final List<Path> shareFiles;
    private final Optional<Path> shareOut;
    private final Set<Path> used = new LinkedHashSet<>();

    BatchShares(boolean rehearsal, String tokenLabel, Optional<Path> soPinFile, List<Path> shareFiles,
            Optional<Path> shareOut) {
        this.rehearsal = rehearsal;
        this.tokenLabel = tokenLabel;
        this.soPinFile = soPinFile;
        this.shareFiles = List.copyOf(shareFiles);
        this.shareOut = shareOut;
    }

    /** Refuses share files and share output for a production token, before anything runs. */
    void requireAllowed() {
        if (!rehearsal && (!shareFiles.isEmpty() || shareOut.isPresent() || soPinFile.isPresent())) {
            throw new CommandFailure("token '" + tokenLabel + "' is a production token: batch mode may read shares "
                    + "or the SO PIN from files, or write shares, only on a rehearsal token ('use: rehearsal' in "
                    + "ceremony.yaml). Custodians enter their shares in the terminal UI");
        }
    }

    Pin soPin(String prompt) {
        requireRehearsal("the SO PIN");
        Path file = soPinFile.orElseThrow(() -> new CommandFailure("batch mode needs the SO PIN in --so-pin-file FILE ("
                + prompt + ")"));
        return PinSource.readSecretFile(file, "SO PIN file", Pin::of);
    }

    /** Writes the share to a new file of its own; returns the file. */
    Path handOut(ShareHandout share, PrintWriter out) {
        requireRehearsal("shares");
        Path folder = shareOut.orElseThrow(() -> new CommandFailure("batch mode writes the shares it hands out to "
                + "--share-out DIR (rehearsal tokens only); none was given"));
        Path file = folder.resolve(QuorumLog.name(share.role()) + "-" + share.quorum().id() + "-share-" + share.index() + "-of-"
                + share.quorum().shares() + ".txt");
        char[] text = share.text();
        ByteBuffer bytes = ByteBuffer.allocate(text.length + 1);
        for (char c : text) {
            bytes.put((byte) c);
        }
        bytes.put((byte) '\n').flip();
        Arrays.fill(text, '\0');
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rw-------")))) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        } catch (FileAlreadyExistsException e) {
            throw new CommandFailure("share file " + file + " exists already; shares are never overwritten. Use an "
                    + "empty --share-out folder");
        } catch (IOException e) {
            throw new CommandFailure("cannot write share file " + file + ": " + e.getMessage());
        } finally {
            Arrays.fill(bytes.array(), (byte) 0);
        }
        out.printf("  share %d of %s for %s written to %s (rehearsal)%n", share.index(), share.quorum(),
                share.custodian(), file);
        out.flush();
        return file;
    }

    /** The first unused share file that {@code check} accepts; each file's refusal is named if none does. */
    int enterShare(String prompt, ToIntFunction<CharSequence> check, PrintWriter out) {
        requireRehearsal("shares");
        List<String> refusals = new ArrayList<>();
        for (Path file : shareFiles) {
            if (used.contains(file)) {
                continue;
            }
            try {
                int index = PinSource.readSecretFile(file, "share file", chars -> check.applyAsInt(
                        java.nio.CharBuffer.wrap(chars)));
                used.add(file);
                out.printf("  share %d read from %s (rehearsal)%n", index, file);
                out.flush();
                return index;
            } catch (QuorumException e) {
                refusals.add(file + ": " + e.getMessage());
            }
        }
        throw new CommandFailure(refusals.isEmpty()
                ? "no share file is left for this share (" + prompt + "); give one --share-file FILE for each custodian needed. "
                        + "No login was tried"
                : "no share file given is accepted (" + prompt + "): " + String.join("; ", refusals)
                        + ". No login was tried");
    }

    private void requireRehearsal(String what) {
        if (!rehearsal) {
            throw new CommandFailure("batch mode cannot take " + what + " on production token '" + tokenLabel
                    + "': custodians enter their shares in the terminal UI");
        }
    }
}
