package dsmart.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on 127.0.0.1 — one master, two one-core workers — started from the
 * Spark classes inside the runnable jar (cli/target/dsmart.jar), and the spark-submit launch of that
 * same jar against it. Processes are stopped by pid.
 */
final class SparkCluster implements AutoCloseable {
    static final Path JAR = Path.of(System.getProperty("dsmart.jar", "target/dsmart.jar"));
    static final List<String> JVM_FLAGS = List.of(System.getProperty("spark.jvm.flags", "").split("\\s+"));

    private final List<Process> processes = new ArrayList<>();
    private final Path dir;
    private int port;

    private SparkCluster(Path dir) {
        this.dir = dir;
    }

    static SparkCluster start(Path dir, int workers) throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("runnable jar " + JAR.toAbsolutePath() + " missing: run mvn verify (package builds it)");
        }
        SparkCluster cluster = new SparkCluster(dir);
        try {
            cluster.startAll(workers);
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    private void startAll(int workers) throws IOException, InterruptedException {
        // Workers build executor class paths from SPARK_HOME/jars: the runnable jar is all Spark needs.
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home"));
        Files.createDirectories(sparkHome.resolve("jars"));
        Files.createSymbolicLink(sparkHome.resolve("jars").resolve("dsmart.jar"), JAR.toAbsolutePath());
        Files.writeString(sparkHome.resolve("RELEASE"), "Spark classes from dsmart.jar\n");
        port = freePort();
        int webUi = freePort();
        processes.add(java(sparkHome, "master", "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(webUi)));
        for (int i = 1; i <= workers; i++) {
            processes.add(java(sparkHome, "worker-" + i, "org.apache.spark.deploy.worker.Worker", masterUrl(),
                    "--host", "127.0.0.1", "--cores", "1", "--memory", "1536m", "--webui-port", String.valueOf(freePort()),
                    "--work-dir", dir.resolve("work-" + i).toString()));
        }
        awaitWorkers(webUi, workers, Duration.ofSeconds(120));
    }

    /** Runs dsmart on the cluster the way spark-submit would (client mode); returns the exit code. */
    int submit(Path log, List<String> dsmartArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("--master", masterUrl(), "--deploy-mode", "client",
                "--class", "dsmart.cli.Main",
                "--conf", "spark.executor.memory=1g", "--conf", "spark.cores.max=2",
                "--conf", "spark.executor.extraJavaOptions=-Duser.timezone=UTC",
                "--conf", "spark.driver.host=127.0.0.1",
                JAR.toAbsolutePath().toString(), "--set", "spark.master=" + masterUrl()));
        command.addAll(dsmartArgs);
        Process submit = javaProcess(dir.resolve("spark-home"), log, "org.apache.spark.deploy.SparkSubmit", command);
        if (!submit.waitFor(15, TimeUnit.MINUTES)) {
            submit.destroyForcibly();
            throw new IllegalStateException("spark-submit did not finish in 15 minutes; see " + log);
        }
        return submit.exitValue();
    }

    private Process java(Path sparkHome, String name, String mainClass, String... args) throws IOException {
        return javaProcess(sparkHome, dir.resolve(name + ".log"), mainClass, List.of(args));
    }

    private static Process javaProcess(Path sparkHome, Path log, String mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("-Duser.timezone=UTC");
        command.add("-Dfile.encoding=UTF-8");
        command.addAll(JVM_FLAGS.stream().filter(f -> !f.isBlank()).toList());
        command.addAll(List.of("-cp", JAR.toAbsolutePath().toString(), mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        return builder.start();
    }

    private void awaitWorkers(int webUi, int workers, Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("a Spark cluster process exited with " + process.exitValue() + "; logs in " + dir);
                }
            }
            try {
                String json = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webUi + "/json/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher matcher = alive.matcher(json);
                if (matcher.find() && Integer.parseInt(matcher.group(1)) >= workers) {
                    return;
                }
            } catch (IOException notYet) {
                // master not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(workers + " workers did not register within " + timeout + "; logs in " + dir);
    }

    List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
