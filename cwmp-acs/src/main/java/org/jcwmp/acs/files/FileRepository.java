package org.jcwmp.acs.files;

import org.jcwmp.acs.store.Database;
import org.jcwmp.acs.store.FileStore;
import org.jcwmp.acs.store.StoredFile;
import org.jcwmp.acs.store.StoredUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The file server's content and metadata. Content is streamed to a temporary file while its SHA-256 is computed and
 * its size checked, then moved atomically to {@code files/content/<sha256>} under the data directory (identical
 * content is kept once); metadata goes to the store ({@link FileStore}) only after the content is in place, so a
 * listed file can always be served. Content no file or upload refers to any more is deleted.
 */
public final class FileRepository {
    private static final Logger log = LoggerFactory.getLogger(FileRepository.class);
    private static final int BUFFER = 64 * 1024;

    private final Path content;
    private final Path incoming;
    private final FileStore store;
    private final long maxFileBytes;
    private final long maxUploadBytes;
    /** Serialises "content in place + row written" against "row deleted + content removed" on this node. */
    private final ReentrantLock contentLock = new ReentrantLock();

    public FileRepository(Path dataDirectory, Database db, long maxFileBytes, long maxUploadBytes) {
        this.content = dataDirectory.resolve("files").resolve("content");
        this.incoming = dataDirectory.resolve("files").resolve("incoming");
        this.store = new FileStore(db);
        this.maxFileBytes = maxFileBytes;
        this.maxUploadBytes = maxUploadBytes;
        try {
            Files.createDirectories(content);
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the file server's folders under " + dataDirectory, e);
        }
        removeStaleIncoming();
        removeOrphans();
    }

    /**
     * Content no file or upload refers to: a crash between placing content and writing its row leaves it. Only content
     * older than an hour, so that a transfer finishing now on another instance sharing the folder is not touched.
     */
    private void removeOrphans() {
        Instant before = Instant.now().minusSeconds(3600);
        try (var all = Files.newDirectoryStream(content)) {
            for (Path p : all) {
                String name = p.getFileName().toString();
                if (name.matches("[0-9a-f]{64}") && Files.getLastModifiedTime(p).toInstant().isBefore(before)
                        && !store.contentInUse(name)) {
                    log.info("removing content {} that no file or upload refers to", name);
                    deleteQuietly(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not look for unused content in {}: {}", content, e.toString());
        }
    }

    /** Partial files a crash left behind (older than an hour, so that no transfer in progress is touched). */
    private void removeStaleIncoming() {
        Instant before = Instant.now().minusSeconds(3600);
        try (var parts = Files.newDirectoryStream(incoming, "in-*.part")) {
            for (Path p : parts) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(before)) {
                    deleteQuietly(p);
                }
            }
        } catch (IOException e) {
            log.warn("could not look for partial files in {}: {}", incoming, e.toString());
        }
    }

    public FileStore store() {
        return store;
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    /**
     * Stores a file under this name, replacing one of that name. The stream is read to its end (at most the limit
     * plus one byte); declaredLength (-1: unknown) lets a too-large file be refused before reading.
     *
     * @throws FileTooLargeException    beyond the size limit; nothing is stored
     * @throws IllegalArgumentException for a bad name or metadata
     */
    public StoredFile putFile(String name, FileMetadata meta, InputStream in, long declaredLength) throws IOException {
        FileNames.check(name);
        Received r = receive(in, declaredLength, maxFileBytes);
        StoredFile f = new StoredFile(name, meta.fileType(), meta.oui(), meta.productClass(), meta.version(), r.size,
                r.sha256, Instant.now());
        contentLock.lock();
        try {
            place(r);
            Optional<String> replaced = store.put(f);
            replaced.filter(old -> !old.equals(r.sha256)).ifPresent(this::removeIfUnused);
        } catch (RuntimeException e) {
            removeIfUnused(r.sha256);
            throw e;
        } finally {
            contentLock.unlock();
        }
        return f;
    }

    public Optional<StoredFile> file(String name) {
        return store.file(name);
    }

    public List<StoredFile> files() {
        return store.files();
    }

    /** Deletes a file and, when nothing else has the same content, its content; false when there was none. */
    public boolean deleteFile(String name) {
        contentLock.lock();
        try {
            Optional<StoredFile> old = store.delete(name);
            old.ifPresent(f -> removeIfUnused(f.sha256()));
            return old.isPresent();
        } finally {
            contentLock.unlock();
        }
    }

    /** Stores what a device uploaded (the device must exist in the store). */
    public StoredUpload putUpload(String deviceId, String name, String fileType, InputStream in, long declaredLength)
            throws IOException {
        FileNames.check(name);
        Received r = receive(in, declaredLength, maxUploadBytes);
        contentLock.lock();
        try {
            place(r);
            return store.addUpload(new StoredUpload(0, deviceId, name, fileType, r.size, r.sha256, Instant.now()));
        } catch (RuntimeException e) {
            removeIfUnused(r.sha256);
            throw e;
        } finally {
            contentLock.unlock();
        }
    }

    public Optional<StoredUpload> upload(long id) {
        return store.upload(id);
    }

    public List<StoredUpload> uploads(String deviceId, int offset, int limit) {
        return store.uploads(deviceId, offset, limit);
    }

    public boolean deleteUpload(long id) {
        contentLock.lock();
        try {
            Optional<StoredUpload> old = store.deleteUpload(id);
            old.ifPresent(u -> removeIfUnused(u.sha256()));
            return old.isPresent();
        } finally {
            contentLock.unlock();
        }
    }

    /** Where the content with this SHA-256 is on disk. */
    public Path content(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return content.resolve(sha256);
    }

    private record Received(Path temp, long size, String sha256) {
    }

    /** Streams to a temporary file, hashing and counting; deletes it and throws when the limit is passed. */
    private Received receive(InputStream in, long declaredLength, long limit) throws IOException {
        if (declaredLength > limit) {
            throw new FileTooLargeException(limit);
        }
        Path temp = Files.createTempFile(incoming, "in-", ".part");
        boolean ok = false;
        try {
            MessageDigest sha = sha256();
            long size = 0;
            byte[] buf = new byte[BUFFER];
            try (OutputStream out = Files.newOutputStream(temp)) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    size += n;
                    if (size > limit) {
                        throw new FileTooLargeException(limit);
                    }
                    sha.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            ok = true;
            return new Received(temp, size, HexFormat.of().formatHex(sha.digest()));
        } finally {
            if (!ok) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Moves received content into place; identical content already there is kept and the copy dropped. */
    private void place(Received r) {
        Path target = content(r.sha256);
        try {
            if (Files.exists(target)) {
                Files.deleteIfExists(r.temp);
                return;
            }
            try {
                Files.move(r.temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(r.temp, target);
            }
        } catch (FileAlreadyExistsException e) {
            deleteQuietly(r.temp);
        } catch (IOException e) {
            deleteQuietly(r.temp);
            throw new UncheckedIOException("cannot move a received file into " + content, e);
        }
    }

    private void removeIfUnused(String sha256) {
        try {
            if (!store.contentInUse(sha256)) {
                Files.deleteIfExists(content(sha256));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not remove unused content {}: {}", sha256, e.toString());
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover in incoming/ is harmless
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
