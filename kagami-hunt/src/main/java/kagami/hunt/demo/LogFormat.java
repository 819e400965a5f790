package kagami.hunt.demo;

/** How {@link DemoDataSet} writes its event logs. */
public enum LogFormat {
    /** evtx-crate JSON, one event a line ({@code .jsonl}): what Hayabusa, Chainsaw and {@code kagami dump} export. */
    JSONL,
    /** Windows XML Event Log files ({@code .evtx}), as collected from a host. */
    EVTX
}
