package kagami.sigma.logsource;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One concrete place where events of a rule's logsource are found: channels and event ids to index the rule
 * under, extra field conditions, and the field/value rewrites for that source.
 *
 * @param name       the pipeline's description of the source (for explanations)
 * @param channels   channels (empty: any channel)
 * @param eventIds   event ids (empty: any)
 * @param conditions field → accepted values (ANDed across fields, ORed within)
 * @param fields     rule field → event field
 * @param values     rule field → (rule value, case-insensitive → value in this source)
 * @param available  EventData fields this source records; null when open (every field may occur)
 * @param mapped     false when the pipeline does not know the logsource: the rule then runs on every event
 */
public record LogsourceVariant(String name, Set<String> channels, Set<Integer> eventIds,
                               Map<String, List<String>> conditions, Map<String, String> fields,
                               Map<String, Map<String, String>> values, Set<String> available, boolean mapped)
        implements Serializable {

    public LogsourceVariant {
        channels = Set.copyOf(channels);
        eventIds = Set.copyOf(eventIds);
        conditions = Map.copyOf(conditions);
        fields = Map.copyOf(fields);
        values = Map.copyOf(values);
        available = available == null ? null : Set.copyOf(available);
    }

    /** Fields of the System section, present in every Windows event whatever the source. */
    public static final Set<String> SYSTEM_FIELDS = Set.of("EventID", "Channel", "Computer", "Provider_Name",
            "Provider_Guid", "Provider_EventSourceName", "Level", "Task", "Opcode", "Keywords", "Version",
            "EventRecordID", "TimeCreated_SystemTime", "Execution_ProcessID", "Execution_ThreadID",
            "Security_UserID", "Correlation_ActivityID", "Correlation_RelatedActivityID", "EventID_Qualifiers");

    /** Whether a test of the event field {@code field} can be evaluated on this source. */
    public boolean records(String field) {
        return available == null || available.contains(field) || SYSTEM_FIELDS.contains(field)
                || field.indexOf('.') >= 0;
    }
}
