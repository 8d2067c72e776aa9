package io.slipway.learn;

import io.slipway.core.QPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFileTest
{
    private static PolicyModel model()
    {
        final QPolicy policy = new QPolicy().explore(3, 0.5);
        for (int i = 0; i < 50; i++)
        {
            final int state = (i * 7) % QPolicy.STATES;
            final int context = (i * 5) % QPolicy.CONTEXTS;
            final int action = policy.act(state, context);
            policy.update(state, action, -i * 0.1, (state + 1) % QPolicy.STATES);
            policy.observePlacement(context, action, 5.0 - i * 0.01);
        }
        return new PolicyModel(List.of("calm", "volatile"), 1_000_000, 50, "v1-test", "2026-11-21", policy.frozen());
    }

    @Test
    void roundTripsToTheSameModelAndTheSameBytes()
    {
        final PolicyModel model = model();
        final String yaml = ModelFile.toYaml(model);
        final PolicyModel read = ModelFile.parse("m.yaml", yaml);
        assertEquals(model.policy(), read.policy());
        assertEquals(model.scenarios(), read.scenarios());
        assertEquals(model.seedBase(), read.seedBase());
        assertEquals(model.episodes(), read.episodes());
        assertEquals("v1-test", read.codeVersion());
        assertEquals("2026-11-21", read.trainedAt());
        assertEquals(yaml, ModelFile.toYaml(read));
        assertTrue(read.trainedOnSeed(1_000_049));
        assertTrue(!read.trainedOnSeed(1_000_050));
    }

    @Test
    void aBadVersionAMissingFieldOrAWrongTableIsAClearError()
    {
        final String yaml = ModelFile.toYaml(model());
        final String version = assertThrows(ModelFileException.class,
            () -> ModelFile.parse("m.yaml", yaml.replace("version: 2", "version: 1"))).getMessage();
        assertTrue(version.contains("m.yaml") && version.contains("model version 1 is not supported"), version);

        final String missing = assertThrows(ModelFileException.class,
            () -> ModelFile.parse("m.yaml", yaml.replaceAll("(?m)^codeVersion:.*\\n", ""))).getMessage();
        assertEquals("m.yaml: missing field 'codeVersion'", missing);

        final String format = assertThrows(ModelFileException.class,
            () -> ModelFile.parse("m.yaml", yaml.replace("slipway-learned-policy", "other"))).getMessage();
        assertTrue(format.contains("format is 'other'"), format);

        final String layout = assertThrows(ModelFileException.class,
            () -> ModelFile.parse("m.yaml", yaml.replace("states: " + QPolicy.STATES, "states: 9"))).getMessage();
        assertTrue(layout.contains("does not match this build"), layout);
        final String contexts = assertThrows(ModelFileException.class,
            () -> ModelFile.parse("m.yaml", yaml.replace("contexts: " + QPolicy.CONTEXTS, "contexts: 9"))).getMessage();
        assertTrue(contexts.contains("9 contexts") && contexts.contains("does not match this build"), contexts);

        final String unknown = assertThrows(ModelFileException.class,
            () -> ModelFile.parse("m.yaml", yaml + "extra: 1\n")).getMessage();
        assertTrue(unknown.contains("unknown field 'extra'"), unknown);

        final String type = assertThrows(ModelFileException.class,
            () -> ModelFile.parse("m.yaml", yaml.replace("episodes: 50", "episodes: many"))).getMessage();
        assertTrue(type.contains("'episodes' must be a whole number"), type);

        final String notYaml = assertThrows(ModelFileException.class,
            () -> ModelFile.parse("m.yaml", "just text")).getMessage();
        assertTrue(notYaml.startsWith("m.yaml: "), notYaml);
    }
}
