package org.pointea.io.las;

/**
 * The LAS point data record formats 0 to 10: which fields a record holds and its minimum length
 * (longer records carry extra bytes).
 *
 * @param id the format number, 0 to 10
 */
public record LasPointFormat(int id) {
  private static final int[] SIZES = {20, 28, 26, 34, 57, 63, 30, 36, 38, 59, 67};

  /** Validates the id. */
  public LasPointFormat {
    if (id < 0 || id > 10) {
      throw new IllegalArgumentException("LAS point format " + id + " does not exist (0 to 10)");
    }
  }

  /** Returns the length of a record without extra bytes. */
  public int baseSize() {
    return SIZES[id];
  }

  /** Returns true for the formats of LAS 1.4 (6 to 10): 4-bit returns, 8-bit classes, channels. */
  public boolean isExtended() {
    return id >= 6;
  }

  /** Returns true when records carry a GPS time. */
  public boolean hasGpsTime() {
    return id != 0 && id != 2;
  }

  /** Returns true when records carry red, green and blue. */
  public boolean hasRgb() {
    return id == 2 || id == 3 || id == 5 || id == 7 || id == 8 || id == 10;
  }

  /** Returns true when records carry near infrared. */
  public boolean hasNir() {
    return id == 8 || id == 10;
  }

  /** Returns true when records carry a waveform packet. */
  public boolean hasWavePacket() {
    return id == 4 || id == 5 || id == 9 || id == 10;
  }

  /** Returns the byte offset of the GPS time in a record. */
  int gpsOffset() {
    return isExtended() ? 22 : 20;
  }

  /** Returns the byte offset of red in a record. */
  int rgbOffset() {
    return switch (id) {
      case 2 -> 20;
      case 3, 5 -> 28;
      default -> 30;
    };
  }

  /** Returns the byte offset of the wave packet in a record. */
  int waveOffset() {
    return switch (id) {
      case 4 -> 28;
      case 5 -> 34;
      case 9 -> 30;
      default -> 38;
    };
  }

  /**
   * Returns the smallest LAS minor version (1.x) that defines this format.
   *
   * @return 0, 2, 3 or 4
   */
  public int minMinorVersion() {
    return id <= 1 ? 0 : id <= 3 ? 2 : id <= 5 ? 3 : 4;
  }
}
