package kagami.sigma.compile;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.IsoFields;

/**
 * The time modifiers of Sigma 2.1 ({@code minute hour day week month year}): a number taken from a date value.
 * The specification says they do no time-zone or format conversion, so the parts are read from the text as
 * written: ISO-8601 ({@code 2025-11-27T07:40:10.165Z}, EVTX SystemTime) and Sysmon's {@code UtcTime}
 * ({@code 2025-11-27 07:40:10.132}). Week is the ISO-8601 week of the year.
 */
enum TimePart {
    MINUTE, HOUR, DAY, WEEK, MONTH, YEAR;

    /** The part, or -1 when the value is not such a date. */
    int extract(String t) {
        if (t.length() < 10 || t.charAt(4) != '-' || t.charAt(7) != '-') {
            return -1;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            return -1;
        }
        switch (this) {
            case YEAR:
                return year;
            case MONTH:
                return month;
            case DAY:
                return day;
            case WEEK:
                try {
                    return LocalDate.of(year, month, day).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                } catch (DateTimeException e) {
                    return -1;
                }
            default:
                break;
        }
        if (t.length() < 16 || (t.charAt(10) != 'T' && t.charAt(10) != ' ') || t.charAt(13) != ':') {
            return -1;
        }
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return -1;
        }
        return this == HOUR ? hour : minute;
    }

    private static int digits(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
