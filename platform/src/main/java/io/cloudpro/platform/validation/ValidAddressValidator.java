package io.cloudpro.platform.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.util.Locale;

public class ValidAddressValidator implements ConstraintValidator<ValidAddress, ValidAddress.HasAddress> {

    @Override
    public boolean isValid(ValidAddress.HasAddress address, ConstraintValidatorContext context) {
        if (address == null || address.country() == null || address.postalCode() == null) {
            return true; // @NotBlank on the fields reports what is missing
        }
        context.disableDefaultConstraintViolation();
        if (!DutchFormats.isCountry(address.country())) {
            context.buildConstraintViolationWithTemplate("must be an ISO 3166 country code such as NL")
                    .addPropertyNode("country").addConstraintViolation();
            return false;
        }
        String postalCode = address.postalCode().trim().toUpperCase(Locale.ROOT);
        if (!DutchFormats.isPostalCode(address.country(), postalCode)) {
            context.buildConstraintViolationWithTemplate("NL".equals(address.country())
                            ? "must be a Dutch postal code such as 5042 CR" : "is not a postal code")
                    .addPropertyNode("postalCode").addConstraintViolation();
            return false;
        }
        return true;
    }
}
