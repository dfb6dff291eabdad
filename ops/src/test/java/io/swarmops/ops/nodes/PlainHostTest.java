package io.swarmops.ops.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlainHostTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "node1|true|true", "node-1.example.com|true|true", "192.0.2.1|true|true", "fd00::1|true|true",
        "4tnqzx0jv1qa8hw5t3xkmw2lj|true|true", "[fd00::1]|false|true", "[fd00::1|false|false", "[node1]|false|false",
        "-oProxyCommand=x|false|false", "-node|false|false", "a b|false|false", "a;b|false|false", "a/b|false|false",
        "$(id)|false|false", "node_1|true|true"})
    void onlyPlainNamesAndAddressesPass(String value, boolean plain, boolean plainOrBracketed) {
        assertEquals(plain, PlainHost.is(value, false), value);
        assertEquals(plainOrBracketed, PlainHost.is(value, true), value + " with bracketed IPv6");
    }

    @ParameterizedTest
    @CsvSource(value = {"''"}, emptyValue = "")
    void nothingIsNoHost(String value) {
        assertEquals(false, PlainHost.is(value, true));
        assertEquals(false, PlainHost.is(null, true));
    }
}
