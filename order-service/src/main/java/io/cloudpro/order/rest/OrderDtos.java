package io.cloudpro.order.rest;

import io.cloudpro.order.domain.CustomerOrder;
import io.cloudpro.order.domain.Line;
import io.cloudpro.order.domain.Product;
import io.cloudpro.order.domain.ProductKind;
import io.cloudpro.order.domain.ProductQuantity;
import io.cloudpro.order.domain.Quotation;
import io.cloudpro.order.domain.QuotationStatus;
import io.cloudpro.order.domain.Totals;
import io.cloudpro.order.domain.VatRate;
import io.cloudpro.order.service.ProductService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the product, quotation and order endpoints take and answer. Amounts are euro cents. */
public final class OrderDtos {

    private OrderDtos() {
    }

    @Schema(name = "ProductView")
    public record ProductView(UUID id, @Schema(examples = "HOST-BASIC") String sku,
                              @Schema(examples = "Webhosting Basic (12 months)") String name, ProductKind kind,
                              @Schema(examples = "5988") long unitPriceCents, VatRate vatRate, boolean active) {
        static ProductView of(Product p) {
            return new ProductView(p.id, p.sku, p.name, p.kind, p.unitPriceCents, p.vatRate, p.active);
        }
    }

    @Schema(name = "NewProduct")
    public record NewProduct(@NotBlank @Size(max = 40) @Pattern(regexp = "[A-Z0-9][A-Z0-9-]*") @Schema(examples = "HOST-BASIC") String sku,
                             @NotBlank @Size(max = 200) @Schema(examples = "Webhosting Basic (12 months)") String name,
                             @NotNull ProductKind kind,
                             @NotNull @PositiveOrZero @Max(100_000_000) @Schema(examples = "5988") Long unitPriceCents,
                             @NotNull VatRate vatRate) {
        ProductService.ProductData toData() {
            return new ProductService.ProductData(sku, name, kind, unitPriceCents, vatRate, true);
        }
    }

    @Schema(name = "ProductChange", description = "Fields left out stay as they are.")
    public record ProductChange(@Size(min = 1, max = 200) String name,
                                @PositiveOrZero @Max(100_000_000) @Schema(examples = "6588") Long unitPriceCents,
                                VatRate vatRate, Boolean active) {
        ProductService.ProductData toData() {
            return new ProductService.ProductData(null, name, null, unitPriceCents, vatRate, active);
        }
    }

    @Schema(name = "LineRequest")
    public record LineRequest(@NotNull UUID productId, @Min(1) @Max(1000) @Schema(examples = "1") int quantity,
                              @Size(max = 253) @Pattern(regexp = "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.[a-z]{2,63}",
                                      message = "must be a domain name such as example.nl")
                              @Schema(description = "The domain to register; required for a DOMAIN product, refused for others",
                                      examples = "jansen-webdesign.nl") String domain) {
    }

    @Schema(name = "LinesRequest", description = "What to quote or order: 1 to 50 lines.")
    public record LinesRequest(@NotEmpty @Size(max = 50) List<@Valid @NotNull LineRequest> lines) {
        List<ProductQuantity> toDomain() {
            return lines.stream().map(l -> new ProductQuantity(l.productId(), l.quantity(),
                    l.domain() == null ? null : l.domain().toLowerCase(java.util.Locale.ROOT))).toList();
        }
    }

    @Schema(name = "LineView")
    public record LineView(UUID productId, @Schema(examples = "Webhosting Basic (12 months)") String description,
                           int quantity, long unitPriceCents, VatRate vatRate, long netCents,
                           @Schema(description = "For a domain registration: the domain", examples = "jansen-webdesign.nl") String domain) {
        static LineView of(Line line) {
            return new LineView(line.productId, line.description, line.quantity, line.unitPriceCents, line.vatRate, line.netCents,
                    line.domain);
        }
    }

    @Schema(name = "VatView", description = "Per VAT rate: the net total and the VAT on it, rounded half up per rate.")
    public record VatView(VatRate rate, @Schema(examples = "21") int percent, long netCents, long vatCents) {
    }

    static List<VatView> vatPerRate(List<Line> lines) {
        return Totals.of(lines).perRate().entrySet().stream()
                .map(e -> new VatView(e.getKey(), e.getKey().percent(), e.getValue().netCents(), e.getValue().vatCents()))
                .toList();
    }

    @Schema(name = "QuotationView")
    public record QuotationView(UUID id, @Schema(examples = "Q2026-000042") String number, QuotationStatus status,
                                @Schema(description = "Open and not past its last valid day") boolean acceptable,
                                Instant createdAt, @Schema(description = "Last day it can be accepted") LocalDate validUntil,
                                List<LineView> lines, List<VatView> vat, long netCents, long vatCents, long grossCents,
                                @Schema(description = "The order it placed, once accepted") UUID orderId,
                                Instant acceptedAt) {
        static QuotationView of(Quotation q, LocalDate today) {
            return new QuotationView(q.id, q.number, q.status, q.acceptableOn(today), q.createdAt, q.validUntil,
                    q.lines.stream().map(LineView::of).toList(), vatPerRate(q.lines), q.netCents, q.vatCents, q.grossCents,
                    q.orderId, q.acceptedAt);
        }
    }

    @Schema(name = "OrderView")
    public record OrderView(UUID id, @Schema(examples = "O2026-000042") String number, String status,
                            @Schema(description = "The quotation it was placed from, if any") UUID quotationId,
                            Instant placedAt, List<LineView> lines, List<VatView> vat, long netCents, long vatCents,
                            long grossCents) {
        static OrderView of(CustomerOrder o) {
            return new OrderView(o.id, o.number, o.status.name(), o.quotationId, o.placedAt,
                    o.lines.stream().map(LineView::of).toList(), vatPerRate(o.lines), o.netCents, o.vatCents, o.grossCents);
        }
    }
}
