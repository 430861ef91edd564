package dsmart.reports;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dsmart.serving.ReadPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an archived generation is: the JSON file beside its outputs ({@code <stem>.manifest.json}).
 * It names the pack and its parameters, the snapshot id of every table read (enough to generate the same
 * figures again: {@link #readPoint()}), when and by whom it was generated, and every file with its
 * size, row count and SHA-256. Written last: a generation without a manifest is incomplete.
 */
public record Manifest(String pack, int version, Period period, Scope scope, Language language, Map<String, Long> snapshots,
                       OffsetDateTime generatedAt, String zone, String requestedBy, String via, List<FileEntry> files,
                       String reproduces) {

    /** One archived file: its name (in the manifest's folder), format, size, SHA-256 (hex) and rows. */
    public record FileEntry(String name, String format, long bytes, String sha256, long rows) {
        public FileEntry {
            requireNonNull(name, "name");
            requireNonNull(format, "format");
            requireNonNull(sha256, "sha256");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Manifest {
        requireNonNull(pack, "pack");
        requireNonNull(period, "period");
        requireNonNull(scope, "scope");
        requireNonNull(language, "language");
        snapshots = Collections.unmodifiableMap(new TreeMap<>(snapshots));
        requireNonNull(generatedAt, "generatedAt");
        requireNonNull(zone, "zone");
        requireNonNull(requestedBy, "requestedBy");
        requireNonNull(via, "via");
        files = List.copyOf(files);
    }

    /** Where a port must read to see exactly what this generation saw. */
    public ReadPoint readPoint() {
        return ReadPoint.snapshots(snapshots);
    }

    /** The same request again, asked by someone else, some other way. */
    public ReportRequest request(String requestedBy, String via) {
        return new ReportRequest(pack, period, scope, language, requestedBy, via);
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("pack", pack);
        root.put("version", version);
        ObjectNode parameters = root.putObject("parameters");
        parameters.put("period", period.toString());
        parameters.put("scope", scope.key());
        scope.regions().forEach(parameters.putArray("regions")::add);
        scope.teams().forEach(parameters.putArray("teams")::add);
        parameters.put("language", language.tag());
        ObjectNode ids = root.putObject("snapshots");
        snapshots.forEach(ids::put);
        root.put("generated_at", generatedAt.toString());
        root.put("zone", zone);
        root.put("requested_by", requestedBy);
        root.put("via", via);
        if (reproduces != null) {
            root.put("reproduces", reproduces);
        }
        ArrayNode list = root.putArray("files");
        for (FileEntry file : files) {
            ObjectNode entry = list.addObject();
            entry.put("name", file.name());
            entry.put("format", file.format());
            entry.put("bytes", file.bytes());
            entry.put("rows", file.rows());
            entry.put("sha256", file.sha256());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a manifest as JSON", e);
        }
    }

    public static Manifest parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a manifest (bad JSON): " + e.getOriginalMessage(), e);
        }
        JsonNode parameters = required(root, "parameters");
        Map<String, Long> snapshots = new TreeMap<>();
        for (Map.Entry<String, JsonNode> id : required(root, "snapshots").properties()) {
            snapshots.put(id.getKey(), id.getValue().asLong());
        }
        List<FileEntry> files = new ArrayList<>();
        for (JsonNode file : required(root, "files")) {
            files.add(new FileEntry(text(file, "name"), text(file, "format"), required(file, "bytes").asLong(),
                    text(file, "sha256"), required(file, "rows").asLong()));
        }
        return new Manifest(text(root, "pack"), required(root, "version").asInt(), Period.parse(text(parameters, "period")),
                Scope.ofKey(text(parameters, "scope")), Language.parse(text(parameters, "language")), snapshots,
                OffsetDateTime.parse(text(root, "generated_at")), text(root, "zone"), text(root, "requested_by"), text(root, "via"),
                files, root.hasNonNull("reproduces") ? root.get("reproduces").asText() : null);
    }

    public static Manifest read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("not a manifest: no \"" + field + "\"");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return required(node, field).asText();
    }
}
