package io.cloudpro.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The European Commission's VIES VAT number check, in the shape of its REST API
 * ({@code POST /taxation_customs/vies/rest-api/check-vat-number}). Which numbers are valid is a
 * rule anyone can remember: every well-formed number is valid except those ending in {@code 0000};
 * a number ending in {@code 9999} makes the member state's system unavailable
 * ({@code MS_UNAVAILABLE}), as VIES answers when a country's database is down.
 */
final class Vies {

    static final String PATH = "/taxation_customs/vies/rest-api/check-vat-number";
    private static final Pattern NUMBER = Pattern.compile("[0-9A-Z+*]{2,12}");

    private final AtomicLong consultations = new AtomicLong();
    private final Faults faults;

    Vies(Faults faults) {
        this.faults = faults;
    }

    void check(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            Exchanges.problem(exchange, 405, "POST a check");
            return;
        }
        if (faults.apply(exchange, "vies")) {
            return;
        }
        JsonNode request = Exchanges.body(exchange);
        String country = request.path("countryCode").asText();
        String number = request.path("vatNumber").asText();
        if (!country.matches("[A-Z]{2}") || !NUMBER.matcher(number).matches()) {
            Exchanges.json(exchange, 400, Map.of("actionSucceed", false,
                    "errorWrappers", new Object[] {Map.of("error", "INVALID_INPUT")}));
            return;
        }
        if (number.endsWith("9999")) {
            Exchanges.json(exchange, 200, Map.of("actionSucceed", false,
                    "errorWrappers", new Object[] {Map.of("error", "MS_UNAVAILABLE")}));
            return;
        }
        boolean valid = !number.endsWith("0000");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("countryCode", country);
        answer.put("vatNumber", number);
        answer.put("requestDate", OffsetDateTime.now(ZoneOffset.UTC).toString());
        answer.put("valid", valid);
        // the consultation number: VIES gives one when the requester names its own VAT number
        if (request.hasNonNull("requesterNumber")) {
            answer.put("requestIdentifier", "WAPI" + String.format("%011d", consultations.incrementAndGet()));
        }
        answer.put("name", valid ? "Simulated Business " + number : "---");
        answer.put("address", valid ? "Simulated Street 1, " + country : "---");
        Exchanges.json(exchange, 200, answer);
    }
}
