package dsmart.cli;

import dsmart.lake.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the dashboard (login required) over the marts until stopped with Ctrl-C.")
final class ServeCommand extends StageCommand {
    @Option(names = "--port", description = "Port to listen on (setting web.port, default 7070).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> options = new LinkedHashMap<>();
        if (port != null) {
            options.put("web.port", port.toString());
        }
        serve(settings(options));
        return 0;
    }

    static void serve(Settings settings) throws InterruptedException {
        long started = System.nanoTime();
        Server server = Server.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.err.printf("[serve] dashboard at %s (ready in %.1f s)%n", server.url(), (System.nanoTime() - started) / 1e9);
        if (Server.demoUsers(settings)) {
            System.err.println("[serve] demo users exec, east (region manager of EAST), hr, audit, admin with password \"" + Server.DEMO_PASSWORD
                    + "\" (set web.users for real ones; `dsmart hash-password` makes the hashes)");
        }
        System.err.println("[serve] Ctrl-C stops");
        stopped.await();
    }
}
