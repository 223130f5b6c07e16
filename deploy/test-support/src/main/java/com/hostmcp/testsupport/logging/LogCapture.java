package com.hostmcp.testsupport.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every log line written in this JVM while open, from the given level up. JBoss LogManager is the JUL LogManager under
 * Quarkus, so a handler on the root logger sees every category. A line is the level (JBoss names: WARN, ERROR), the
 * logger, the formatted message and, on the next lines, the stack trace.
 */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Logger root = Logger.getLogger("");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(record.getLevel().getName()).append(' ')
                    .append(record.getLoggerName()).append(' ').append(formatter.formatMessage(record));
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Every enabled level. */
    public LogCapture() {
        this(Level.ALL);
    }

    public LogCapture(Level least) {
        handler.setLevel(least);
        root.addHandler(handler);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The captured lines that contain {@code value} (case-insensitive). */
    public List<String> linesContaining(String value) {
        String needle = value.toLowerCase(Locale.ROOT);
        return lines.stream().filter(line -> line.toLowerCase(Locale.ROOT).contains(needle)).toList();
    }

    @Override
    public void close() {
        root.removeHandler(handler);
    }
}
