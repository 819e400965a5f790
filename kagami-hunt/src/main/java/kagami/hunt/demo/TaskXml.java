package kagami.hunt.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/** Task Scheduler task definitions as Security 4698 carries them in TaskContent (Task Scheduler schema 1.2). */
final class TaskXml {
    private TaskXml() {
    }

    /** A task repeating every five minutes, run as SYSTEM (the shape of MirrorFace's "Hello" task). */
    static String repeating(String command, String arguments, String startBoundary, String author) {
        return task(author, "<TimeTrigger>\r\n      <Repetition>\r\n        <Interval>PT5M</Interval>\r\n"
                + "        <StopAtDurationEnd>false</StopAtDurationEnd>\r\n      </Repetition>\r\n      <StartBoundary>"
                + startBoundary + "</StartBoundary>\r\n      <Enabled>true</Enabled>\r\n    </TimeTrigger>", "S-1-5-18",
                command, arguments);
    }

    /** A task run at boot as SYSTEM. */
    static String boot(String command, String arguments) {
        return task("THINKTANK\\TT-WS01$", "<BootTrigger>\r\n      <Enabled>true</Enabled>\r\n    </BootTrigger>", "S-1-5-18",
                command, arguments);
    }

    /** A daily task run as {@code userSid}. */
    static String daily(String author, String userSid, String startBoundary, String command, String arguments) {
        return task(author, "<CalendarTrigger>\r\n      <StartBoundary>" + startBoundary + "</StartBoundary>\r\n"
                + "      <ScheduleByDay>\r\n        <DaysInterval>1</DaysInterval>\r\n      </ScheduleByDay>\r\n"
                + "    </CalendarTrigger>", userSid, command, arguments);
    }

    private static String task(String author, String trigger, String userId, String command, String arguments) {
        return "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n"
                + "<Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\r\n"
                + "  <RegistrationInfo>\r\n    <Author>" + author + "</Author>\r\n  </RegistrationInfo>\r\n"
                + "  <Triggers>\r\n    " + trigger + "\r\n  </Triggers>\r\n"
                + "  <Principals>\r\n    <Principal id=\"Author\">\r\n      <UserId>" + userId + "</UserId>\r\n"
                + "      <RunLevel>HighestAvailable</RunLevel>\r\n    </Principal>\r\n  </Principals>\r\n"
                + "  <Settings>\r\n    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>\r\n"
                + "    <Enabled>true</Enabled>\r\n  </Settings>\r\n"
                + "  <Actions Context=\"Author\">\r\n    <Exec>\r\n      <Command>" + command + "</Command>\r\n"
                + (arguments.isEmpty() ? "" : "      <Arguments>" + arguments + "</Arguments>\r\n")
                + "    </Exec>\r\n  </Actions>\r\n</Task>";
    }

    /** EventData fields in the given order: {@code map("TaskName", "\\Hello", "UserContext", "...")}. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
