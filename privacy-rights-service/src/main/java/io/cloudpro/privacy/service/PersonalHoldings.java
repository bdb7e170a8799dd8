package io.cloudpro.privacy.service;

import io.cloudpro.platform.client.ServiceCallException;
import io.cloudpro.platform.privacy.Catalogue;
import io.cloudpro.platform.privacy.PrivacyHoldings;
import io.cloudpro.platform.privacy.PrivacyParticipant;
import io.cloudpro.platform.privacy.Subject;
import io.cloudpro.privacy.client.ParticipantHoldings;
import io.cloudpro.privacy.client.SubjectDirectory;
import io.cloudpro.privacy.domain.Language;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What each service holds about the person logged in to the portal, category by category, with why
 * and how long: every participant is asked at once for its counts, and one that does not answer in
 * time is shown as such rather than holding up the page. This service counts its own records in
 * process. Only counts travel; the data itself leaves a service only with an access request.
 */
@ApplicationScoped
public class PersonalHoldings {

    private static final Logger LOG = Logger.getLogger(PersonalHoldings.class);
    /**
     * A person waits for the page: a participant whose whole answer (a token fetched first, or a
     * retry with a new one, included) takes longer is shown as not answering.
     */
    static final Duration WAIT = Duration.ofSeconds(5);

    /** One service's answer; {@code answered} false when it was silent (then no categories). */
    public record ServiceHoldings(String service, boolean answered, List<HeldCategory> categories) {
    }

    /** A category held, in the catalogue's words, and how many records of it. */
    public record HeldCategory(InformationSheets.CategoryInfo info, long records) {
    }

    private final SubjectDirectory directory;
    private final ParticipantHoldings participants;
    private final PrivacyHoldings ownHoldings;
    private final String ownService;
    private final CatalogueRegistry registry;
    // threads of our own: the participants are asked in parallel, each call blocking at most WAIT (twice
    // with a refused token); a question still queued when its page gave up is not asked, and one that
    // finds the queue full is answered as silent at once
    private final ThreadPoolExecutor askers = new ThreadPoolExecutor(8, 8, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(200), task -> {
        Thread thread = new Thread(task, "holdings-asker");
        thread.setDaemon(true);
        return thread;
    }, new ThreadPoolExecutor.AbortPolicy());

    PersonalHoldings(SubjectDirectory directory, ParticipantHoldings participants, PrivacyHoldings ownHoldings,
                     @ConfigProperty(name = "quarkus.application.name") String ownService, CatalogueRegistry registry) {
        this.directory = directory;
        this.participants = participants;
        this.ownHoldings = ownHoldings;
        this.ownService = ownService;
        this.registry = registry;
    }

    @PreDestroy
    void stop() {
        askers.shutdownNow();
    }

    /**
     * @throws ServiceCallException when identity-service cannot say who the login is: nothing else
     *                              can be asked without it
     */
    public List<ServiceHoldings> of(UUID loginId) {
        SubjectDirectory.Found found = directory.byLogin(loginId);
        UUID subjectId = Stream.of(found.accountIds(), found.loginIds(), found.applicationIds()).flatMap(List::stream)
                .findFirst().orElse(loginId);
        Subject subject = new Subject(subjectId, found.accountIds(), found.loginIds(), found.applicationIds());
        List<Catalogue> asked = registry.all().stream()
                .filter(c -> c.holdsPersonalData() && (c.service().equals(ownService) || c.baseUrl() != null)).toList();
        // the others first, over HTTP on threads of ours, each given up after WAIT; then our own records
        // in this thread, where transactions work
        Map<String, CompletableFuture<ServiceHoldings>> others = new HashMap<>();
        for (Catalogue catalogue : asked) {
            if (!catalogue.service().equals(ownService)) {
                ServiceHoldings silent = new ServiceHoldings(catalogue.service(), false, List.of());
                CompletableFuture<ServiceHoldings> answer = new CompletableFuture<ServiceHoldings>()
                        .completeOnTimeout(silent, WAIT.toMillis(), TimeUnit.MILLISECONDS);
                try {
                    askers.execute(() -> {
                        if (!answer.isDone()) {
                            answer.complete(ask(catalogue, () -> participants.of(catalogue.baseUrl(), subject, WAIT), subject));
                        }
                    });
                } catch (RejectedExecutionException full) {
                    answer.complete(silent);
                }
                others.put(catalogue.service(), answer);
            }
        }
        List<ServiceHoldings> answers = new ArrayList<>();
        for (Catalogue catalogue : asked) {
            answers.add(catalogue.service().equals(ownService) ? ask(catalogue, () -> ownHoldings.of(subject), subject)
                    : others.get(catalogue.service()).join());
        }
        return answers;
    }

    private ServiceHoldings ask(Catalogue catalogue, Supplier<List<PrivacyParticipant.Holding>> question, Subject subject) {
        try {
            Map<String, Catalogue.Category> declared = catalogue.categories().stream()
                    .collect(Collectors.toMap(Catalogue.Category::key, Function.identity(), (a, b) -> a));
            List<HeldCategory> held = new ArrayList<>();
            for (PrivacyParticipant.Holding category : question.get()) {
                Catalogue.Category known = declared.get(category.category());
                if (known != null && category.records() > 0) {
                    held.add(new HeldCategory(InformationSheets.info(catalogue.service(), known, Language.EN), category.records()));
                }
            }
            return new ServiceHoldings(catalogue.service(), true, held);
        } catch (RuntimeException e) { // a call refused, timed out or unreadable, or our own database away
            LOG.warnf("%s did not say what it holds about subject %s: %s", catalogue.service(), subject.subjectId(), e.getMessage());
            return new ServiceHoldings(catalogue.service(), false, List.of());
        }
    }
}
