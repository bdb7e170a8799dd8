package io.cloudpro.order.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.order.service.VatNumberCheck;
import io.cloudpro.platform.config.CompanyDetails;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link VatNumberCheck} over the European Commission's VIES REST API
 * ({@code POST {base}/check-vat-number}). It names this company's own VAT number as the requester,
 * so that VIES returns a consultation number - the proof, kept on the invoice, that the customer's
 * number was valid on the day. A VIES error (e.g. {@code MS_UNAVAILABLE}) means "cannot tell now",
 * never "invalid".
 */
@ApplicationScoped
public class ViesVatNumberCheck implements VatNumberCheck {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final URI endpoint;
    private final CompanyDetails company;

    ViesVatNumberCheck(ObjectMapper json, @ConfigProperty(name = "order.vies.url") String baseUrl, CompanyDetails company) {
        this.json = json;
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/check-vat-number");
        this.company = company;
    }

    @Override
    public Result check(String country, String number) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("countryCode", country);
        request.put("vatNumber", number);
        request.put("requesterMemberStateCode", company.vatId().substring(0, 2));
        request.put("requesterNumber", company.vatId().substring(2));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.statusCode() == 200 ? json.readTree(response.body()) : null;
            if (answer == null || !answer.has("valid")) {
                String error = answer == null ? "HTTP " + response.statusCode()
                        : answer.path("errorWrappers").path(0).path("error").asText("no verdict");
                throw new UnavailableException("VIES could not check the number: " + error, null);
            }
            return new Result(answer.get("valid").asBoolean(), answer.path("requestIdentifier").asText(null));
        } catch (IOException e) {
            throw new UnavailableException("VIES did not answer: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while checking a VAT number", e);
        }
    }
}
