package jakarta.servlet;

/**
 * Servlet 5's marker interface, removed in Servlet 6. The product runs on Servlet 6 (Javalin's Jetty 12),
 * but Spark's shaded Jetty 11 checks {@code instanceof SingleThreadModel} when SparkContext registers its
 * metrics servlet, even with the UI off; without this marker SparkContext fails to start.
 */
@Deprecated
public interface SingleThreadModel {}
