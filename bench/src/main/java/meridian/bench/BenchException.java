package meridian.bench;

/** The service under test answered a run with an error (or a wrong answer). */
public final class BenchException extends Exception {

    public BenchException(String message) {
        super(message);
    }
}
