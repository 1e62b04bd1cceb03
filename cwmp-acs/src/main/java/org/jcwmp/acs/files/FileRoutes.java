package org.jcwmp.acs.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.jcwmp.acs.nbi.Access;
import org.jcwmp.acs.nbi.NbiError;
import org.jcwmp.acs.nbi.NbiSecurity;
import org.jcwmp.acs.nbi.RouteTable;
import org.jcwmp.acs.store.DeviceStore;
import org.jcwmp.acs.store.StoredFile;
import org.jcwmp.acs.store.StoredUpload;

import java.io.IOException;

/**
 * The NBI's side of the file server. Operators store, list and delete files; read-only users list them and the
 * devices' uploads.
 * <ul>
 * <li>{@code PUT /files/{name}} (operator): the body is the file; fileType, oui, productClass, version as query
 * parameters or headers (GenieACS's headers have those names); 201 new, 200 replaced, 413 too large;</li>
 * <li>{@code GET /files}, {@code GET /files/{name}} (read-only): metadata, size, sha256, created, the CPEs' url;
 * {@code GET /files/} in GenieACS's shape; {@code DELETE /files/{name}} (operator);</li>
 * <li>{@code GET /devices/{id}/uploads} (read-only), {@code GET /uploads/{id}} (read-only: the content),
 * {@code DELETE /uploads/{id}} (operator).</li>
 * </ul>
 */
public final class FileRoutes {
    private final FileServer server;
    private final FileRepository files;
    private final DeviceStore devices;
    private final ObjectMapper json;

    public FileRoutes(FileServer server, DeviceStore devices, ObjectMapper json) {
        this.server = server;
        this.files = server.repository();
        this.devices = devices;
        this.json = json;
    }

    public void register(RouteTable r) {
        r.get("/files", Access.READ, ctx -> ctx.json(files.files().stream().map(this::file).toList()));
        r.get("/files/", Access.READ, ctx -> ctx.json(files.files().stream().map(this::genieFile).toList()));
        r.get("/files/{name}", Access.READ, ctx -> ctx.json(file(found(ctx.pathParam("name")))));
        r.put("/files/{name}", Access.WRITE, this::put);
        r.put("/files/", Access.WRITE, ctx -> {
            streamed(ctx);
            throw new NbiError(400, "a file needs a name: PUT /files/{name}");
        });
        r.delete("/files/{name}", Access.WRITE, ctx -> {
            String name = FileNames.check(ctx.pathParam("name"));
            if (!files.deleteFile(name)) {
                throw new NbiError(404, "no file " + name);
            }
            ctx.status(204);
        });
        r.get("/devices/{id}/uploads", Access.READ, this::uploadsOf);
        r.get("/uploads/{id}", Access.READ, ctx -> {
            StoredUpload u = upload(ctx);
            ctx.header("Content-Disposition", "attachment; filename*=UTF-8''" + FileServer.segment(u.name()));
            ctx.header("X-Device", u.deviceId());
            if (u.fileType() != null) {
                ctx.header("X-File-Type", u.fileType());
            }
            FileServer.serve(ctx, files.content(u.sha256()), u.size(), u.sha256(), false);
        });
        r.delete("/uploads/{id}", Access.WRITE, ctx -> {
            if (!files.deleteUpload(upload(ctx).id())) {
                throw new NbiError(404, "no upload " + ctx.pathParam("id"));
            }
            ctx.status(204);
        });
    }

    private void put(Context ctx) throws IOException {
        streamed(ctx);
        String name = FileNames.check(ctx.pathParam("name"));
        FileMetadata meta = new FileMetadata(param(ctx, "fileType"), param(ctx, "oui"), param(ctx, "productClass"),
                param(ctx, "version"));
        boolean existed = files.file(name).isPresent();
        StoredFile f;
        try {
            f = files.putFile(name, meta, ctx.req().getInputStream(), ctx.req().getContentLengthLong());
        } catch (FileTooLargeException e) {
            ctx.header("Connection", "close");
            throw new NbiError(413, e.getMessage());
        }
        ctx.attribute(NbiSecurity.BODY_SUMMARY, "{\"file\": \"" + name + "\", \"size\": " + f.size() + ", \"sha256\": \""
                + f.sha256() + "\"}");
        ctx.status(existed ? 200 : 201).json(file(f));
    }

    private void uploadsOf(Context ctx) {
        String id = ctx.pathParam("id");
        if (devices.find(id).isEmpty()) {
            throw new NbiError(404, "no device " + id);
        }
        int offset = intParam(ctx, "offset", 0);
        int limit = Math.min(intParam(ctx, "limit", 100), 1000);
        ctx.json(files.uploads(id, offset, limit).stream().map(this::upload).toList());
    }

    private StoredFile found(String name) {
        return files.file(FileNames.check(name)).orElseThrow(() -> new NbiError(404, "no file " + name));
    }

    private StoredUpload upload(Context ctx) {
        String id = ctx.pathParam("id");
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NbiError(404, "no upload " + id);
        }
        return files.upload(n).orElseThrow(() -> new NbiError(404, "no upload " + id));
    }

    /** The body is a file, streamed: the audit log must not read it again. */
    private static void streamed(Context ctx) {
        long n = ctx.req().getContentLengthLong();
        ctx.attribute(NbiSecurity.BODY_SUMMARY, "(a file" + (n >= 0 ? ", " + n + " bytes" : "") + ")");
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v != null && !v.isEmpty() ? v : ctx.header(name);
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + name + "\" must be a number from 0, not \"" + v + "\"");
        }
    }

    private ObjectNode file(StoredFile f) {
        ObjectNode n = json.createObjectNode().put("name", f.name()).put("fileType", f.fileType()).put("oui", f.oui())
                .put("productClass", f.productClass()).put("version", f.version()).put("size", f.size())
                .put("sha256", f.sha256());
        n.set("created", json.valueToTree(f.created()));
        n.put("url", server.url(f.name()));
        return n;
    }

    /** GenieACS's file document: _id, length, filename, uploadDate, metadata {fileType, oui, productClass, version}. */
    private ObjectNode genieFile(StoredFile f) {
        ObjectNode n = json.createObjectNode().put("_id", f.name()).put("length", f.size()).put("filename", f.name())
                .put("uploadDate", String.valueOf(f.created()));
        n.putObject("metadata").put("fileType", f.fileType()).put("oui", f.oui()).put("productClass", f.productClass())
                .put("version", f.version());
        return n;
    }

    private ObjectNode upload(StoredUpload u) {
        ObjectNode n = json.createObjectNode().put("id", u.id()).put("device", u.deviceId()).put("name", u.name())
                .put("fileType", u.fileType()).put("size", u.size()).put("sha256", u.sha256());
        n.set("created", json.valueToTree(u.created()));
        n.put("href", "/uploads/" + u.id());
        return n;
    }
}
