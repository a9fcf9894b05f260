package meridian.server;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import meridian.server.auth.UserStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meridian user ...} and {@code meridian token ...}: manage the user store of the data
 * directory ({@code <data_dir>/auth/users.yaml}, {@code tokens.yaml}). A running server sees
 * changes at once. Passwords are read from the terminal or, with {@code --password-stdin}, from
 * the first line of standard input; they never appear on the command line or in output.
 */
final class AuthCommands {

    private AuthCommands() {
    }

    @Command(name = "user", mixinStandardHelpOptions = true, description = "Add, remove or list users.",
            subcommands = {UserAdd.class, UserRemove.class, UserList.class})
    static final class User implements Callable<Integer> {
        @Override
        public Integer call() {
            CommandLine.usage(this, System.out);
            return 2;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user (or replace its password and groups).")
    static final class UserAdd implements Callable<Integer> {
        @CommandLine.Mixin
        Main.Common common = new Main.Common();

        @Parameters(index = "0", paramLabel = "USER")
        String name;

        @Option(names = {"-g", "--group"}, description = "a group the user belongs to (repeatable)")
        List<String> groups = List.of();

        @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
        boolean passwordStdin;

        @Option(names = "--no-password", description = "no password: the user authenticates with tokens only")
        boolean noPassword;

        @Override
        public Integer call() throws IOException {
            UserStore store = new UserStore(common.load().authDir());
            char[] password = noPassword ? null : readPassword();
            try {
                if (password != null && password.length < 8) {
                    System.err.println("meridian: the password must have at least 8 characters");
                    return 2;
                }
                store.putUser(name, password, groups);
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
            }
            System.out.println("user " + name + " saved" + (groups.isEmpty() ? "" : ", groups " + String.join(", ", groups)));
            return 0;
        }

        private char[] readPassword() throws IOException {
            Console console = System.console();
            if (!passwordStdin && console != null) {
                char[] first = console.readPassword("Password for %s: ", name);
                char[] again = console.readPassword("Again: ");
                boolean same = first != null && Arrays.equals(first, again);
                if (again != null) {
                    Arrays.fill(again, '\0');
                }
                if (!same) {
                    throw new IllegalArgumentException("the passwords differ");
                }
                return first;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null || line.isEmpty()) {
                throw new IllegalArgumentException("no password on standard input");
            }
            return line.toCharArray();
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user and revoke its tokens.")
    static final class UserRemove implements Callable<Integer> {
        @CommandLine.Mixin
        Main.Common common = new Main.Common();

        @Parameters(index = "0", paramLabel = "USER")
        String name;

        @Override
        public Integer call() {
            boolean removed = new UserStore(common.load().authDir()).removeUser(name);
            System.out.println(removed ? "user " + name + " removed" : "no user " + name);
            return removed ? 0 : 1;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users and their groups.")
    static final class UserList implements Callable<Integer> {
        @CommandLine.Mixin
        Main.Common common = new Main.Common();

        @Override
        public Integer call() {
            new UserStore(common.load().authDir()).users().forEach((n, g) ->
                    System.out.println(n + (g.isEmpty() ? "" : "  groups: " + String.join(", ", g))));
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "Create, revoke or list bearer tokens.",
            subcommands = {TokenCreate.class, TokenRevoke.class, TokenList.class})
    static final class Token implements Callable<Integer> {
        @Override
        public Integer call() {
            CommandLine.usage(this, System.out);
            return 2;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Issue a bearer token for USER; it is printed once (only its hash is stored).")
    static final class TokenCreate implements Callable<Integer> {
        @CommandLine.Mixin
        Main.Common common = new Main.Common();

        @Parameters(index = "0", paramLabel = "USER")
        String user;

        @Override
        public Integer call() {
            UserStore.CreatedToken t = new UserStore(common.load().authDir()).createToken(user);
            System.out.println(t.secret());
            System.err.println("token " + t.id() + " for " + user + " (send it as 'Authorization: Bearer <token>';"
                    + " revoke with: meridian token revoke " + t.id() + ")");
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by its id or value.")
    static final class TokenRevoke implements Callable<Integer> {
        @CommandLine.Mixin
        Main.Common common = new Main.Common();

        @Parameters(index = "0", paramLabel = "ID|TOKEN")
        String token;

        @Override
        public Integer call() {
            boolean revoked = new UserStore(common.load().authDir()).revokeToken(token);
            System.out.println(revoked ? "token revoked" : "no such token");
            return revoked ? 0 : 1;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (ids and users, never values).")
    static final class TokenList implements Callable<Integer> {
        @CommandLine.Mixin
        Main.Common common = new Main.Common();

        @Override
        public Integer call() {
            new UserStore(common.load().authDir()).tokens().forEach(t ->
                    System.out.println(t.id() + "  " + t.user() + "  " + t.created()));
            return 0;
        }
    }
}
