package io.cloudpro.order;

import io.cloudpro.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Tokens and requests the order-service tests share. */
final class OrderClient {

    private OrderClient() {
    }

    /** A customer login acting for an account of its own. */
    record Customer(String loginId, String accountId, String token) {
        RequestSpecification call() {
            return as(token);
        }
    }

    static Customer customer() {
        String accountId = UUID.randomUUID().toString();
        TestTokens.Builder token = TestTokens.customer().accountId(accountId).sessionId(UUID.randomUUID().toString());
        return new Customer(token.subject(), accountId, token.build());
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static RequestSpecification admin() {
        return as(TestTokens.staff("admin").sessionId(UUID.randomUUID().toString()).build());
    }

    /** Adds an active product; its id. */
    static String product(String kind, long unitPriceCents, String vatRate) {
        return admin().body(Map.of("sku", "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(),
                        "name", "Test " + kind.toLowerCase(), "kind", kind, "unitPriceCents", unitPriceCents,
                        "vatRate", vatRate))
                .post("/api/v1/products").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> lines(Object... productAndQuantity) {
        List<Map<String, Object>> lines = new java.util.ArrayList<>();
        for (int i = 0; i < productAndQuantity.length; i += 2) {
            lines.add(Map.of("productId", productAndQuantity[i], "quantity", productAndQuantity[i + 1]));
        }
        return Map.of("lines", lines);
    }
}
