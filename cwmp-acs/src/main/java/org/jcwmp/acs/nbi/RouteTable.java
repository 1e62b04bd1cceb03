package org.jcwmp.acs.nbi;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseClient;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Registers NBI routes with their access level and remembers them, so a test can walk every route. */
public final class RouteTable {
    /** One route: method (GET, POST, PUT, DELETE), path as Javalin writes it ({id}, *), access level. */
    public record Route(String method, String path, Access access) {
    }

    private final Javalin app;
    private final List<Route> routes = new ArrayList<>();

    public RouteTable(Javalin app) {
        this.app = app;
    }

    public void get(String path, Access access, Handler h) {
        add(HandlerType.GET, path, access, h);
    }

    public void post(String path, Access access, Handler h) {
        add(HandlerType.POST, path, access, h);
    }

    public void put(String path, Access access, Handler h) {
        add(HandlerType.PUT, path, access, h);
    }

    public void delete(String path, Access access, Handler h) {
        add(HandlerType.DELETE, path, access, h);
    }

    public void sse(String path, Access access, Consumer<SseClient> client) {
        routes.add(new Route("GET", path, access));
        app.sse(path, client, access);
    }

    private void add(HandlerType type, String path, Access access, Handler h) {
        routes.add(new Route(type.name(), path, access));
        app.addHttpHandler(type, path, h, access);
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
