package meridian.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./meridian bench jmh [JMH options]}: runs the micro-benchmarks of
 * {@link meridian.bench.jmh} with short defaults suited to a small machine (one fork, 3 x 1 s
 * warm-up, 5 x 1 s measurement), results as JSON in {@code target/bench/jmh.json} and, when
 * {@code BENCHMARKS.md} exists, as its JMH section. Any JMH
 * option given replaces the default of the same name; a regular expression selects benchmarks
 * (default: all of them).
 */
final class JmhLauncher {

    private JmhLauncher() {
    }

    static void main(String[] args) throws Exception {
        List<String> given = List.of(args);
        List<String> a = new ArrayList<>();
        addDefault(a, given, "-f", "1");
        addDefault(a, given, "-wi", "3");
        addDefault(a, given, "-w", "1s");
        addDefault(a, given, "-i", "5");
        addDefault(a, given, "-r", "1s");
        addDefault(a, given, "-rf", "json");
        if (!given.contains("-rff")) {
            Files.createDirectories(Path.of("target/bench"));
            a.add("-rff");
            a.add("target/bench/jmh.json");
        }
        a.addAll(given);
        org.openjdk.jmh.runner.options.CommandLineOptions options =
                new org.openjdk.jmh.runner.options.CommandLineOptions(a.toArray(new String[0]));
        new org.openjdk.jmh.runner.Runner(options).run();
        Path page = Path.of("BENCHMARKS.md");
        Path json = Path.of(options.getResult().orElse("target/bench/jmh.json"));
        if (!given.contains("-rff") && Files.isRegularFile(page)) {
            // keep the page's JMH section current; the HTTP figures above it are left as they are
            String text = Files.readString(page, StandardCharsets.UTF_8);
            int at = text.indexOf(Report.JMH_HEADING);
            Files.writeString(page, (at < 0 ? text : text.substring(0, at)) + Report.jmhSection(json),
                    StandardCharsets.UTF_8);
            System.err.println("bench: updated the JMH section of " + page);
        }
    }

    private static void addDefault(List<String> a, List<String> given, String option, String value) {
        if (!given.contains(option)) {
            a.add(option);
            a.add(value);
        }
    }
}
