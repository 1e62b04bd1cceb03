package org.jcwmp.cpe.gateway;

import java.util.List;

/**
 * Reads items behind the gateway: a simulator, an MQTT broker, a radio. Found with {@link java.util.ServiceLoader}
 * (META-INF/services/org.jcwmp.cpe.gateway.GatewayDriver), so a driver in another jar needs no change here. One
 * instance per gateway; {@link #close()} ends whatever it shares between items.
 */
public interface GatewayDriver extends AutoCloseable {

    /** The name configuration files use in "driver", e.g. "mqtt". */
    String name();

    /** Item types this driver brings; any driver may read any type a loaded driver brings. */
    default List<ItemType> types() {
        return List.of();
    }

    /** Whether this driver can read items of this type. */
    boolean supports(ItemType type);

    /**
     * Checks an item's settings before anything changes.
     *
     * @return what is wrong, each naming the setting; empty when the item can be connected
     */
    List<String> check(ItemConfig item);

    /**
     * Starts delivering an item's readings to the sink until the returned connection is closed.
     *
     * @param item an item whose configuration passed {@link #check}, with its latest readings
     */
    Connection connect(Item item, ReadingSink sink);

    /** An item being read; closing stops its readings. */
    interface Connection extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    default void close() {
    }
}
