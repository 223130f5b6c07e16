package com.hostmcp.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/** The chart under deploy/helm/hostmcp, linted and rendered by Helm running in this JVM (helm-java). */
final class Chart {

    static final String RELEASE = "hostmcp";
    static final String NAMESPACE = "hostmcp";
    /** The oldest Kubernetes the chart supports (Chart.yaml kubeVersion is >=1.25). */
    static final String KUBE_VERSION = "1.25.0";

    static final Path DIR = Path.of(System.getProperty("hostmcp.chart", "hostmcp")).toAbsolutePath();
    static final Path PRODUCTION_VALUES = Path
            .of(System.getProperty("hostmcp.chart.production-values", "values-production.yaml")).toAbsolutePath();
    static final Path ROOT = Path.of(System.getProperty("hostmcp.root", "../..")).toAbsolutePath().normalize();

    private Chart() {
    }

    /** {@code helm template} with the chart's defaults, then the values files, then the {@code --set} overrides. */
    static Manifests render(Map<String, Object> overrides, Path... valuesFiles) {
        TemplateCommand template = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path valuesFile : valuesFiles) {
            template = template.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> override : overrides.entrySet()) {
            template = template.set(override.getKey(), override.getValue());
        }
        return Manifests.parse(template.call());
    }

    /**
     * {@code helm template} with the chart's defaults and then {@code valuesYaml} as a values file: helm-java passes
     * every {@code --set} value as a string, so lists (and empty lists) need a file.
     */
    static Manifests render(String valuesYaml) {
        try {
            Path file = Files.createTempFile("values-", ".yaml");
            try {
                Files.writeString(file, valuesYaml);
                return render(Map.of(), file);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Manifests renderDefaults() {
        return render(Map.of());
    }

    static Manifests renderProduction() {
        return render(Map.of(), PRODUCTION_VALUES);
    }

    /** {@code helm lint --strict} with the chart's own values. */
    static LintResult lint() {
        return new Helm(DIR).lint().strict().call();
    }

    /**
     * {@code helm lint --strict} with a values file on top of the defaults. helm-java's lint takes no values file, so a
     * copy of the chart gets the merged values as its values.yaml (Helm's merge: maps deeply, everything else replaced).
     */
    static LintResult lintWith(Path valuesFile, Path workDir) {
        try {
            Path copy = workDir.resolve(DIR.getFileName());
            try (Stream<Path> files = Files.walk(DIR)) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(DIR.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            JsonNode defaults = Manifests.MAPPER.readTree(DIR.resolve("values.yaml").toFile());
            JsonNode overlay = Manifests.MAPPER.readTree(valuesFile.toFile());
            Manifests.MAPPER.writeValue(copy.resolve("values.yaml").toFile(), merge((ObjectNode) defaults, overlay));
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode merge(ObjectNode base, JsonNode overlay) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode current = base.get(field.getKey());
            if (current instanceof ObjectNode currentObject && field.getValue().isObject()) {
                merge(currentObject, field.getValue());
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
        return base;
    }
}
