package dsmart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input stops with one line naming what is wrong and a non-zero exit. */
class BadInputTest {
    @TempDir
    Path dir;

    @Test
    void unknownSettingIsNamedWithExitTwo() {
        Captured run = Captured.run("--set", "web.prot=80", "status");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("dsmart status: unknown setting web.prot=80 (from --set)");
    }

    @Test
    void badValueIsNamedWithExitTwo() {
        Captured run = Captured.run("--set", "generator.scale=-3", "generate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("generator.scale=-3");
    }

    @Test
    void benchDayBeforeTheFirstIsRefusedWithTheValue() {
        Captured run = Captured.run("--set", "data.dir=" + dir, "bench", "--day", "0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().strip()).isEqualTo("dsmart bench: --day must be at least 1, not 0");
        assertThat(dir.resolve("sources")).doesNotExist();
    }

    @Test
    void missingSourceDatabaseIsNamed() {
        Captured run = Captured.run("--set", "data.dir=" + dir, "ingest");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().lines().filter(l -> l.startsWith("dsmart ingest:")).toList())
                .singleElement().asString().contains("source crm", dir.resolve("sources/crm").toString());
        assertThat(dir.resolve("sources/crm.mv.db")).doesNotExist();
    }

    @Test
    void unwritableWarehouseIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        Captured run = Captured.run("--set", "lake.warehouse=" + file, "status");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("lake warehouse", file.toString());
    }

    @Test
    void portInUseIsNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Captured run = Captured.run("--set", "data.dir=" + dir, "--set", "web.users=", "serve", "--port", String.valueOf(port));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("port " + port, "in use");
        }
    }
}
