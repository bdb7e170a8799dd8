package io.cloudpro.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What {@code kubectl kustomize} builds from a folder of deploy/: the objects an operator would apply. */
final class Manifests {

    static final ObjectMapper YAML = new YAMLMapper();
    /** deploy/, where Maven runs this module's tests. */
    static final Path DEPLOY = Path.of("").toAbsolutePath();
    static final Path REPOSITORY = DEPLOY.getParent();
    static final List<String> OVERLAYS = List.of("overlays/dev", "overlays/prod");

    private Manifests() {
    }

    /** The objects of a kustomization under deploy/, in the order kustomize writes them. */
    static List<ObjectNode> build(String kustomization) {
        String yaml = kustomize(DEPLOY.resolve(kustomization));
        List<ObjectNode> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode node = it.next();
                if (node instanceof ObjectNode object) {
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("kubectl kustomize " + kustomization + " wrote no YAML", e);
        }
        return objects;
    }

    static String kustomize(Path folder) {
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder("kubectl", "kustomize", folder.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + folder + " took longer than 60 s");
            }
            String yaml = Files.readString(out, StandardCharsets.UTF_8);
            String errors = Files.readString(err, StandardCharsets.UTF_8);
            Files.delete(out);
            Files.delete(err);
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + DEPLOY.relativize(folder) + " failed:\n" + errors);
            }
            return yaml;
        } catch (IOException e) {
            throw new IllegalStateException("kubectl is needed to build deploy/ (it ships kustomize): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String kind(JsonNode object) {
        return object.path("kind").asText();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** "Kind/name", for messages. */
    static String id(JsonNode object) {
        return kind(object) + "/" + name(object);
    }

    static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(kind(o))).toList();
    }
}
