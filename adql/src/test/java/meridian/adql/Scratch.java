package meridian.adql;

import java.nio.file.Files;
import java.nio.file.Path;

/** Prints translations and results: a development aid, run by hand. */
final class Scratch {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("scratch");
        try (TestArchive a = new TestArchive(dir)) {
            for (String q : Files.readAllLines(Path.of(args[0]))) {
                if (q.isBlank()) continue;
                System.out.println("ADQL: " + q);
                try {
                    TranslatedQuery t = a.translator.translate(q, AdqlVersion.V2_1, a.model);
                    System.out.println("SQL:  " + t.sql().replace('\n', ' '));
                    for (ResultColumn c : t.columns()) System.out.print("  [" + c.name() + " " + c.metadata().datatype() + " " + c.metadata().arraysize() + " " + c.metadata().xtype() + " " + c.metadata().unit() + "]");
                    System.out.println();
                    System.out.println("ROWS: " + a.text(q));
                } catch (Exception e) {
                    System.out.println("ERR:  " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        }
    }
}
