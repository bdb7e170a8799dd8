package io.cloudpro.order.rest;

import io.cloudpro.order.domain.Payment;
import io.cloudpro.order.domain.PaymentMethod;
import io.cloudpro.order.domain.PaymentProvider;
import io.cloudpro.order.domain.PaymentStatus;
import io.cloudpro.order.domain.PaymentTransaction;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the payment endpoints take and answer. */
public final class PaymentDtos {

    private PaymentDtos() {
    }

    @Schema(name = "PaymentRequest")
    public record PaymentRequest(@NotNull @Schema(examples = "IDEAL") PaymentMethod method) {
    }

    @Schema(name = "PaymentView", description = "A payment of an order; the payer's account only masked.")
    public record PaymentView(UUID id, UUID orderId, PaymentProvider provider, PaymentMethod method,
                              @Schema(description = "The provider's id of the payment", examples = "tr_WDqYK6vllg") String providerReference,
                              PaymentStatus status, @Schema(examples = "7245") long amountCents,
                              @Schema(description = "Send the payer here to pay (while OPEN)") String checkoutUrl,
                              @Schema(examples = "NL** **** **** **12 34") String maskedAccount,
                              Instant createdAt, Instant paidAt) {
        static PaymentView of(Payment p) {
            return new PaymentView(p.id, p.orderId, p.provider, p.method, p.providerReference, p.status, p.amountCents,
                    p.status.isFinal() ? null : p.checkoutUrl, p.maskedAccount, p.createdAt, p.paidAt);
        }
    }

    @Schema(name = "PaymentTransactionView", description = "One change of the payment's status and what told us.")
    public record TransactionView(Instant at, PaymentStatus from, PaymentStatus to, PaymentTransaction.Source source, String detail) {
        static TransactionView of(PaymentTransaction t) {
            return new TransactionView(t.at, t.fromStatus, t.toStatus, t.source, t.detail);
        }
    }

    @Schema(name = "PaymentDetailView")
    public record PaymentDetailView(PaymentView payment, List<TransactionView> transactions) {
    }
}
