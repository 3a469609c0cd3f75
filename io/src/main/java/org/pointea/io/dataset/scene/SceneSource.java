package org.pointea.io.dataset.scene;

import java.io.IOException;
import java.util.List;
import org.pointea.io.dataset.Split;
import org.pointea.pointcloud.PointCloud;

/** Lists and reads the scenes of one layout. */
interface SceneSource {

    /** Returns the layout. */
    SceneLayout layout();

    /** Returns the class names; a scene's labels index into them. */
    List<String> classNames();

    /**
     * Lists a split's scenes, checking that their files exist.
     *
     * @param split the split
     * @return the scenes, in a fixed order
     * @throws IOException when files are missing or an index file is malformed
     */
    List<SceneEntry> entries(Split split) throws IOException;

    /**
     * Reads one scene: positions, the channels it has, labels as class indices (-1 unlabelled).
     *
     * @param entry the scene
     * @return the cloud
     * @throws IOException when a file cannot be read or is malformed
     */
    PointCloud read(SceneEntry entry) throws IOException;

    /** Returns the settings that shape what {@link #read} returns, for the cache key. */
    String parameters();
}
