package com.bookingengine.standalone;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.modelling.command.AggregateRoot;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;

import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arrows between the modules, pinned (as giftcard-demo's ArchitectureTest does): the two sides never reach
 * each other, the published language reaches neither Spring nor the platform, and the domain (aggregates, the
 * command side's decision code) reaches no web, security or Spring configuration class and no exception that
 * carries a request field: it names the rule it refuses by, and the web layer maps that ({@code RuleProblems}).
 * Rules read bytecode: a compile-time constant (a {@code static final String}) leaves no trace of its class there.
 */
class ArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.bookingengine");

    private static final Pattern FEATURE =
            Pattern.compile("com\\.bookingengine\\.command\\.(booking|capacity|catalogue|payment)(\\..*)?");

    /**
     * Aggregates, and every class of the command side's feature packages except the web adapters in them
     * (controllers and their request records), plus the command side's repository helper.
     */
    static final DescribedPredicate<JavaClass> DOMAIN = DescribedPredicate.describe(
            "domain classes (aggregates, command handlers, BookingRules, WeeklyRecurrence...)",
            c -> c.isAnnotatedWith(AggregateRoot.class) || c.isMetaAnnotatedWith(AggregateRoot.class)
                    || c.getName().equals("com.bookingengine.command.Aggregates")
                    || FEATURE.matcher(c.getPackageName()).matches() && !isWebAdapter(c));

    private static boolean isWebAdapter(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top.getSimpleName().endsWith("Controller") || top.getSimpleName().endsWith("Requests");
    }

    @Test
    void theQuerySideNeverReachesTheCommandSide() {
        noClasses().that().resideInAPackage("com.bookingengine.query..")
                .should().dependOnClassesThat().resideInAPackage("com.bookingengine.command..")
                .check(ENGINE);
    }

    @Test
    void theCommandSideNeverReachesTheQuerySide() {
        noClasses().that().resideInAPackage("com.bookingengine.command..")
                .should().dependOnClassesThat().resideInAPackage("com.bookingengine.query..")
                .check(ENGINE);
    }

    @Test
    void thePublishedLanguageDependsOnNoSpringAndNoPlatform() {
        noClasses().that().resideInAPackage("com.bookingengine.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..",
                        "com.bookingengine.platform..", "com.bookingengine.command..", "com.bookingengine.query..")
                .check(ENGINE);
    }

    @Test
    void theDomainReachesNoWebSecurityOrConfigurationAndNoFieldCarryingException() {
        noClasses().that(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                        "org.springframework.http..", "jakarta.servlet..", "org.springframework.context.annotation..",
                        "org.springframework.boot..", "com.bookingengine.platform.web..",
                        "com.bookingengine.platform.security..", "com.bookingengine.platform.error..")
                .orShould().dependOnClassesThat().areMetaAnnotatedWith(Configuration.class)
                .orShould().dependOnClassesThat().areAnnotatedWith(Configuration.class)
                .check(ENGINE);
    }

    /** The rule above must see the domain: an empty selection would pass whatever the code does. */
    @Test
    void theDomainSelectionHoldsTheAggregatesAndTheDecisionCode() {
        assertThat(ENGINE.that(DOMAIN).stream().map(JavaClass::getSimpleName))
                .contains("Booking", "ClassSession", "ProviderDay", "BookableService", "Coupon", "MembershipPlan",
                        "BookingRules", "BookingPayments", "BookingCommandHandler", "CatalogueCommandHandler",
                        "PaymentCommandHandler", "WeeklyRecurrence", "Aggregates")
                .doesNotContain("BookingController", "CatalogueController", "PaymentController", "BookingRequests", "Transition");
    }
}
