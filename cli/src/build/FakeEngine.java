import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A canned Docker Engine on a unix socket, for the build's training run of the startup cache (so
 * that HTTP and JSON classes are in it): {@code GET /vX.Y/NAME} answers {@code DIR/NAME.json},
 * {@code /_ping} answers OK with API 1.41, anything else 404. Run as a source file:
 * {@code java FakeEngine.java SOCKET DIR}; it serves until killed.
 */
public final class FakeEngine {
    public static void main(String[] args) throws IOException {
        Path socket = Path.of(args[0]);
        Path dir = Path.of(args[1]);
        Files.deleteIfExists(socket);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            while (true) {
                SocketChannel c = server.accept();
                Thread t = new Thread(() -> serve(c, dir));
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private static void serve(SocketChannel c, Path dir) {
        try (c; InputStream in = Channels.newInputStream(c); OutputStream out = Channels.newOutputStream(c)) {
            String line;
            while ((line = readLine(in)) != null) {
                String path = line.split(" ")[1];
                int length = 0;
                for (String h; !(h = readLine(in)).isEmpty(); ) {
                    if (h.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).trim());
                    }
                }
                in.readNBytes(length);
                int q = path.indexOf('?');
                String name = (q < 0 ? path : path.substring(0, q)).replaceFirst("^/v[0-9.]+", "").replaceFirst("^/", "");
                Path file = dir.resolve(name + ".json");
                byte[] body;
                String status;
                if (name.equals("_ping")) {
                    status = "200 OK";
                    body = "OK".getBytes(StandardCharsets.UTF_8);
                } else if (!name.contains("..") && Files.isRegularFile(file)) {
                    status = "200 OK";
                    body = Files.readAllBytes(file);
                } else {
                    status = "404 Not Found";
                    body = "{\"message\":\"page not found\"}".getBytes(StandardCharsets.UTF_8);
                }
                String head = "HTTP/1.1 " + status + "\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away: the next one is served
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int ch;
        while ((ch = in.read()) >= 0 && ch != '\n') {
            if (ch != '\r') {
                b.write(ch);
            }
        }
        return ch < 0 && b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
    }
}
