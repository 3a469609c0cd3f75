package org.pointea.io.dataset.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pointea.io.PointCloudFormatException;

/**
 * Reads the small index files of dataset layouts: line lists (shape ids, class names, file
 * lists) and JSON string lists (ShapeNet-part splits), with errors naming the file and line.
 */
public final class ListFiles {
  /** Index files larger than this are rejected rather than read into memory (64 MiB). */
  static final long MAX_INDEX_BYTES = 64L << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ListFiles() {}

  /**
   * One non-blank line of a list file.
   *
   * @param number 1-based line number
   * @param text the line without surrounding whitespace
   */
  public record Line(int number, String text) {}

  /**
   * Reads the non-blank lines of a UTF-8 text file, trimmed.
   *
   * @param file the file
   * @return the lines with their numbers
   * @throws IOException when it cannot be read or is not UTF-8 text
   */
  public static List<Line> lines(Path file) throws IOException {
    String text = text(file);
    List<Line> out = new ArrayList<>();
    int number = 0;
    for (String raw : text.split("\r\n|\r|\n", -1)) {
      number++;
      String t = raw.strip();
      if (!t.isEmpty()) {
        out.add(new Line(number, t));
      }
    }
    return out;
  }

  /**
   * Reads a JSON array of strings, as ShapeNet-part's {@code shuffled_*_file_list.json}.
   *
   * @param file the file
   * @return the strings in order
   * @throws IOException when it cannot be read, or a {@link PointCloudFormatException} naming the
   *     line and byte offset when it is not an array of strings
   */
  public static List<String> jsonStrings(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    for (Line l : jsonEntries(file)) {
      out.add(l.text());
    }
    return out;
  }

  /**
   * Reads a JSON array of strings with the line each string is on.
   *
   * @param file the file
   * @return the strings in order, with their 1-based line numbers
   * @throws IOException when it cannot be read, or a {@link PointCloudFormatException} naming the
   *     line and byte offset when it is not an array of strings
   */
  public static List<Line> jsonEntries(Path file) throws IOException {
    // decoded as strict UTF-8 first: handed bytes, Jackson guesses UTF-16/32 from NUL bytes and
    // fails with a CharConversionException that names no file (a fuzz finding)
    String text = text(file);
    List<Line> out = new ArrayList<>();
    try (JsonParser p = JSON.getFactory().createParser(text)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw error(file, p.currentLocation(), "expected a JSON array of strings", text);
      }
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.VALUE_STRING) {
          throw error(file, p.currentLocation(), "expected a string, found " + t, text);
        }
        out.add(new Line(p.currentTokenLocation().getLineNr(), p.getText()));
      }
      if (p.nextToken() != null) {
        throw error(file, p.currentLocation(), "unexpected content after the array", text);
      }
    } catch (JsonProcessingException e) {
      throw error(file, e.getLocation(), e.getOriginalMessage(), text);
    } catch (java.io.CharConversionException e) {
      throw new PointCloudFormatException(file.toString(), -1, 0, "not JSON text: "
          + e.getMessage());
    }
    return out;
  }

  private static PointCloudFormatException error(Path file, JsonLocation where, String detail,
      String text) {
    long line = where == null ? -1 : where.getLineNr();
    long offset = -1;
    if (where != null && where.getCharOffset() >= 0) {
      int chars = (int) Math.min(where.getCharOffset(), text.length());
      offset = text.substring(0, chars).getBytes(StandardCharsets.UTF_8).length;
    }
    return new PointCloudFormatException(file.toString(), line, offset, detail);
  }

  private static byte[] bytes(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_INDEX_BYTES) {
      throw new PointCloudFormatException(file.toString(), -1, MAX_INDEX_BYTES,
          "is " + size + " bytes; an index file of a dataset is expected to be small");
    }
    return Files.readAllBytes(file);
  }

  private static String text(Path file) throws IOException {
    byte[] bytes = bytes(file);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      int line = 1;
      int bad = firstInvalidUtf8(bytes);
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new PointCloudFormatException(file.toString(), line, bad, "not UTF-8 text");
    }
  }

  /** Returns the offset of the first byte that starts an invalid UTF-8 sequence. */
  private static int firstInvalidUtf8(byte[] b) {
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xff;
      int len = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3
          : c >= 0xf0 && c < 0xf5 ? 4 : 0;
      if (len == 0 || i + len > b.length) {
        return i;
      }
      for (int k = 1; k < len; k++) {
        if ((b[i + k] & 0xc0) != 0x80) {
          return i;
        }
      }
      i += len;
    }
    return 0;
  }
}
