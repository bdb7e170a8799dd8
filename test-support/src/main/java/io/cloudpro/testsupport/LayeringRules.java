package io.cloudpro.testsupport;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.transaction.Transactional;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

/**
 * How every service is layered, checked rather than remembered: requests flow resource -> service
 * -> repository. Resources ({@code ..rest..}, and pages in {@code ..web..}) never reach a repository or
 * a client of another service; services never take or
 * return REST types; only the service layer opens transactions; repositories and entities know
 * nothing of the layers above them. A service's test calls {@link #check} with its base package.
 */
public final class LayeringRules {

    private static final String REST = "..rest..";
    /** Server-side pages: resources too. */
    private static final String WEB = "..web..";
    private static final String SERVICE = "..service..";
    private static final String REPOSITORY = "..repository..";
    private static final String DOMAIN = "..domain..";
    private static final String CLIENT = "..client..";

    private LayeringRules() {
    }

    public static final List<ArchRule> RULES = List.of(
            noClasses().that().resideInAnyPackage(REST, WEB)
                    .should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(REPOSITORY, CLIENT)
                            .and(DescribedPredicate.not(HasName.Predicates.name(
                                    "io.cloudpro.platform.client.ServiceCallException"))))
                    .as("resources and pages call services, never repositories or clients (a service call's failure aside)")
                    .allowEmptyShould(true),
            noClasses().that().resideInAPackage(SERVICE)
                    .should().dependOnClassesThat().resideInAnyPackage(REST, WEB)
                    .as("services take and return their own types, never REST DTOs").allowEmptyShould(true),
            noClasses().that().resideOutsideOfPackage(SERVICE)
                    .should().beAnnotatedWith(Transactional.class)
                    .as("transactions are opened in the service layer only (@Transactional classes)").allowEmptyShould(true),
            noMethods().that().areDeclaredInClassesThat().resideOutsideOfPackage(SERVICE)
                    .should().beAnnotatedWith(Transactional.class)
                    .as("transactions are opened in the service layer only (@Transactional methods)").allowEmptyShould(true),
            noClasses().that().resideOutsideOfPackage(SERVICE)
                    .should().dependOnClassesThat().haveFullyQualifiedName("io.quarkus.narayana.jta.QuarkusTransaction")
                    .as("transactions are opened in the service layer only (QuarkusTransaction)").allowEmptyShould(true),
            noClasses().that().resideInAPackage(REPOSITORY)
                    .should().dependOnClassesThat().resideInAnyPackage(SERVICE, REST, WEB)
                    .as("repositories know nothing of services and resources").allowEmptyShould(true),
            noClasses().that().resideInAPackage(DOMAIN)
                    .should().dependOnClassesThat().resideInAnyPackage(SERVICE, REST, REPOSITORY)
                    .as("entities know nothing of the layers that use them").allowEmptyShould(true));

    /** Checks every rule against the service's main classes; fails with the list of violations. */
    public static void check(String basePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        for (ArchRule rule : RULES) {
            rule.check(classes);
        }
    }
}
