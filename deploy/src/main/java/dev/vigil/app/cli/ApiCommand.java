package dev.vigil.app.cli;

import java.io.IOException;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a running Vigil's REST API ({@link VigilApi}: where from {@code VIGIL_URL}, as whom from
 * {@code VIGIL_API_KEY}). It says each way of failing once, prefixed with the command's name: a missing key (exit 2),
 * Vigil unreachable or interrupted (exit 2), Vigil refusing ({@link #refused}, exit 1).
 */
abstract class ApiCommand extends CliCommand {

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        VigilApi api;
        try {
            api = VigilApi.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        try {
            return call(api);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(spec.name() + ": interrupted");
            return 2;
        } catch (IOException e) {
            err.println(spec.name() + ": " + failure(e, api));
            return 2;
        }
    }

    /** Does the command's work against {@code api}; returns its exit code. */
    abstract int call(VigilApi api) throws IOException, InterruptedException;

    /** What an I/O failure means for this command; by default that Vigil could not be reached. */
    String failure(IOException e, VigilApi api) {
        return "could not reach Vigil at " + api.base() + ": " + e;
    }

    /** Says a usage problem picocli cannot see (a malformed option value); returns exit code 2. */
    int usage(String problem) {
        err.println(spec.name() + ": " + problem);
        return 2;
    }

    /** Says Vigil refused {@code what} and why; returns exit code 1. */
    int refused(String what, int status, String body) {
        err.println(spec.name() + ": Vigil refused " + what + " (" + status + "): " + VigilApi.reason(body));
        return 1;
    }
}
