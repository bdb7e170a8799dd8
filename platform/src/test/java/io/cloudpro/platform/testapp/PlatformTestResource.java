package io.cloudpro.platform.testapp;

import io.cloudpro.testsupport.ServiceTestResource;
import io.cloudpro.testsupport.SmtpStub;

import java.util.HashMap;
import java.util.Map;

/**
 * The platform's tests point the mailer at an SMTP stub that can be slow or refuse recipients,
 * instead of the mail catcher the services' tests use.
 */
public class PlatformTestResource extends ServiceTestResource {

    public static final SmtpStub SMTP = SmtpStub.start();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("SMTP_HOST", "localhost");
        config.put("SMTP_PORT", Integer.toString(SMTP.port()));
        return config;
    }
}
