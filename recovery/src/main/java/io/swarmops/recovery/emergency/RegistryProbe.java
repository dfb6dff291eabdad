package io.swarmops.recovery.emergency;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Whether the registry answers: the reboot brings every other service back only after it does. */
public interface RegistryProbe {
    boolean answers();

    /** What is probed, for messages. */
    String describe();

    /**
     * An HTTP GET of {@code url} (registry.probe, e.g. http://registry:5000/v2/), 3 s to connect and
     * 5 s to answer. Any answer short of a server error counts: 401 is a registry with htpasswd auth.
     */
    static RegistryProbe http(String url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
        return new RegistryProbe() {
            @Override
            public boolean answers() {
                try {
                    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() < 500;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }

            @Override
            public String describe() {
                return url;
            }
        };
    }

    /** No probe configured: the registry's tasks running is all there is to wait for. */
    static RegistryProbe none() {
        return new RegistryProbe() {
            @Override
            public boolean answers() {
                return true;
            }

            @Override
            public String describe() {
                return "its tasks running";
            }
        };
    }
}
