package dev.spanproof.junit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what the extension logs, through java.util.logging, which backs {@code System.Logger}
 * when no other logging provider is installed; while it records, nothing reaches the console.
 */
final class LoggedWarnings extends Handler implements AutoCloseable {

  private final Logger logger = Logger.getLogger(TracingExtension.class.getName());
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private LoggedWarnings() {
    logger.addHandler(this);
    logger.setUseParentHandlers(false);
  }

  static LoggedWarnings record() {
    return new LoggedWarnings();
  }

  /** The messages logged at WARNING, in order. */
  List<String> warnings() {
    return records.stream()
        .filter(record -> record.getLevel().equals(Level.WARNING))
        .map(LogRecord::getMessage)
        .toList();
  }

  /** Every record, whatever its level. */
  List<LogRecord> all() {
    return List.copyOf(records);
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setUseParentHandlers(true);
  }
}
