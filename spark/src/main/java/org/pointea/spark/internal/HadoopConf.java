package org.pointea.spark.internal;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * A Hadoop {@link Configuration} that can travel to executors inside a task closure (Hadoop's
 * class is {@code Writable}, not {@code Serializable}).
 */
public final class HadoopConf implements Serializable {
  private static final long serialVersionUID = 1L;

  private transient Configuration conf;

  /**
   * Wraps a configuration (copied when serialized).
   *
   * @param conf the configuration, e.g. {@code spark.sparkContext().hadoopConfiguration()}
   */
  public HadoopConf(Configuration conf) {
    this.conf = conf;
  }

  /** Returns the configuration. */
  public Configuration get() {
    return conf;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    conf.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    conf = new Configuration(false);
    conf.readFields(in);
  }
}
