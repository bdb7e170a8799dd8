package io.cloudpro.order.domain;

import java.util.UUID;

/** Who is asking: a login (owner or member) acting for one account, as the token says. */
public record Customer(UUID loginId, UUID accountId) {
}
