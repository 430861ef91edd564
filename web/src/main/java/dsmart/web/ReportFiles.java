package dsmart.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files under the reports directory, and the one a download asks for. A requested name is a relative
 * path with '/' between its parts; it is refused (400) when absolute, when a part is empty, "." or ".."
 * or starts with a dot, or when it holds a backslash, a colon or a control character. A name that passes is
 * resolved against the directory's real path and followed through symbolic links; a file whose real path
 * leaves the directory, or that is no regular file, is "not found" (404).
 */
final class ReportFiles {
    static final int MAX_DEPTH = 4;

    record Report(String file, long bytes, Instant modified) {}

    /** Why a request was refused: answered 404 without saying more than "no such report". */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    private final Path root;

    /** root may be null (no reports directory): nothing is listed, every download is not found. */
    ReportFiles(Path root) {
        this.root = root;
    }

    boolean configured() {
        return root != null;
    }

    private Path realRoot() {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            throw new NotFound("the reports directory " + root + " does not exist");
        }
    }

    /** Every downloadable file, sorted by name (directories first level by level). */
    List<Report> list() {
        if (root == null || !Files.isDirectory(root)) {
            return List.of();
        }
        Path real = realRoot();
        List<Report> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(real, MAX_DEPTH)) {
            walk.filter(p -> !p.equals(real)).forEach(p -> {
                Path relative = real.relativize(p);
                String name = relative.toString().replace(p.getFileSystem().getSeparator(), "/");
                try {
                    if (validName(name) == null && Files.isRegularFile(p) && p.toRealPath().startsWith(real)) {
                        BasicFileAttributes attributes = Files.readAttributes(p.toRealPath(), BasicFileAttributes.class);
                        out.add(new Report(name, attributes.size(), attributes.lastModifiedTime().toInstant()));
                    }
                } catch (IOException e) {
                    // a file that vanished or cannot be read is left out of the list
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("the reports directory " + root + " cannot be listed",
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
        out.sort(Comparator.comparing(Report::file));
        return out;
    }

    /**
     * The real path of the requested file.
     *
     * @throws BadParameterException when the name is not an acceptable relative path (naming parameter file)
     * @throws NotFound when there is no such regular file inside the directory
     */
    Path resolve(String requested) {
        if (requested == null || requested.isEmpty()) {
            throw new BadParameterException("parameter file is required: a path relative to the reports directory");
        }
        String problem = validName(requested);
        if (problem != null) {
            throw new BadParameterException("parameter file=" + Params.quoted(requested) + " " + problem);
        }
        if (root == null) {
            throw new NotFound("no reports directory is configured");
        }
        Path real = realRoot();
        Path candidate = real.resolve(requested).normalize();
        if (!candidate.startsWith(real)) {
            throw new NotFound(requested + " resolves outside the reports directory");
        }
        Path target;
        try {
            target = candidate.toRealPath();
        } catch (IOException e) {
            throw new NotFound(requested + " does not exist");
        }
        if (!target.startsWith(real)) {
            throw new NotFound(requested + " leads outside the reports directory (symbolic link)");
        }
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotFound(requested + " is not a regular file");
        }
        return target;
    }

    /** Why a name is not acceptable, or null when it is. */
    static String validName(String name) {
        if (name.length() > 512) {
            return "is longer than 512 characters";
        }
        if (name.startsWith("/") || name.startsWith("~")) {
            return "must be a relative path inside the reports directory, not an absolute one";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' || c == ':' || Character.isISOControl(c)) {
                return "must not hold a backslash, a colon or a control character";
            }
        }
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return "must not hold empty, '.' or '..' parts";
            }
            if (part.startsWith(".")) {
                return "must not name hidden files (a part starting with '.')";
            }
        }
        return null;
    }

    /** The content type a download is sent with. */
    static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (lower.endsWith(".xlsx")) {
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        }
        if (lower.endsWith(".csv")) {
            return "text/csv; charset=utf-8";
        }
        if (lower.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }

    /** RFC 6266 attachment header: an ASCII fallback name and the UTF-8 name. */
    static String contentDisposition(String fileName) {
        StringBuilder ascii = new StringBuilder();
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ';' ? c : '_');
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : fileName.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

}
