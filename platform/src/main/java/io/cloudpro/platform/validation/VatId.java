package io.cloudpro.platform.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A Dutch VAT identification number with a valid check (null passes: use @NotNull to require one). */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = VatId.Validator.class)
public @interface VatId {

    String message() default "must be a Dutch VAT number such as NL181702587B02";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<VatId, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || DutchFormats.isVatId(value);
        }
    }
}
