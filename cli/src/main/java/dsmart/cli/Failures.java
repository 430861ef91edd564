package dsmart.cli;

import dsmart.ingestion.IngestionException;
import dsmart.lake.LakeException;
import dsmart.lake.SettingsException;
import dsmart.serving.QueryException;
import dsmart.transforms.TransformException;

/** Turns a failure into the one line the user sees. */
final class Failures {
    private Failures() {}

    static String oneLine(Throwable e) {
        if (e instanceof SettingsException || e instanceof IngestionException || e instanceof TransformException
                || e instanceof QueryException || e instanceof LakeException || e instanceof IllegalStateException
                || e instanceof IllegalArgumentException) {
            return firstLine(e.getMessage());
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return e.getClass().getSimpleName() + ": " + firstLine(String.valueOf(e.getMessage()))
                + (root != e ? " (cause: " + firstLine(String.valueOf(root.getMessage())) + ")" : "")
                + " — rerun with DSMART_DEBUG=1 for the stack trace";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
