package kagami.foreign;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * A serialisable class from outside the Sigma engine, standing for whatever an attacker would put in a cache file:
 * deserialising it would run {@link #readObject}. The rule cache must reject it before that.
 */
public final class Gadget implements Serializable {
    private static final long serialVersionUID = 1L;
    public static volatile boolean instantiated;

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        instantiated = true;
    }
}
