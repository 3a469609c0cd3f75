package org.pointea.pointcloud;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Seeded random generators for reproducible pipelines: one base seed plus any number of keys
 * (epoch, sample index, worker...) gives an independent, reproducible stream.
 *
 * <p>A data loader that derives the generator of sample {@code i} in epoch {@code e} as
 * {@code RandomStreams.of(seed, e, i)} gets the same augmentation for that sample whatever the
 * order, thread or restart point of the run, so a resumed run reproduces an uninterrupted one.
 * The generator is XoRoShiRo128++ (Commons RNG); the keys are mixed with the SplitMix64
 * finaliser so that neighbouring keys give unrelated streams.
 *
 * <pre>{@code
 * UniformRandomProvider rng = RandomStreams.of(seed, epoch, sampleIndex);
 * PointCloud augmented = transform.apply(cloud, rng);
 * }</pre>
 */
public final class RandomStreams {
  private RandomStreams() {}

  /**
   * Returns a generator seeded with {@code seed}.
   *
   * @param seed the seed
   * @return a new generator
   */
  public static UniformRandomProvider of(long seed) {
    return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
  }

  /**
   * Returns the generator of the stream named by {@code seed} and {@code keys}.
   *
   * @param seed base seed
   * @param keys stream keys, in order (e.g. epoch, sample index)
   * @return a new generator
   */
  public static UniformRandomProvider of(long seed, long... keys) {
    return RandomSource.XO_RO_SHI_RO_128_PP.create(derive(seed, keys));
  }

  /**
   * Returns the 64-bit seed of the stream named by {@code seed} and {@code keys}.
   *
   * @param seed base seed
   * @param keys stream keys
   * @return the derived seed
   */
  public static long derive(long seed, long... keys) {
    long h = mix(seed);
    for (long k : keys) {
      h = mix(h ^ mix(k + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
