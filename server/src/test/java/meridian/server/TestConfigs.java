package meridian.server;

import java.util.List;
import meridian.server.config.MeridianConfig;

/** Configurations with short limits for the async and upload tests. */
final class TestConfigs {

    private TestConfigs() {
    }

    /** Async limits short enough to test; uploads limited to 50 rows and 100 kB; sync budget 1 s. */
    static MeridianConfig shortLimits(MeridianConfig c) {
        MeridianConfig.Tap t = c.tap();
        return c.withTap(new MeridianConfig.Tap(t.maxrecDefault(), t.maxrecLimit(), 1, 50L, 100_000L,
                List.of("127.0.0.1"), 5,
                new MeridianConfig.Async(30, 60, 3600L, 7200L, 1, 10, 1, 1_000_000_000L)));
    }
}
