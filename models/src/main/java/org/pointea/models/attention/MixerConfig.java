package org.pointea.models.attention;

import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.nn.ParamStore;

/**
 * Which mixer to build and its hyper-parameters.
 *
 * <pre>{@code
 * MixerConfig.external();                 // EA, S = 64 slots, one head
 * MixerConfig.external(64, 4, true);      // 4 heads sharing one memory, M_v tied to M_kᵀ
 * MixerConfig.ufo(4);                     // UFO attention with 4 heads
 * MixerConfig.offset();                   // PCT offset attention
 * MixerConfig.selfAttention(4);           // scaled dot-product self-attention, 4 heads
 * }</pre>
 *
 * @param kind  the mechanism
 * @param heads number of heads (must divide the channels); 1 for offset attention
 * @param slots memory slots S of External Attention (ignored otherwise)
 * @param tied  External Attention only: M_v is M_kᵀ (one parameter), as the official EANet head
 */
public record MixerConfig(MixerKind kind, int heads, int slots, boolean tied) {

    /** Default number of memory slots (the paper's S). */
    public static final int DEFAULT_SLOTS = 64;

    /** Validates. */
    public MixerConfig {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (heads < 1) {
            throw new IllegalArgumentException("heads must be >= 1, got " + heads);
        }
        if (kind == MixerKind.EXTERNAL && slots < 1) {
            throw new IllegalArgumentException("slots must be >= 1, got " + slots);
        }
        if (kind == MixerKind.OFFSET && heads != 1) {
            throw new IllegalArgumentException("offset attention has a single head");
        }
        if (tied && kind != MixerKind.EXTERNAL) {
            throw new IllegalArgumentException("only External Attention can tie its memories");
        }
    }

    /** External Attention with 64 slots, one head, untied memories. */
    public static MixerConfig external() {
        return new MixerConfig(MixerKind.EXTERNAL, 1, DEFAULT_SLOTS, false);
    }

    /** External Attention with the given slots, heads (sharing one memory) and tying. */
    public static MixerConfig external(int slots, int heads, boolean tied) {
        return new MixerConfig(MixerKind.EXTERNAL, heads, slots, tied);
    }

    /** UFO attention with the given number of heads. */
    public static MixerConfig ufo(int heads) {
        return new MixerConfig(MixerKind.UFO, heads, 0, false);
    }

    /** PCT offset attention. */
    public static MixerConfig offset() {
        return new MixerConfig(MixerKind.OFFSET, 1, 0, false);
    }

    /** Scaled dot-product self-attention with the given number of heads. */
    public static MixerConfig selfAttention(int heads) {
        return new MixerConfig(MixerKind.SELF, heads, 0, false);
    }

    /** The default configuration of each kind (EA 64 slots / 1 head; UFO and self-attention 4 heads). */
    public static MixerConfig defaults(MixerKind kind) {
        return switch (kind) {
            case EXTERNAL -> external();
            case UFO -> ufo(4);
            case OFFSET -> offset();
            case SELF -> selfAttention(4);
        };
    }

    /** Parses {@code external|ufo|offset|self} (case-insensitive) into its default configuration. */
    public static MixerConfig parse(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "external", "ea" -> external();
            case "ufo" -> ufo(4);
            case "offset", "oa" -> offset();
            case "self", "sa" -> selfAttention(4);
            default -> throw new IllegalArgumentException(
                    "unknown mixer '" + name + "'; expected external, ufo, offset or self");
        };
    }

    /** Builds the mixer over {@code channels} channels, registering parameters under {@code name}. */
    public Mixer create(ParamStore ps, BufferRegistry buffers, String name, int channels) {
        if (channels % heads != 0) {
            throw new IllegalArgumentException(heads + " heads do not divide " + channels + " channels");
        }
        return switch (kind) {
            case EXTERNAL -> new ExternalAttention(ps, buffers, name, channels, this);
            case UFO -> new UfoAttention(ps, buffers, name, channels, this);
            case OFFSET -> new OffsetAttention(ps, buffers, name, channels, this);
            case SELF -> new SelfAttention(ps, buffers, name, channels, this);
        };
    }

    /** Short printable form, e.g. {@code external(S=64, heads=1)}. */
    @Override
    public String toString() {
        return switch (kind) {
            case EXTERNAL -> "external(S=" + slots + ", heads=" + heads + (tied ? ", tied" : "") + ")";
            case UFO -> "ufo(heads=" + heads + ")";
            case OFFSET -> "offset";
            case SELF -> "self(heads=" + heads + ")";
        };
    }
}
