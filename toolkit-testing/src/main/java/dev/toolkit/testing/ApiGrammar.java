package dev.toolkit.testing;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks a configuration class against the API grammar of {@code ARCHITECTURE.md}: made by a static
 * {@code builder()}, a variant derived only through {@code toBuilder()} … {@code build()}, nothing on the built
 * value that changes or copies it (no setter, no {@code withX}, {@code newBuilder}, {@code configure}), and the
 * wire log switched by {@code wireLog(WireLog)}, never {@code wiretap}.
 */
public final class ApiGrammar {

    private static final Set<String> FORBIDDEN_NAMES = Set.of("newBuilder", "configure", "wiretap");

    private ApiGrammar() {
    }

    /**
     * Fails unless {@code config} follows the grammar.
     *
     * @param operations public methods of the built value that take arguments yet are no settings (a TLS
     *     settings object's {@code install}, say); every other such method fails the check
     */
    public static void assertConfiguration(Class<?> config, String... operations) {
        Set<String> allowed = Set.of(operations);
        Method builderFactory = method(config, "builder");
        assertTrue(Modifier.isStatic(builderFactory.getModifiers()), config.getSimpleName() + ".builder() is static");
        Class<?> builder = builderFactory.getReturnType();
        assertEquals("Builder", builder.getSimpleName(), config.getSimpleName() + ".builder() returns its Builder");
        Method toBuilder = method(config, "toBuilder");
        assertTrue(!Modifier.isStatic(toBuilder.getModifiers()), config.getSimpleName() + ".toBuilder() is an instance method");
        assertEquals(builder, toBuilder.getReturnType(), config.getSimpleName() + ".toBuilder() returns its Builder");
        assertEquals(config, method(builder, "build").getReturnType(), builder.getName() + ".build() returns "
                + config.getSimpleName());

        List<String> wrong = new ArrayList<>();
        for (Method m : config.getMethods()) {
            if (m.getDeclaringClass() == Object.class || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String name = m.getName();
            if (FORBIDDEN_NAMES.contains(name) || name.startsWith("with") && name.length() > 4
                    && Character.isUpperCase(name.charAt(4))) {
                wrong.add(name + " (variants come from toBuilder())");
            } else if (m.getParameterCount() > 0 && !allowed.contains(name) && !name.equals("equals")) {
                wrong.add(name + " (the built configuration takes no setting)");
            }
        }
        for (Method m : builder.getMethods()) {
            if (m.getName().equals("wiretap") || m.getName().equals("newBuilder") || m.getName().equals("configure")) {
                wrong.add(builder.getSimpleName() + "." + m.getName() + " (not in the grammar)");
            }
        }
        boolean hasWireLog = List.of(config.getMethods()).stream().anyMatch(m -> m.getName().equals("wireLog")
                && m.getParameterCount() == 0);
        if (hasWireLog && List.of(builder.getMethods()).stream().noneMatch(m -> m.getName().equals("wireLog")
                && m.getParameterCount() == 1 && m.getParameterTypes()[0].getSimpleName().equals("WireLog"))) {
            wrong.add(builder.getSimpleName() + ".wireLog(WireLog) is missing");
        }
        if (!wrong.isEmpty()) {
            fail(config.getName() + " breaks the API grammar: " + String.join(", ", wrong));
        }
    }

    private static Method method(Class<?> type, String name) {
        try {
            return type.getMethod(name);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(type.getName() + " has no public " + name + "()", e);
        }
    }
}
