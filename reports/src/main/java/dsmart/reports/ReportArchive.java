package dsmart.reports;

import static java.util.Objects.requireNonNull;

import dsmart.reports.PackRenderer.Rendered;
import dsmart.reports.PackRenderer.RenderedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The report archive: {@code <root>/<pack>/<period>/}, one manifest per generation beside its files.
 * Files are named {@code <pack>_<period>_<scope>_<language>[_<suffix>][-v<N>].<ext>}; the first generation
 * of a name has no version, later ones {@code -v2}, {@code -v3} … An archived file is never overwritten
 * nor changed: files are linked into place only under names that do not exist yet (a hard link fails if
 * the name is taken), then made read-only; the manifest is written last.
 */
public final class ReportArchive {
    static final String MANIFEST = ".manifest.json";
    private static final String WORK = ".work";
    private static final Object LOCK = new Object();

    private final Path root;

    public ReportArchive(Path root) {
        this.root = requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** A fresh directory for one rendering, on the archive's file system (so publishing is a link, not a copy). */
    Path workDirectory() {
        Path work = root.resolve(WORK).resolve(UUID.randomUUID().toString());
        try {
            return Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + work + " (setting reports.dir)", e);
        }
    }

    static String stem(String pack, Period period, Scope scope, Language language) {
        return pack + "_" + period + "_" + scope.key() + "_" + language.tag();
    }

    static String fileName(String stem, String suffix, int version, String extension) {
        return stem + (suffix.isEmpty() ? "" : "_" + suffix) + (version == 1 ? "" : "-v" + version) + extension;
    }

    /** Moves a rendering into the archive under the first version whose names are all free; writes its manifest. */
    ArchivedReport publish(Rendered rendered, String reproduces) {
        ReportRequest request = rendered.request();
        Path directory = root.resolve(rendered.pack().name()).resolve(request.period().toString());
        String stem = stem(rendered.pack().name(), request.period(), request.scope(), request.language());
        try {
            Files.createDirectories(directory);
            synchronized (LOCK) {
                try (FileChannel channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock ignored = channel.lock()) {
                    for (int version = 1; ; version++) {
                        ArchivedReport archived = tryVersion(rendered, reproduces, directory, stem, version);
                        if (archived != null) {
                            return archived;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive " + stem + " in " + directory, e);
        }
    }

    private ArchivedReport tryVersion(Rendered rendered, String reproduces, Path directory, String stem, int version) throws IOException {
        Path manifestFile = directory.resolve(fileName(stem, "", version, MANIFEST));
        List<Path> targets = new ArrayList<>();
        for (RenderedFile file : rendered.files()) {
            targets.add(directory.resolve(fileName(stem, file.suffix(), version, "." + file.format().extension())));
        }
        if (Files.exists(manifestFile) || targets.stream().anyMatch(Files::exists)) {
            return null;
        }
        List<Manifest.FileEntry> entries = new ArrayList<>();
        List<Path> placed = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            RenderedFile file = rendered.files().get(i);
            Path target = targets.get(i);
            entries.add(new Manifest.FileEntry(target.getFileName().toString(), file.format().extension(), Files.size(file.path()),
                    sha256(file.path()), file.rows()));
            if (!place(file.path(), target)) {
                // someone outside this archive took the name meanwhile: leave theirs alone, try the next version
                return null;
            }
            placed.add(target);
        }
        Manifest manifest = new Manifest(rendered.pack().name(), version, rendered.request().period(), rendered.request().scope(),
                rendered.request().language(), rendered.snapshots(), rendered.generatedAt().toOffsetDateTime(),
                rendered.generatedAt().getZone().getId(), rendered.request().requestedBy(), rendered.request().via(), entries, reproduces);
        Path json = rendered.files().isEmpty() ? directory.resolve(".manifest-" + UUID.randomUUID())
                : rendered.files().get(0).path().resolveSibling("manifest.json");
        Files.writeString(json, manifest.toJson());
        if (!place(json, manifestFile)) {
            return null;
        }
        return new ArchivedReport(manifest, manifestFile, placed);
    }

    /** Links {@code source} in as {@code target} unless the name exists; read-only afterwards. False when the name was taken. */
    private static boolean place(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // no hard links here: a move that refuses an existing target (checked under the archive's lock)
            try {
                Files.move(source, target);
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        }
        if (!target.toFile().setReadOnly()) {
            throw new IOException("cannot make " + target + " read-only");
        }
        return true;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Every manifest of a pack (all periods, versions, scopes, languages), oldest period first. */
    public List<Path> manifests(String pack) {
        Path directory = root.resolve(pack);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory, 2)) {
            return files.filter(f -> f.getFileName().toString().endsWith(MANIFEST)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    /**
     * The latest period of {@code kind} archived for the whole company in {@code language}: what the schedule
     * counts as done (a generation for one region or in another language does not count).
     */
    public Optional<Period> lastArchived(String pack, Language language, Period.Kind kind) {
        return manifests(pack).stream().map(Manifest::read)
                .filter(m -> m.scope().isCompany() && m.language() == language && m.period().kind() == kind)
                .map(Manifest::period).max(Comparator.naturalOrder());
    }

    /** Deletes a work directory and what is left in it (files already linked into the archive keep their other name). */
    static void discard(Path work) {
        if (work == null || !Files.exists(work)) {
            return;
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the work directory " + work, e);
        }
    }
}
