package kagami.hunt;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How event field values become text in every hunt output. The Event conventions make every consumer stringify
 * the same way Sigma compares: Long in decimal, Boolean as {@code true}/{@code false}, a present field without a
 * value as the empty string.
 */
public final class FieldValues {
    /**
     * The flat names of the {@code System} part of a Windows event (Event conventions). They are the timeline's
     * own columns or of no interest to analysts, so {@code ExtraFieldInfo} leaves them out.
     */
    public static final Set<String> SYSTEM_FIELDS = Set.of(
            "EventID", "EventID_Qualifiers", "Channel", "Computer", "Provider_Name", "Provider_Guid",
            "Provider_EventSourceName", "Level", "Task", "Opcode", "Keywords", "Version", "EventRecordID",
            "TimeCreated_SystemTime", "Execution_ProcessID", "Execution_ThreadID", "Execution_ProcessorID",
            "Execution_SessionID", "Execution_KernelTime", "Execution_UserTime", "Execution_ProcessorTime",
            "Security_UserID", "Correlation_ActivityID", "Correlation_RelatedActivityID");

    private FieldValues() {
    }

    /** The text of a field value; {@code null} (present without value) gives the empty string. */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return value.toString();
        }
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return d.toString();
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder();
            for (Object o : list) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(text(o));
            }
            return sb.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Object t = map.get("#text");
            return t != null ? text(t) : map.toString();
        }
        return value.toString();
    }

    /**
     * Replaces control characters (C0, DEL, C1 — including ESC, which starts terminal escape sequences) by a
     * space, so that attacker-chosen text cannot move the cursor, recolour or rewrite an analyst's terminal and
     * each timeline row stays on one line.
     */
    public static String oneLine(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n);
        sb.append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            sb.append(isControl(c) ? ' ' : c);
        }
        return sb.toString();
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
