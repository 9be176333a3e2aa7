package io.linkguard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The names the deployment uses to reach the code match the code's functions: the Event Grid subscription's
 * destination function, the alert webhook's route and the timer's schedule setting. Reads the compiled
 * {@code @FunctionName} methods (finding none is a failure: the scan or the annotations broke).
 */
class FunctionBindingsContractTest {
    private static final Path CLASSES = Path.of("target/classes");
    private static final Path POST_DEPLOY_PARAMETERS = Path.of("infra/post-deploy.parameters.json");

    private static List<Method> functions;

    @BeforeAll
    static void findFunctions() throws IOException {
        functions = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, FunctionBindingsContractTest.class.getClassLoader());
                    for (Method method : type.getDeclaredMethods()) {
                        if (method.isAnnotationPresent(FunctionName.class)) {
                            functions.add(method);
                        }
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new AssertionError("cannot load " + name, e);
                }
            }
        }
    }

    @Test
    void theEventGridSubscriptionTargetsTheEventGridFunction() throws IOException {
        functionsExist();
        String name = parameter("eventGridFunctionName");
        Method function = functions.stream().filter(f -> f.getAnnotation(FunctionName.class).value().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("post-deploy eventGridFunctionName '" + name
                        + "' is not a function; functions: " + names()));
        assertThat(trigger(function, EventGridTrigger.class)).as("%s has an @EventGridTrigger parameter", name).isPresent();
    }

    @Test
    void theAlertWebhookPathIsAnHttpFunctionWithAFunctionKey() throws IOException {
        functionsExist();
        String path = parameter("alertWebhookPath");
        List<String> routes = new ArrayList<>();
        for (Method function : functions) {
            Optional<HttpTrigger> http = trigger(function, HttpTrigger.class);
            if (http.isEmpty()) {
                continue;
            }
            String route = http.get().route().isEmpty() ? function.getAnnotation(FunctionName.class).value() : http.get().route();
            routes.add("api/" + route);
            if (("api/" + route).equals(path)) {
                assertThat(http.get().authLevel()).as("the alert webhook needs a key").isEqualTo(AuthorizationLevel.FUNCTION);
                assertThat(function.getAnnotation(FunctionName.class).value())
                        .as("post-deploy alertWebhookFunctionName: the function whose own key the action group carries")
                        .isEqualTo(parameter("alertWebhookFunctionName"));
                return;
            }
        }
        throw new AssertionError("post-deploy alertWebhookPath '" + path + "' matches no HTTP function; routes: " + routes);
    }

    @Test
    void theTimerReadsItsScheduleFromTheAppSetting() {
        functionsExist();
        List<String> schedules = functions.stream().map(f -> trigger(f, TimerTrigger.class)).flatMap(Optional::stream)
                .map(TimerTrigger::schedule).toList();
        assertThat(schedules).as("timer triggers").isNotEmpty().allMatch("%LINKGUARD_SCHEDULE%"::equals);
    }

    private static void functionsExist() {
        assertThat(functions).as("@FunctionName methods found in " + CLASSES).isNotEmpty();
    }

    private static String parameter(String name) throws IOException {
        JsonNode value = InfrastructureContractTest.parameters(POST_DEPLOY_PARAMETERS).path(name).path("value");
        assertThat(value.isTextual()).as("%s in %s", name, POST_DEPLOY_PARAMETERS).isTrue();
        return value.asText();
    }

    private static <A extends Annotation> Optional<A> trigger(Method function, Class<A> type) {
        for (Parameter parameter : function.getParameters()) {
            A annotation = parameter.getAnnotation(type);
            if (annotation != null) {
                return Optional.of(annotation);
            }
        }
        return Optional.empty();
    }

    private static List<String> names() {
        return functions.stream().map(f -> f.getAnnotation(FunctionName.class).value()).toList();
    }
}
