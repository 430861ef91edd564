package dsmart.reports;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One archived generation: its manifest, where the manifest is, and its files (in the manifest's order). */
public record ArchivedReport(Manifest manifest, Path manifestFile, List<Path> files) {
    public ArchivedReport {
        requireNonNull(manifest, "manifest");
        requireNonNull(manifestFile, "manifestFile");
        files = List.copyOf(files);
    }

    public Map<String, Long> snapshots() {
        return manifest.snapshots();
    }

    /** The archived file of a format (the pack's main output of it when it has several). */
    public Path file(ReportPack.Format format) {
        String extension = "." + format.extension();
        return files.stream().filter(f -> f.getFileName().toString().endsWith(extension)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + format + " among " + files));
    }
}
