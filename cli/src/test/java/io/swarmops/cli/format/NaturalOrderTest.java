package io.swarmops.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order of docker's lists ({@code sortorder.NaturalLess}). */
class NaturalOrderTest {
    @Test
    void sortsAsSortorderNaturalLess() {
        // each before the next by NaturalLess; the cases where the two copies this replaces went wrong
        // too: a digit sorts before '-' and '.', and of equal numbers the one with fewer zeros comes first
        List<String> order = List.of("", "0", "00", "1", "01", "001", "2", "10", "a", "a0", "a1", "a01", "a2", "a10",
                "a-1", "a.1", "node2", "node9", "node9a", "node10", "web", "web1", "web-1", "web_1", "wébé");
        List<String> shuffled = new ArrayList<>(order);
        Collections.shuffle(shuffled, new java.util.Random(7));
        shuffled.sort(NaturalOrder.INSTANCE);
        assertEquals(order, shuffled);
        for (int i = 0; i < order.size(); i++) {
            for (int j = 0; j < order.size(); j++) {
                assertEquals(Integer.signum(Integer.compare(i, j)), NaturalOrder.INSTANCE.compare(order.get(i), order.get(j)),
                        order.get(i) + " vs " + order.get(j));
            }
        }
    }
}
