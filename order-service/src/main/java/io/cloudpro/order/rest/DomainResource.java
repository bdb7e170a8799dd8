package io.cloudpro.order.rest;

import io.cloudpro.order.domain.DomainRegistration;
import io.cloudpro.order.domain.RegistrationStatus;
import io.cloudpro.order.service.DomainService;
import io.cloudpro.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The caller's account's domain registrations, with what the registry's public Whois shows of them. */
@Path("/api/v1/domains")
@Tag(name = "Domains", description = "Domains registered with their orders")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
public class DomainResource {

    private final CurrentCustomer customer;
    private final DomainService domains;

    DomainResource(CurrentCustomer customer, DomainService domains) {
        this.customer = customer;
        this.domains = domains;
    }

    @Schema(name = "DomainRegistrationView")
    public record RegistrationView(UUID id, UUID orderId, @Schema(examples = "jansen-webdesign.nl") String domain,
                                   RegistrationStatus status, @Schema(examples = "SIDN") String registry,
                                   DomainRegistration.RegistrantType registrantType,
                                   @Schema(description = "Whether the public Whois shows registrant data") Boolean whoisPublished,
                                   @Schema(description = "Which registrant fields the public Whois shows, e.g. company and city")
                                   List<String> whoisFields,
                                   Instant requestedAt, Instant registeredAt,
                                   @Schema(description = "Why it waits or was refused") String detail) {
        static RegistrationView of(DomainRegistration r) {
            return new RegistrationView(r.id, r.orderId, r.domain, r.status, r.registry, r.registrantType, r.whoisPublished,
                    r.whoisFields == null || r.whoisFields.isEmpty() ? List.of() : Arrays.asList(r.whoisFields.split(",")),
                    r.requestedAt, r.registeredAt, r.detail);
        }
    }

    @GET
    @Operation(summary = "My account's domain registrations",
            description = "Registered once the order is paid. A private person's .nl domain shows no name or address in"
                    + " the registry's Whois; a business's does.")
    @APIResponse(responseCode = "200", description = "The registrations, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = RegistrationView.class)))
    public List<RegistrationView> list() {
        return domains.list(customer.require()).stream().map(RegistrationView::of).toList();
    }
}
