package org.pointea.io.las;

import java.util.Set;
import org.pointea.pointcloud.Channel;

/**
 * The channel names LAS point fields become (laspy's dimension names, with the cloud's standard
 * names where one exists): classification is the cloud's {@link Channel#LABELS}, intensity its
 * {@link Channel#INTENSITY} (the raw 16-bit value), red/green/blue its {@link Channel#COLORS}
 * (scaled to [0, 1]).
 */
public final class LasChannels {
  /** Return number, 1-based (int). */
  public static final String RETURN_NUMBER = "return_number";
  /** Number of returns of the pulse (int). */
  public static final String NUMBER_OF_RETURNS = "number_of_returns";
  /** Scan direction flag, 0 or 1 (int). */
  public static final String SCAN_DIRECTION_FLAG = "scan_direction_flag";
  /** Edge of flight line flag, 0 or 1 (int). */
  public static final String EDGE_OF_FLIGHT_LINE = "edge_of_flight_line";
  /**
   * Classification flags as LAS 1.4 packs them (int): bit 0 synthetic, 1 key-point, 2 withheld,
   * 3 overlap.
   */
  public static final String CLASSIFICATION_FLAGS = "classification_flags";
  /** Scanner channel, 0 to 3, formats 6 to 10 (int). */
  public static final String SCANNER_CHANNEL = "scanner_channel";
  /** Scan angle in degrees (float): the rank of formats 0-5, the 0.006-degree steps of 6-10. */
  public static final String SCAN_ANGLE = "scan_angle";
  /** User data byte (int). */
  public static final String USER_DATA = "user_data";
  /** Point source (flight line) id (int). */
  public static final String POINT_SOURCE_ID = "point_source_id";
  /** GPS time in seconds, week time or adjusted standard (double). */
  public static final String GPS_TIME = "gps_time";
  /** Near infrared, the raw 16-bit value (int). */
  public static final String NIR = "nir";
  /** Wave packet descriptor index (int). */
  public static final String WAVEPACKET_INDEX = "wavepacket_index";
  /** Byte offset of the waveform data (double: a uint64). */
  public static final String WAVEPACKET_OFFSET = "wavepacket_offset";
  /** Waveform packet size in bytes (int). */
  public static final String WAVEPACKET_SIZE = "wavepacket_size";
  /** Return point waveform location, ps (float). */
  public static final String RETURN_POINT_WAVE_LOCATION = "return_point_wave_location";
  /** Parametric line x(t) (float). */
  public static final String X_T = "x_t";
  /** Parametric line y(t) (float). */
  public static final String Y_T = "y_t";
  /** Parametric line z(t) (float). */
  public static final String Z_T = "z_t";

  /** Every name above and the cloud's standard names: extra-bytes fields are renamed away. */
  static final Set<String> STANDARD = Set.of("x", "y", "z", Channel.INTENSITY, Channel.LABELS,
      Channel.COLORS, Channel.NORMALS, RETURN_NUMBER, NUMBER_OF_RETURNS, SCAN_DIRECTION_FLAG,
      EDGE_OF_FLIGHT_LINE, CLASSIFICATION_FLAGS, SCANNER_CHANNEL, SCAN_ANGLE, USER_DATA,
      POINT_SOURCE_ID, GPS_TIME, NIR, WAVEPACKET_INDEX, WAVEPACKET_OFFSET, WAVEPACKET_SIZE,
      RETURN_POINT_WAVE_LOCATION, X_T, Y_T, Z_T);

  /** The wave packet channels, all seven needed to write a wave packet format. */
  static final java.util.List<String> WAVE = java.util.List.of(WAVEPACKET_INDEX,
      WAVEPACKET_OFFSET, WAVEPACKET_SIZE, RETURN_POINT_WAVE_LOCATION, X_T, Y_T, Z_T);

  private LasChannels() {}
}
