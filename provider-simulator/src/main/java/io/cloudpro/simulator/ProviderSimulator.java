package io.cloudpro.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One real HTTP server playing the outside parties order-service deals with, each under the paths
 * of its real API, so that the service's adapters are the production ones pointed at another base
 * URL. The control endpoints under {@code /simulator/} are the simulator's own: what a test (or a
 * person trying the local suite) does that a real provider would not offer.
 */
public final class ProviderSimulator implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers;
    private final Faults faults = new Faults();
    private final Mollie mollie;
    private final PayPal payPal;

    private ProviderSimulator(HttpServer server) {
        this.server = server;
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "provider-simulator");
            thread.setDaemon(true);
            return thread;
        });
        String base = "http://localhost:" + server.getAddress().getPort();
        Webhooks webhooks = new Webhooks();
        Vies vies = new Vies(faults);
        mollie = new Mollie(faults, webhooks, base);
        payPal = new PayPal(faults, webhooks, base);
        handle(Vies.PATH, vies::check);
        handle("/v2/payments", mollie::api);
        handle("/checkout/mollie/", mollie::checkout);
        handle("/simulator/mollie/", mollie::control);
        handle("/v1/oauth2/token", payPal::token);
        handle("/v2/checkout/orders", payPal::orders);
        handle("/checkout/paypal/", payPal::approval);
        handle("/simulator/paypal/", payPal::control);
        handle(PayPal.CERT_PATH, payPal::certificate);
        Registrar registrar = new Registrar(faults);
        handle("/registrar/v1/domains", registrar::api);
        handle("/registrar/v1/whois/", registrar::whois);
        handle("/simulator/faults/", this::faults);
        server.setExecutor(workers);
    }

    /** Starts on {@code port} (0: any free port) on the loopback interface. */
    public static ProviderSimulator start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ProviderSimulator simulator = new ProviderSimulator(server);
            server.start();
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the provider simulator on port " + port, e);
        }
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL to configure for VIES' REST API. */
    public String viesUrl() {
        return url() + "/taxation_customs/vies/rest-api";
    }

    /** How order-service finds the providers: its environment variables, pointing at this simulator. */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("VIES_URL", viesUrl());
        environment.put("MOLLIE_URL", url());
        environment.put("MOLLIE_API_KEY", Mollie.API_KEY);
        environment.put("PAYPAL_URL", url());
        environment.put("PAYPAL_CLIENT_ID", PayPal.CLIENT_ID);
        environment.put("PAYPAL_CLIENT_SECRET", PayPal.CLIENT_SECRET);
        environment.put("PAYPAL_WEBHOOK_ID", PayPal.WEBHOOK_ID);
        environment.put("PAYPAL_CERT_URL_PREFIX", url() + "/paypal/certs/");
        environment.put("REGISTRAR_URL", url() + "/registrar/v1");
        environment.put("REGISTRAR_API_KEY", Registrar.API_KEY);
        return environment;
    }

    /** Where PayPal's webhooks go, as registered in its dashboard: order-service's webhook endpoint. */
    public void payPalWebhookUrl(String url) {
        payPal.webhookUrl(url);
    }

    /** The PAYPAL-* headers PayPal would send with this body - for tests that replay or tamper with a webhook. */
    public Map<String, String> signPayPalWebhook(String body, String transmissionId, String transmissionTime) {
        return payPal.sign(body, transmissionId, transmissionTime);
    }

    /** The full IBAN simulated iDEAL payments are paid from (which must never be stored or logged unmasked). */
    public static String idealPayerIban() {
        return Mollie.PAYER_IBAN;
    }

    /** What Mollie says a payment's status is now. */
    public String molliePaymentStatus(String id) {
        return mollie.status(id);
    }

    /** Makes a provider slow ({@code delay}) or failing, or neither again. */
    public void fault(String provider, Duration delay, boolean failing) {
        faults.set(provider, delay, failing);
    }

    private void faults(HttpExchange exchange) throws IOException {
        String provider = exchange.getRequestURI().getPath().substring("/simulator/faults/".length());
        Map<String, String> query = Exchanges.form(exchange.getRequestURI().getRawQuery());
        fault(provider, Duration.ofMillis(Long.parseLong(query.getOrDefault("delayMs", "0"))),
                Boolean.parseBoolean(query.getOrDefault("failing", "false")));
        Exchanges.send(exchange, 204, "text/plain", new byte[0]);
    }

    private void handle(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            try {
                handler.handle(exchange);
            } catch (RuntimeException e) {
                Exchanges.problem(exchange, 500, "simulator error: " + e);
            }
        });
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
