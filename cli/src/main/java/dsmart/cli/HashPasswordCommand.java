package dsmart.cli;

import dsmart.web.Passwords;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;

@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = {"Read a password (from the terminal, or one line of stdin) and print its hash for setting web.users.",
            "web.users=name:ROLE:hash[:region],... with ROLE one of EXECUTIVE, REGION_MANAGER (needs :region), HR, AUDIT, ADMIN."})
final class HashPasswordCommand extends StageCommand {
    @Override
    public Integer call() throws IOException {
        Console console = System.console();
        char[] password;
        if (console != null) {
            password = console.readPassword("password: ");
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("empty password");
        }
        System.out.println(Passwords.hash(password));
        return 0;
    }
}
