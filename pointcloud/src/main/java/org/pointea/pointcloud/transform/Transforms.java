package org.pointea.pointcloud.transform;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a transform back from its printed form: the grammar of the transforms' {@code toString},
 * so a pipeline stored as text (a model's preprocessing, a run's augmentation) rebuilds exactly
 * the transform that printed it ({@code parse(t.toString()).equals(t)}).
 *
 * <pre>{@code
 * PointTransform t = Transforms.parse("Compose([RandomScale(0.6666667, 1.5), Shuffle()])");
 * Transforms.parse(RandomScale.pct().toString()).equals(RandomScale.pct());   // true: 2/3 exactly
 * Transforms.parse("RandomRotate(180.0, axis=(0.0, 1.0, 0.0))");
 * Transforms.parse("Subsample(1024, fps)");
 * }</pre>
 *
 * <p>A transform is {@code Name(arguments)} where Name is a transform record of this package and
 * the arguments fill its components in order: numbers, {@code true}/{@code false}, enum constants
 * by name, tuples {@code (a, b, c)} that fill consecutive components, lists of transforms {@code [A,
 * B]}; an argument may be named ({@code replace=true}, {@code axis=(…)}), the name a prefix of the
 * component it fills.
 */
public final class Transforms {
  private static final String PACKAGE = Transforms.class.getPackageName() + ".";

  private final String text;
  private int pos;

  private Transforms(String text) {
    this.text = text;
  }

  /**
   * Returns the transform printed as {@code text}.
   *
   * @param text a printed transform
   * @return the transform
   * @throws IllegalArgumentException naming the position of what cannot be read, or the transform
   *     that refuses its arguments
   */
  public static PointTransform parse(String text) {
    Transforms p = new Transforms(text);
    PointTransform t = p.transform();
    p.skipBlanks();
    if (p.pos != text.length()) {
      throw p.error("unexpected '" + text.substring(p.pos) + "' after the transform");
    }
    return t;
  }

  private IllegalArgumentException error(String why) {
    return new IllegalArgumentException("cannot read transform '" + text + "' at column " + (pos + 1) + ": " + why);
  }

  private void skipBlanks() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private boolean accept(char c) {
    skipBlanks();
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!accept(c)) {
      throw error("expected '" + c + "'");
    }
  }

  private String word() {
    skipBlanks();
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "_.-+".indexOf(text.charAt(pos)) >= 0)) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a name or a number");
    }
    return text.substring(start, pos);
  }

  /** An argument: its optional name and its flattened values. */
  private record Arg(String name, List<Object> values) {
  }

  private PointTransform transform() {
    int start = pos;
    String name = word();
    Class<?> type;
    try {
      type = Class.forName(PACKAGE + name, true, Transforms.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      pos = start;
      throw error("no transform named '" + name + "'");
    }
    if (!type.isRecord() || !PointTransform.class.isAssignableFrom(type)) {
      pos = start;
      throw error("'" + name + "' is not a transform");
    }
    expect('(');
    List<Arg> args = new ArrayList<>();
    if (!accept(')')) {
      do {
        args.add(argument());
      } while (accept(','));
      expect(')');
    }
    return build(type, args, start);
  }

  private Arg argument() {
    skipBlanks();
    int save = pos;
    String name = null;
    if (pos < text.length() && Character.isLetter(text.charAt(pos))) {
      String w = word();
      if (accept('=')) {
        name = w;
      } else {
        pos = save;
      }
    }
    List<Object> values = new ArrayList<>();
    value(values);
    return new Arg(name, values);
  }

  private void value(List<Object> out) {
    skipBlanks();
    if (accept('(')) {
      do {
        value(out);
      } while (accept(','));
      expect(')');
      return;
    }
    if (accept('[')) {
      List<PointTransform> list = new ArrayList<>();
      if (!accept(']')) {
        do {
          list.add(transform());
        } while (accept(','));
        expect(']');
      }
      out.add(list);
      return;
    }
    int save = pos;
    String w = word();
    if (accept('(')) {
      pos = save;
      out.add(transform());
      return;
    }
    out.add(w);
  }

  private PointTransform build(Class<?> type, List<Arg> args, int start) {
    RecordComponent[] comps = type.getRecordComponents();
    Object[] values = new Object[comps.length];
    Class<?>[] types = new Class<?>[comps.length];
    int c = 0;
    for (Arg a : args) {
      if (a.name() != null && (c >= comps.length || !comps[c].getName().startsWith(a.name()))) {
        pos = start;
        throw error(type.getSimpleName() + " has no argument '" + a.name() + "' at position " + (c + 1));
      }
      for (Object v : a.values()) {
        if (c >= comps.length) {
          pos = start;
          throw error(type.getSimpleName() + " takes " + comps.length + " argument(s)");
        }
        values[c] = convert(v, comps[c], type, start);
        c++;
      }
    }
    if (c != comps.length) {
      pos = start;
      throw error(type.getSimpleName() + " takes " + comps.length + " argument(s), got " + c);
    }
    for (int i = 0; i < comps.length; i++) {
      types[i] = comps[i].getType();
    }
    try {
      Constructor<?> ctor = type.getDeclaredConstructor(types);
      return (PointTransform) ctor.newInstance(values);
    } catch (InvocationTargetException e) {
      pos = start;
      throw error(e.getCause() == null ? e.toString() : e.getCause().getMessage());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
    }
  }

  private Object convert(Object v, RecordComponent comp, Class<?> owner, int start) {
    Class<?> t = comp.getType();
    String where = owner.getSimpleName() + "." + comp.getName();
    if (t == List.class) {
      if (!(v instanceof List<?>)) {
        pos = start;
        throw error(where + " takes a list of transforms [A, B, ...]");
      }
      return v;
    }
    if (!(v instanceof String s)) {
      pos = start;
      throw error(where + " takes a single value");
    }
    try {
      if (t == int.class) {
        return Integer.parseInt(s);
      }
      if (t == long.class) {
        return Long.parseLong(s);
      }
      if (t == float.class) {
        return Float.parseFloat(s);
      }
      if (t == double.class) {
        return Double.parseDouble(s);
      }
    } catch (NumberFormatException e) {
      pos = start;
      throw error(where + ": '" + s + "' is not a number");
    }
    if (t == boolean.class) {
      if (!s.equals("true") && !s.equals("false")) {
        pos = start;
        throw error(where + ": '" + s + "' is not true or false");
      }
      return Boolean.parseBoolean(s);
    }
    if (t.isEnum()) {
      for (Object e : t.getEnumConstants()) {
        if (((Enum<?>) e).name().equalsIgnoreCase(s)) {
          return e;
        }
      }
      pos = start;
      throw error(where + ": '" + s + "' is not one of "
          + java.util.Arrays.toString(t.getEnumConstants()).toLowerCase(Locale.ROOT));
    }
    throw new IllegalStateException("unsupported component type " + t + " of " + where);
  }
}
