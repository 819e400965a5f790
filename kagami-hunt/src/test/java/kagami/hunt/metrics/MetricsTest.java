package kagami.hunt.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import kagami.core.Event;
import kagami.core.Origin;
import kagami.core.i18n.Messages;
import kagami.hunt.Fixtures;
import kagami.hunt.summary.Highlighter;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final Instant T = Instant.parse("2024-05-01T00:00:00Z");

    @Test
    void countsPerChannelEventIdComputerAndInput() {
        EventMetrics m = new EventMetrics();
        m.accept(Fixtures.securityLogon("DC01", T, 1, "taro", "10.0.0.1", "3", "a.evtx", 1));
        m.accept(Fixtures.securityLogon("DC01", T.plusSeconds(60), 2, "taro", "10.0.0.1", "3", "a.evtx", 2));
        m.accept(Fixtures.sysmonProcess("WS01", T.minusSeconds(5), 3, "x.exe", "x", "b.evtx", 3));
        EventMetrics.Report r = m.report();
        assertThat(r.events()).isEqualTo(3);
        assertThat(r.channels()).extracting(EventMetrics.ChannelCount::channel)
                .containsExactly("Security", "Microsoft-Windows-Sysmon/Operational");
        assertThat(r.eventIds().get(0)).isEqualTo(new EventMetrics.EventIdCount("Security", 4624,
                "Microsoft-Windows-Security-Auditing", 2));
        assertThat(r.computers()).extracting(EventMetrics.ComputerCount::computer).containsExactly("DC01", "WS01");
        EventMetrics.InputStats a = r.inputs().get(0);
        assertThat(a.input()).isEqualTo("a.evtx");
        assertThat(a.first()).contains(T);
        assertThat(a.last()).contains(T.plusSeconds(60));
        String text = new MetricsText(Messages.load("kagami.hunt.messages", Locale.ENGLISH), Highlighter.PLAIN,
                ZoneOffset.UTC).render(r, 10);
        assertThat(text).contains("Events per channel").contains("66.7").contains("a.evtx");
    }

    @Test
    void logonSummaryGroupsPerAccountAndSource() {
        LogonSummary s = new LogonSummary();
        s.accept(Fixtures.securityLogon("DC01", T, 1, "taro", "10.0.0.23", "3", "a", 1));
        s.accept(Fixtures.securityLogon("DC01", T.plusSeconds(10), 2, "taro", "10.0.0.23", "3", "a", 2));
        s.accept(Fixtures.securityLogon("DC01", T.plusSeconds(20), 3, "hanako", "10.0.0.24", "10", "a", 3));
        s.accept(Event.builder().timestamp(T).host("DC01").channel("Security")
                .provider("Microsoft-Windows-Security-Auditing").eventId(4625).origin(Origin.of("a", 4))
                .field("TargetUserName", "admin").field("TargetDomainName", "CORP").field("LogonType", "3")
                .field("IpAddress", "198.51.100.7").field("Status", "0xc000006d").field("SubStatus", "0xC000006A")
                .build());
        s.accept(Event.builder().timestamp(T).host("SRV01")
                .channel("Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational")
                .provider("Microsoft-Windows-TerminalServices-RemoteConnectionManager").eventId(1149)
                .field("Param1", "taro").field("Param2", "CORP").field("Param3", "10.0.0.23").build());
        s.accept(Event.builder().timestamp(T).host("SRV01")
                .channel("Microsoft-Windows-TerminalServices-LocalSessionManager/Operational")
                .provider("Microsoft-Windows-TerminalServices-LocalSessionManager").eventId(21)
                .field("User", "CORP\\taro").field("SessionID", 2L).field("Address", "10.0.0.23").build());
        s.accept(Fixtures.sysmonProcess("WS01", T, 9, "x", "x", "b", 9));
        List<LogonSummary.Row> rows = s.rows();
        assertThat(rows).hasSize(5);
        LogonSummary.Row first = rows.get(0);
        assertThat(first.key().kind()).isEqualTo(LogonSummary.Kind.SUCCESS);
        assertThat(first.key().account()).isEqualTo("CORP\\taro");
        assertThat(first.count()).isEqualTo(2);
        assertThat(first.first()).isEqualTo(T);
        assertThat(first.last()).isEqualTo(T.plusSeconds(10));
        assertThat(rows).extracting(r -> r.key().kind()).containsExactly(LogonSummary.Kind.SUCCESS,
                LogonSummary.Kind.SUCCESS, LogonSummary.Kind.FAILURE, LogonSummary.Kind.RDP_AUTH,
                LogonSummary.Kind.RDP_LOGON);
        assertThat(rows.get(2).key().detail()).isEqualTo("0xc000006a");
        String ja = new MetricsText(Messages.load("kagami.hunt.messages", Locale.JAPANESE), Highlighter.PLAIN,
                ZoneOffset.UTC).render(s);
        assertThat(ja).contains("ログオン成功").contains("パスワードの誤り").contains("10 リモート対話型");
    }
}
