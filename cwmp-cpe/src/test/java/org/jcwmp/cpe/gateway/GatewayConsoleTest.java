package org.jcwmp.cpe.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayConsoleTest {
    private final GatewayModelTest.ManualDriver manual = new GatewayModelTest.ManualDriver();
    private final Gateway gateway = new Gateway(new GatewayDrivers(List.of(manual)));
    private final HttpClient http = HttpClient.newHttpClient();
    private GatewayConsole console;
    private final List<InputStream> streams = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        console = new GatewayConsole(gateway, "127.0.0.1", 0);
        gateway.apply(GatewayConfiguration.parse("""
                {"items": [{"serial": "987", "vendor": "WEBTECH", "type": "temperatureHumidity", "driver": "manual"}]}
                """.getBytes(UTF_8), gateway.drivers()));
    }

    @AfterEach
    void stop() throws Exception {
        for (InputStream s : streams) {
            s.close();
        }
        console.close();
        gateway.close();
        http.close();
    }

    /** Reads "id:" and "data:" lines of an event stream in the background. */
    private List<String> stream(String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(console.url().resolve("events"));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        streams.add(response.body());
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("id:") || line.startsWith("data:")) {
                        lines.add(line);
                    }
                }
            } catch (Exception e) {
                // closed by the test
            }
        });
        return lines;
    }

    @Test
    void streamsEventsWithIdsAndReplaysWhatAReconnectingBrowserMissed() throws Exception {
        List<String> first = stream(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> first.contains("id: 1"));
        assertThat(first).anySatisfy(l -> assertThat(l).contains("\"kind\":\"New Configuration\"").contains("WEBTECH"));

        manual.sinks.get("987").readings(Map.of("temp", "25.5", "hum", "43"));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.contains("id: 2"));
        assertThat(first).anySatisfy(l -> assertThat(l).contains("\"kind\":\"Item Updated\"").contains("25.5"));

        manual.sinks.get("987").readings(Map.of("temp", "26.0"));
        List<String> again = stream("2");
        await().atMost(Duration.ofSeconds(10)).until(() -> again.contains("id: 3"));
        assertThat(again).noneMatch(l -> l.equals("id: 1") || l.equals("id: 2"));
    }

    @Test
    void servesThePageItsModuleAndTheItems() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(console.url()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("<script type=\"module\" src=\"console.js\">");
        HttpResponse<String> js = http.send(HttpRequest.newBuilder(console.url().resolve("console.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/javascript"));
        assertThat(js.body()).contains("new EventSource");
        HttpResponse<String> items = http.send(HttpRequest.newBuilder(console.url().resolve("items")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(items.body()).contains("\"serial\":\"987\"").contains("\"name\":\"temp\"");
        assertThat(http.send(HttpRequest.newBuilder(console.url().resolve("nothing")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }

    @Test
    void subscribersSeeEventsInIdOrderWhateverThreadPublishes() throws Exception {
        ConsoleEvents events = new ConsoleEvents();
        List<Long> ids = new CopyOnWriteArrayList<>();
        events.subscribe(0, e -> ids.add(e.id()));
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 250; i++) {
                    events.publish(ConsoleEvent.ITEM_UPDATED, Map.of("i", i));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(ids).hasSize(1000).isSorted();
    }

    @Test
    void theReplayBufferIsBounded() {
        ConsoleEvents events = new ConsoleEvents(3, java.time.Clock.systemUTC());
        for (int i = 0; i < 5; i++) {
            events.publish(ConsoleEvent.ITEM_UPDATED, Map.of("n", i));
        }
        assertThat(events.since(0)).extracting(ConsoleEvent::id).containsExactly(3L, 4L, 5L);
        assertThat(events.since(4)).extracting(ConsoleEvent::id).containsExactly(5L);
    }
}
