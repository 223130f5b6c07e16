package com.hostmcp.gateway.tools.reservations;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every log line written in this JVM while open (JBoss LogManager is the JUL LogManager under Quarkus, so a handler
 * on the root logger sees all categories at every level that is enabled), as logger name, formatted message and
 * stack trace.
 */
final class LogCapture implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Logger root = Logger.getLogger("");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(String.valueOf(record.getLoggerName())).append(' ')
                    .append(formatter.formatMessage(record));
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

    LogCapture() {
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The captured lines that contain {@code value} (case-insensitive). */
    List<String> linesContaining(String value) {
        String needle = value.toLowerCase(java.util.Locale.ROOT);
        return lines.stream().filter(line -> line.toLowerCase(java.util.Locale.ROOT).contains(needle)).toList();
    }

    @Override
    public void close() {
        root.removeHandler(handler);
    }
}
