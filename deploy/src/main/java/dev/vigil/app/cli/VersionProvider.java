package dev.vigil.app.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the application's jar was built as ({@code Implementation-Version} of its manifest). */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VigilCli.class.getPackage().getImplementationVersion();
        return new String[] {"vigil " + (version == null ? "(classes not from a jar)" : version)};
    }
}
