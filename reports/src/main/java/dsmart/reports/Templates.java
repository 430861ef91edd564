package dsmart.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperReport;

/** JRXML templates compiled on first use and kept for the life of the JVM (compiling costs seconds; filling does not). */
final class Templates {
    private static final Map<String, JasperReport> COMPILED = new ConcurrentHashMap<>();

    private Templates() {}

    /** The compiled template of a classpath resource such as {@code dsmart/reports/executive_sales.jrxml}. */
    static JasperReport compiled(String resource) {
        return COMPILED.computeIfAbsent(resource, Templates::compile);
    }

    private static JasperReport compile(String resource) {
        try (InputStream jrxml = Templates.class.getClassLoader().getResourceAsStream(resource)) {
            if (jrxml == null) {
                throw new IllegalStateException("template " + resource + " is not on the classpath");
            }
            return JasperCompileManager.compileReport(jrxml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + resource, e);
        } catch (JRException e) {
            throw new ReportException("template " + resource + " does not compile: " + e.getMessage(), e);
        }
    }
}
