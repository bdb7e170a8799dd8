package io.cloudpro.privacy.rest;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/** A package download: a file to save, never cached anywhere on the way (it is a copy of personal data). */
public final class PackageResponses {

    private PackageResponses() {
    }

    public static Response of(UUID requestId, String content) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setPrivate(true);
        return Response.ok(content, MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"cloudpro-data-" + requestId + ".json\"")
                .cacheControl(noStore)
                .build();
    }
}
