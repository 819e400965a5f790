package kagami.hunt.demo;

/**
 * A process of the simulated estate, as Sysmon describes it (event 1 fields). The same instance is reused for every
 * event the process causes, so ProcessGuid and ProcessId stay consistent across Sysmon 1/3/7/10/11/13/22 records.
 */
record Proc(
        Host host,
        String image,
        String commandLine,
        String user,
        long pid,
        String guid,
        String integrity,
        String currentDirectory,
        VersionInfo version) {

    boolean isSystem() {
        return user.endsWith("\\SYSTEM");
    }

    String exeName() {
        return image.substring(image.lastIndexOf('\\') + 1);
    }
}
